package io.agent4j.tool.internal;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.Tool;
import io.agent4j.tool.ToolContext;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.ToolResult;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link Tool} method bound to the object it runs on: its definition for the model and the code
 * that checks the model's arguments, binds them to Java values and invokes the method.
 */
public final class ToolMethod implements RegisteredTool {

    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    /** Per declaring class, so that a tool jar's class loader is not kept alive by this cache. */
    private static final ClassValue<Map<Method, Signature>> SIGNATURES = new ClassValue<>() {
        @Override
        protected Map<Method, Signature> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private final Object target;
    private final Method method;
    private final Signature signature;
    private final boolean strict;

    /**
     * What a method offers as a tool, shared by every binding of it. The variant in use (strict,
     * unless the tool opts out) is built at registration so that errors show there; the other, and
     * each variant's validator, only when first needed.
     */
    private static final class Signature {
        final Method method;
        final String name;
        final String description;
        final List<ToolParameter> parameters;
        /** A reader per parameter (null for the context), its deserializer found once instead of per call. */
        final ObjectReader[] readers;
        /** The names of the parameters the model fills in, as a set and, for messages, as {@code [a, b]}. */
        final Set<String> names;
        final String listed;
        final Duration timeout;
        final boolean inline;
        final String approval;
        final boolean idempotent;
        final boolean strictAllowed;
        private volatile Variant strict;
        private volatile Variant lenient;

        Signature(Method method, String name, String description, List<ToolParameter> parameters, Duration timeout,
                boolean inline, String approval, boolean idempotent, boolean strictAllowed) {
            this.method = method;
            this.name = name;
            this.description = description;
            this.parameters = parameters;
            this.readers = parameters.stream()
                    .map(parameter -> parameter.isContext() ? null : Json.MAPPER.readerFor(parameter.javaType()))
                    .toArray(ObjectReader[]::new);
            List<String> filled = parameters.stream().filter(p -> !p.isContext()).map(ToolParameter::name).toList();
            this.names = Set.copyOf(filled);
            this.listed = filled.stream().collect(Collectors.joining(", ", "[", "]"));
            this.timeout = timeout;
            this.inline = inline;
            this.approval = approval;
            this.idempotent = idempotent;
            this.strictAllowed = strictAllowed;
        }

        Variant variant(boolean strictMode) {
            Variant variant = strictMode ? strict : lenient;
            if (variant == null) {
                synchronized (this) {
                    variant = strictMode ? strict : lenient;
                    if (variant == null) {
                        variant = build(strictMode);
                        if (strictMode) {
                            strict = variant;
                        } else {
                            lenient = variant;
                        }
                    }
                }
            }
            return variant;
        }

        private Variant build(boolean strictMode) {
            try {
                ObjectNode prepared = SchemaIndex.lookup(declaration(method), strictMode);
                ToolDefinition definition = new ToolDefinition(name, description,
                        prepared != null ? prepared : ToolSchemas.parametersSchema(parameters, strictMode), strictMode);
                if (strictMode) {
                    StrictMode.checkLimits(definition.parameters(), name);
                }
                return new Variant(definition);
            } catch (ToolRegistrationException e) {
                throw new ToolRegistrationException("Cannot offer " + describe(method) + " as a tool: "
                        + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new ToolRegistrationException("Cannot generate a JSON schema for the parameters of "
                        + describe(method) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * A tool's definition in one mode, and the validator of its arguments. The validator is compiled
     * in the background: the first one in a JVM loads networknt (about 60 ms), which then overlaps
     * with the first request to the model instead of delaying the first tool call.
     */
    private static final class Variant {
        final ToolDefinition definition;
        private final Prepared<ArgumentsValidator> validator;

        Variant(ToolDefinition definition) {
            this.definition = definition;
            this.validator = Prepared.inBackground(() -> new ArgumentsValidator(definition.parameters()).warmedUp());
        }

        ArgumentsValidator validator() {
            return validator.get();
        }
    }

    private ToolMethod(Object target, Method method, Signature signature, boolean strict) {
        this.target = target;
        this.method = method;
        this.signature = signature;
        this.strict = strict;
    }

    /**
     * Binds a {@link Tool} method to its target; {@code target} is null for a static method. The
     * schema of a method is generated once and shared by every binding of it.
     *
     * @throws ToolRegistrationException naming the method when it cannot be a tool
     */
    public static ToolMethod of(Object target, Method method) {
        Tool tool = annotation(method);
        if (tool == null) {
            throw new ToolRegistrationException(describe(method) + " is not annotated with @Tool.");
        }
        if (!Modifier.isPublic(method.getModifiers())) {
            throw new ToolRegistrationException("@Tool method " + describe(method)
                    + " must be public.");
        }
        if (target == null && !Modifier.isStatic(method.getModifiers())) {
            throw new ToolRegistrationException("@Tool method " + describe(method)
                    + " is an instance method: register an instance of "
                    + method.getDeclaringClass().getName() + ", not the class.");
        }
        method.trySetAccessible();
        Signature signature = SIGNATURES.get(method.getDeclaringClass()).computeIfAbsent(method, ToolMethod::signature);
        return new ToolMethod(target, method, signature, signature.strictAllowed);
    }

    @Override
    public ToolMethod lenient() {
        return strict ? new ToolMethod(target, method, signature, false) : this;
    }

    /**
     * The {@link Tool} annotation of a method, or of the method it overrides, so that a subclass
     * overriding a tool stays a tool; null when there is none.
     */
    public static Tool annotation(Method method) {
        Method declaration = declaration(method);
        return declaration == null ? null : declaration.getAnnotation(Tool.class);
    }

    /** The method itself or the one it overrides that carries {@link Tool}; null when none does. */
    private static Method declaration(Method method) {
        for (Class<?> c = method.getDeclaringClass(); c != null; c = c.getSuperclass()) {
            Method declared = declared(c, method);
            if (declared != null) {
                return declared;
            }
            for (Class<?> face : c.getInterfaces()) {
                declared = declared(face, method);
                if (declared != null) {
                    return declared;
                }
            }
        }
        return null;
    }

    private static Method declared(Class<?> type, Method method) {
        try {
            Method declared = type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return declared.isAnnotationPresent(Tool.class) ? declared : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Signature signature(Method method) {
        ArgumentsValidator.loadInBackground();
        Method declaration = declaration(method);
        Tool tool = declaration.getAnnotation(Tool.class);
        String name = tool.name().isEmpty() ? method.getName() : tool.name();
        if (!NAME.matcher(name).matches()) {
            throw new ToolRegistrationException("Tool name '" + name + "' of " + describe(method)
                    + " must match ^[a-zA-Z0-9_-]{1,64}$; set @Tool(name = ...) to a valid name.");
        }
        if (tool.value().isBlank()) {
            throw new ToolRegistrationException("@Tool on " + describe(method)
                    + " needs a description: the model decides from it when to call the tool.");
        }
        List<ToolParameter> parameters = Arrays.stream(declaration.getParameters())
                .map(parameter -> ToolParameter.of(declaration, parameter))
                .toList();
        if (tool.inline() && tool.timeoutMillis() != 0) {
            throw new ToolRegistrationException("@Tool on " + describe(method) + " sets both inline and timeoutMillis, "
                    + "but an inline tool runs on the agent's own thread and cannot be abandoned; remove timeoutMillis, "
                    + "or remove inline to run the tool on the executor with a timeout.");
        }
        Duration timeout = tool.timeoutMillis() > 0 ? Duration.ofMillis(tool.timeoutMillis()) : null;
        Signature signature = new Signature(method, name, tool.value(), parameters, timeout, tool.inline(),
                tool.approval().isBlank() ? null : tool.approval(), tool.idempotent(), tool.strict());
        signature.variant(tool.strict());
        return signature;
    }

    @Override
    public ToolDefinition definition() {
        return signature.variant(strict).definition;
    }

    @Override
    public String name() {
        return signature.name;
    }

    /** The timeout of {@link Tool#timeoutMillis()}, if one was set. */
    @Override
    public Optional<Duration> timeout() {
        return Optional.ofNullable(signature.timeout);
    }

    /** Whether the tool runs on the agent's own thread ({@link Tool#inline()}). */
    @Override
    public boolean inline() {
        return signature.inline;
    }

    @Override
    public Optional<String> approval() {
        return Optional.ofNullable(signature.approval);
    }

    @Override
    public boolean idempotent() {
        return signature.idempotent;
    }

    /** The method, for messages. */
    public Method method() {
        return method;
    }

    @Override
    public String origin() {
        return describe(method);
    }

    /** The same method, whatever object it is bound to: registering a class twice is harmless. */
    @Override
    public boolean sameAs(RegisteredTool other) {
        return other instanceof ToolMethod bound && bound.method.equals(method);
    }

    /** Checks and binds the model's arguments, then runs the method. */
    @Override
    public ToolResult call(String arguments, ToolContext context) {
        Object[] values;
        try {
            values = bind(arguments, context);
        } catch (ToolArguments.Invalid e) {
            return ToolResult.failure(ToolArguments.refusal(name(), e));
        }
        Object result;
        try {
            result = method.invoke(target, values);
        } catch (InvocationTargetException e) {
            return ToolResult.failure(ToolArguments.failure(name(), e.getCause()));
        } catch (IllegalAccessException e) {
            return ToolResult.failure("Error: tool '" + name() + "' could not be invoked: "
                    + e.getMessage());
        }
        return result instanceof ToolResult given ? given : ToolResult.success(render(result));
    }

    private Object[] bind(String arguments, ToolContext context) {
        JsonNode node = ToolArguments.parse(arguments, signature.listed);
        List<String> violations = signature.variant(strict).validator()
                .problems(node);
        if (!violations.isEmpty()) {
            throw new ToolArguments.Invalid("the arguments do not match the tool's schema: "
                    + String.join("; ", violations) + ". Fix them and call again.");
        }
        List<ToolParameter> parameters = signature.parameters;
        List<String> problems = null;
        int found = 0;
        Object[] values = new Object[parameters.size()];
        for (int i = 0; i < values.length; i++) {
            ToolParameter parameter = parameters.get(i);
            if (parameter.isContext()) {
                values[i] = context;
                continue;
            }
            JsonNode value = node.get(parameter.name());
            if (value != null) {
                found++;
            }
            if (value == null || value.isNull()) {
                if (parameter.primitive() || (value == null && !parameter.nullable())) {
                    problems = add(problems, "missing required argument '" + parameter.name() + "' ("
                            + parameter.javaType().getRawClass().getSimpleName() + ")");
                }
                values[i] = parameter.absentValue();
                continue;
            }
            try {
                values[i] = signature.readers[i].readValue(value);
            } catch (JacksonException e) {
                problems = add(problems, "argument '" + parameter.name() + "' is not a valid "
                        + parameter.javaType().getRawClass().getSimpleName() + ": "
                        + e.getOriginalMessage());
            }
        }
        if (node.size() > found) {
            for (String property : node.propertyNames()) {
                if (!signature.names.contains(property)) {
                    problems = add(problems, "unknown argument '" + property + "'");
                }
            }
        }
        if (problems != null) {
            throw new ToolArguments.Invalid(String.join("; ", problems) + ". The parameters are "
                    + signature.listed + ".");
        }
        return values;
    }

    private static List<String> add(List<String> problems, String problem) {
        List<String> list = problems == null ? new ArrayList<>() : problems;
        list.add(problem);
        return list;
    }

    private String render(Object result) {
        if (method.getReturnType() == void.class) {
            return done(name());
        }
        return result == null ? "null" : render(result, name());
    }

    /** What a tool that returns nothing sends back. */
    static String done(String tool) {
        return "Done: " + tool + " completed.";
    }

    /** A result for the model: a string as is, {@code null} as done, anything else as JSON. */
    static String render(Object result, String tool) {
        if (result == null) {
            return done(tool);
        }
        if (result instanceof String text) {
            return text;
        }
        return Json.MAPPER.writeValueAsString(result);
    }

    /** {@code Class.method(ParamType, ...)}, for messages. */
    public static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")"));
    }
}
