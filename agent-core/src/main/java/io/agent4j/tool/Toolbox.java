package io.agent4j.tool;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.internal.RegisteredTool;
import io.agent4j.tool.internal.ToolMethod;
import io.agent4j.tool.internal.ToolScanner;
import io.github.classgraph.ClassGraph;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The tools an agent may call, by name. Immutable and thread-safe; only {@link Tool} methods and
 * {@link ToolSpec}s are in it, so nothing else can be invoked whatever name the model sends.
 *
 * <pre>{@code
 * Toolbox tools = Toolbox.of(new Weather(), MathTools.class, lookupOrder)   // lookupOrder: a ToolSpec
 *         .with(Toolbox.scan("com.acme.tools"));
 * }</pre>
 */
public final class Toolbox {

    private static final Toolbox EMPTY = new Toolbox(Map.of());

    private final Map<String, RegisteredTool> tools;
    private volatile List<ToolDefinition> definitions;

    private Toolbox(Map<String, RegisteredTool> tools) {
        this.tools = tools;
    }

    /** A toolbox with no tools. */
    public static Toolbox empty() {
        return EMPTY;
    }

    /**
     * The {@link Tool} methods of the given objects. A {@link Class} contributes its static tools,
     * and its instance tools on a new instance made by its public no-argument constructor; a
     * {@link Toolbox} contributes its tools, a {@link ToolSpec} the tool it defines; any other object
     * its instance and static tools. A {@link ToolSource} is refused: its tools may change, so it
     * goes to {@code Agent.Builder.tools}.
     *
     * @throws ToolRegistrationException when an object has no tool, a method cannot be a tool (a method
     *     annotated with another framework's {@code @Tool} is refused with the fix), or two tools share a name
     */
    public static Toolbox of(Object... targets) {
        List<RegisteredTool> methods = new ArrayList<>();
        for (Object target : targets) {
            if (target == null) {
                throw new ToolRegistrationException("A tool object given to Toolbox.of (or Agent.Builder.tools) "
                        + "is null.");
            } else if (target instanceof Toolbox toolbox) {
                methods.addAll(toolbox.tools.values());
            } else if (target instanceof ToolSpec spec) {
                methods.add(spec.tool());
            } else if (target instanceof ToolSource source) {
                throw new ToolRegistrationException("A ToolSource (" + source + ") was given to Toolbox.of, but its "
                        + "tools may change while an agent runs, so a Toolbox cannot hold them: give it to "
                        + "Agent.Builder.tools(...), which asks it for its tools before every model call, or take "
                        + "its tools of now with source.tools(Set.of()).");
            } else if (target instanceof Collection<?> || target instanceof Object[]) {
                throw new ToolRegistrationException("A tool object given to Toolbox.of (or Agent.Builder.tools) "
                        + "is a collection (" + target.getClass().getName() + "), whose own methods are no tools: "
                        + "pass its elements instead, e.g. tools(list.toArray()).");
            } else {
                Class<?> type = target instanceof Class<?> given ? given : target.getClass();
                List<ToolMethod> found = target instanceof Class<?> ? ToolScanner.toolsOf(type)
                        : ToolScanner.toolsOf(target);
                if (found.isEmpty()) {
                    throw new ToolRegistrationException(type.getName() + " has no public method annotated with "
                            + Tool.class.getName() + ", so it offers no tools: annotate the methods the model may "
                            + "call with @Tool(\"what it does\").");
                }
                methods.addAll(found);
            }
        }
        return from(methods);
    }

    /**
     * Scans the given packages (and their sub-packages) of the class path for classes with
     * {@link Tool} methods, and creates one instance of each through its public no-argument
     * constructor.
     *
     * @throws ToolRegistrationException when a package holds no tool (saying what it holds and which
     *     packages do), or a class cannot be a tool
     */
    public static Toolbox scan(String... packages) {
        if (packages.length == 0) {
            throw new IllegalArgumentException("name at least one package to scan, e.g. \"com.acme.tools\"");
        }
        ClassLoader loader = Toolbox.class.getClassLoader();
        List<String> roots = ToolScanner.rootsOf(loader, packages);
        ClassGraph classGraph = new ClassGraph().acceptPackages(packages);
        classGraph = roots.isEmpty() ? classGraph.addClassLoader(loader) : classGraph.overrideClasspath(roots);
        return from(List.copyOf(ToolScanner.scanPackages(classGraph, loader, List.of(packages))));
    }

