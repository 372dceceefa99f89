package io.agent4j.examples.cli;

import io.agent4j.examples.Example;
import io.agent4j.mcp.client.McpTools;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.ToolPack;
import io.agent4j.tool.ToolSource;
import io.agent4j.tool.Toolbox;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agent4j tools}: lists tools with their descriptions and parameters. With {@code --example},
 * {@code --packs}, {@code --tools}, {@code --mcp} or {@code --mcp-url}, exactly the tools of the
 * agent those options make for {@code run} and {@code chat}, in the order it sends them (an MCP
 * server is started to list its tools, then stopped); with none of them, the tools of every tool
 * pack on the class path, which {@code --packs} can add.
 */
@Command(name = "tools", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Lists tools with their descriptions and parameters: with --example, --packs, --tools, --mcp "
                + "or --mcp-url, exactly those of the agent 'run' makes with the same options (an MCP server's as the "
                + "agent sends them); with none of them, those of every tool pack on the class path.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a pack, jar or MCP server could not be loaded (the others are listed)",
            "2:usage error"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent4j tools",
            "  agent4j tools --example calc --json",
            "  agent4j tools --tools weather.jar --tool-config weather.units=imperial",
            "  agent4j tools --mcp 'npx -y @modelcontextprotocol/server-everything' --json"})
public final class ToolsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ToolOptions toolOptions;

    @Mixin
    private McpOptions mcpOptions;

    @Option(names = "--example", paramLabel = "NAME",
            description = "The tools of this example agent (see 'agent4j examples'), as 'run --example' has them.")
    private String example;

    @Option(names = "--packs", paramLabel = "NAME", split = ",",
            description = "The tools of these ready tool packs, as 'run --packs' adds them; repeatable.")
    private List<String> packs = new ArrayList<>();

    @Option(names = "--json",
            description = "Print one JSON array on stdout instead: the 'tools' of the request, each "
                    + "{\"type\": \"function\", \"function\": {name, description, parameters, strict}}.")
    private boolean json;

    private boolean failed;

    /** Creates the command; picocli calls this. */
    public ToolsCommand() {
    }

    /** Prints the tools; returns {@link ExitCodes#FAILURE} when a source of tools could not be loaded. */
    @Override
    public Integer call() {
        Example chosen = ToolOptions.example(spec, example);
        List<ToolPack> chosenPacks = chosenPacks();
        List<Path> jars = toolOptions.jars();
        Map<String, String> settings = toolOptions.settings();
        List<McpTools> servers = mcpOptions.servers();
        List<ToolListing.Group> groups = new ArrayList<>();
        boolean agent = chosen != null || !chosenPacks.isEmpty() || !jars.isEmpty() || !servers.isEmpty();
        // in the order the agent sends its tools: the example's, the packs', the jars', then those of its
        // tool sources (the example's MCP servers, those of --mcp and --mcp-url), each told the names taken
        if (chosen != null) {
            load(groups, "example " + chosen.name() + ": " + chosen.description(), () -> chosen.tools(settings));
        }
        for (ToolPack pack : agent ? chosenPacks : discover()) {
            load(groups, "pack " + pack.name() + ": " + Failures.oneLine(pack.description()),
                    () -> Toolbox.ofPacks(List.of(pack), settings));
        }
        Map<String, Path> packOwners = new HashMap<>();
        for (Path jar : jars) {
            load(groups, "jar " + jar, () -> {
                ToolOptions.claimPackNames(jar, packOwners);
                return Toolbox.loadJar(jar, settings);
            });
        }
        List<ToolSource> sources = new ArrayList<>();
        try {
            if (chosen != null) {
                load(() -> sources.addAll(chosen.sources(settings)));
            }
            sources.addAll(servers);
            checkTheyFitOneAgent(groups);
            Set<String> taken = new HashSet<>();
            groups.forEach(group -> taken.addAll(group.tools().names()));
            for (ToolSource source : sources) {
                load(() -> {
                    Toolbox tools = source.tools(Set.copyOf(taken));
                    groups.add(new ToolListing.Group(title(source), tools));
                    taken.addAll(tools.names());
                });
            }
            print(groups);
        } finally {
            sources.forEach(ToolsCommand::close);
        }
        return failed ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    /** {@code mcp everything: McpTools[npx -y @modelcontextprotocol/server-everything]}. */
    private static String title(ToolSource source) {
        return source instanceof McpTools server ? "mcp " + server.name() + ": " + server : "source " + source;
    }

    private static void close(ToolSource source) {
        try {
            source.close();
        } catch (RuntimeException e) {
            // listed already; the process ends anyway
        }
    }

    private void load(Runnable loading) {
        try {
            loading.run();
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    private List<ToolPack> chosenPacks() {
        try {
            return ReadyPacks.named(packs);
        } catch (IllegalArgumentException e) {
            throw ToolOptions.usage(spec, e.getMessage());
        }
    }

    private List<ToolPack> discover() {
        try {
            return ReadyPacks.all();
        } catch (Error e) {
            fail(e);
            return List.of();
        }
    }

    private void load(List<ToolListing.Group> groups, String title, Supplier<Toolbox> tools) {
        try {
            groups.add(new ToolListing.Group(title, tools.get()));
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    /** Two different tools of one name cannot be given to one agent; say so, but list both. */
    private void checkTheyFitOneAgent(List<ToolListing.Group> groups) {
        try {
            groups.stream().map(ToolListing.Group::tools).reduce(Toolbox.empty(), Toolbox::with);
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    private void fail(Throwable e) {
        failed = true;
        Failures.report(spec.commandLine().getErr(), e, false);
    }

    private void print(List<ToolListing.Group> groups) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, ToolDefinition> byName = new LinkedHashMap<>();
            groups.forEach(group -> group.tools().definitions().forEach(tool -> byName.putIfAbsent(tool.name(), tool)));
            ToolListing.printJson(out, byName.values());
        } else if (groups.isEmpty() && !failed) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("agent4j: no tools: there are no tool packs on the class path; add --tools JAR or "
                    + "--example NAME");
            err.flush();
        } else {
            ToolListing.printText(out, groups);
        }
    }
}