    /**
     * Loads a jar of tools in its own class loader (which sees agent4j and the application). A jar
     * that declares {@link ToolPack}s offers their tools; any other jar is scanned for classes with
     * {@link Tool} methods, one instance of each made through its public no-argument constructor.
     *
     * @param settings settings for the jar's packs, {@code <pack>.<setting>=value}
     * @throws ToolRegistrationException when the file is missing or holds no tools
     */
    public static Toolbox loadJar(Path jar, Map<String, String> settings) {
        if (!Files.isRegularFile(jar)) {
            throw new ToolRegistrationException("Tool jar " + jar + " does not exist or is not a file.");
        }
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new ToolRegistrationException("Tool jar path " + jar + " is not usable: " + e.getMessage(), e);
        }
        // Not closed: the tools keep loading classes from it for as long as they live.
        URLClassLoader loader = new URLClassLoader(new URL[] {url}, Toolbox.class.getClassLoader());
        List<ToolPack> packs = ToolPack.discover(loader).stream()
                .filter(pack -> pack.getClass().getClassLoader() == loader).toList();
        Toolbox found = packs.isEmpty()
                ? from(List.copyOf(ToolScanner.scan(new ClassGraph().overrideClasspath(jar.toString()), loader)))
                : ofPacks(packs, settings);
        if (found.isEmpty()) {
            throw new ToolRegistrationException("Tool jar " + jar
                    + " holds no tool pack and no class with a public @Tool method.");
        }
        return found;
    }

    /**
     * The tools of the given packs, each given its own settings out of {@code settings}
     * ({@code files.root=/data} reaches the {@code files} pack as {@code root=/data}); settings of
     * other prefixes are left alone.
     *
     * @throws ToolRegistrationException when a setting under a pack's prefix is not among its
     *     {@link ToolPack#settingNames()}, or the pack refuses a value, or its tools clash
     */
    public static Toolbox ofPacks(List<ToolPack> packs, Map<String, String> settings) {
        Toolbox toolbox = EMPTY;
        for (ToolPack pack : packs) {
            String prefix = pack.name() + ".";
            Map<String, String> own = new LinkedHashMap<>();
            settings.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    own.put(key.substring(prefix.length()), value);
                }
            });
            Set<String> known = new TreeSet<>(pack.settingNames());
            for (String key : own.keySet()) {
                if (!known.contains(key)) {
                    throw new ToolRegistrationException("Unknown setting '" + prefix + key + "' for the " + pack.name()
                            + " tool pack; " + (known.isEmpty() ? "it has no settings." : "its settings are " + known
                            + "."));
                }
            }
            toolbox = toolbox.with(of(pack.tools(Collections.unmodifiableMap(own)).toArray()));
        }
        return toolbox;
    }

    private static Toolbox from(List<RegisteredTool> registered) {
        Map<String, RegisteredTool> byName = new LinkedHashMap<>();
        for (RegisteredTool tool : registered) {
            RegisteredTool previous = byName.putIfAbsent(tool.name(), tool);
            if (previous != null && !previous.sameAs(tool)) {
                throw new ToolRegistrationException("Tool name '" + tool.name() + "' is used twice: by "
                        + previous.origin() + " and by " + tool.origin()
                        + ". Give one of them another name with @Tool(name = ...) or in ToolSpec.of.");
            }
        }
        return byName.isEmpty() ? EMPTY : new Toolbox(Collections.unmodifiableMap(byName));
    }

    /** This toolbox and another together; names must stay unique. */
    public Toolbox with(Toolbox other) {
        List<RegisteredTool> all = new ArrayList<>(tools.values());
        all.addAll(other.tools.values());
        return from(all);
    }

    /** The tools' definitions for the model, in a stable order. */
    public List<ToolDefinition> definitions() {
        List<ToolDefinition> made = definitions;
        if (made == null) {
            made = tools.values().stream().map(RegisteredTool::definition).toList();
            definitions = made;
        }
        return made;
    }

    /**
     * This toolbox with strict mode off for every tool, for servers that reject strict schemas:
     * optional properties leave {@code required}, maps become open objects.
     */
    public Toolbox lenient() {
        return from(tools.values().stream().map(RegisteredTool::lenient).toList());
    }

    /**
     * The named tool's own timeout, declared with {@link Tool#timeoutMillis()} or
     * {@link ToolSpec#withTimeout}, if any.
     */
    public Optional<Duration> timeout(String name) {
        RegisteredTool method = tools.get(name);
        return method == null ? Optional.empty() : method.timeout();
    }

    /** Whether the named tool runs on the agent's own thread ({@link Tool#inline()}); false for unknown names. */
    public boolean inline(String name) {
        RegisteredTool method = tools.get(name);
        return method != null && method.inline();
    }

    /**
     * Why a call of the named tool needs a person's approval, declared with {@link Tool#approval()}
     * or {@link ToolSpec#withApproval}; empty when it needs none, or for an unknown name.
     */
    public Optional<String> approval(String name) {
        RegisteredTool tool = tools.get(name);
        return tool == null ? Optional.empty() : tool.approval();
    }

    /** Whether the named tool is idempotent ({@link Tool#idempotent()}); false for unknown names. */
    public boolean idempotent(String name) {
        RegisteredTool tool = tools.get(name);
        return tool != null && tool.idempotent();
    }

    /** The tools' names. */
    public Set<String> names() {
        return tools.keySet();
    }

    /** Whether there are no tools. */
    public boolean isEmpty() {
        return tools.isEmpty();
    }

    /**
     * Runs the tool called {@code name} with the JSON {@code arguments} the model wrote. Never
     * throws for anything the model or the tool did: an unknown name, arguments that do not parse
     * or bind, and exceptions of the tool all come back as a failed result explaining the problem.
     */
    public ToolResult call(String name, String arguments) {
        return call(name, arguments, new ToolContext(null, null));
    }

    /**
     * Runs a tool as {@link #call(String, String)} does, handing {@code context} to a tool that
     * declares a {@link ToolContext} parameter.
     */
    public ToolResult call(String name, String arguments, ToolContext context) {
        RegisteredTool method = tools.get(name);
        if (method == null) {
            return ToolResult.failure("Error: there is no tool named '" + name + "'. The available tools are "
                    + tools.keySet().stream().collect(Collectors.joining(", ", "[", "]")) + ".");
        }
        return method.call(arguments, context);
    }

    @Override
    public String toString() {
        return "Toolbox" + tools.keySet();
    }
}
