package io.agent4j.tool.internal;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.ToolContext;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.ToolSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool defined at run time ({@link ToolSpec}): the caller's schema, checked when it is made and
 * then sent exactly as given, strict only when strict mode takes it as it is; the arguments are
 * checked against it exactly before the handler sees them.
 */
public final class SpecTool implements RegisteredTool {

    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    private static final Logger log = LoggerFactory.getLogger(SpecTool.class);

    /** What every variant of one spec shares; a spec registered twice is this same core. */
    private static final class Core {
        final String name;
        final String description;
        final ObjectNode schema;
        final String properties;
        final ToolSpec.Handler handler;
        final Duration timeout;
        final String approval;
        final boolean idempotent;
        final boolean strictAllowed;
        final Prepared<ArgumentsValidator> validator;

        Core(String name, String description, ObjectNode schema, ToolSpec.Handler handler, Duration timeout,
                String approval, boolean idempotent, boolean strictAllowed, Prepared<ArgumentsValidator> validator) {
            this.name = name;
            this.description = description;
            this.schema = schema;
            this.properties = StreamSupport.stream(schema.path("properties").propertyNames().spliterator(), false)
                    .collect(Collectors.joining(", ", "[", "]"));
            this.handler = handler;
            this.timeout = timeout;
            this.approval = approval;
            this.idempotent = idempotent;
            this.strictAllowed = strictAllowed;
            this.validator = validator;
        }
    }

    private final Core core;
    private final ToolDefinition definition;

    private SpecTool(Core core, boolean strict) {
        this.core = core;
        this.definition = new ToolDefinition(core.name, core.description, core.schema, strict && core.strictAllowed);
    }

    /**
     * Checks and makes a run-time tool.
     *
     * @throws ToolRegistrationException saying what is wrong with the name, the description, the
     *     schema or the handler
     */
    public static SpecTool of(String name, String description, JsonNode schema, ToolSpec.Handler handler) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ToolRegistrationException("Tool name '" + name + "' of a ToolSpec must match "
                    + "^[a-zA-Z0-9_-]{1,64}$.");
        }
        String what = "ToolSpec '" + name + "'";
        if (description == null || description.isBlank()) {
            throw new ToolRegistrationException(what + " needs a description: the model decides from it when to "
                    + "call the tool.");
        }
        if (handler == null) {
            throw new ToolRegistrationException(what + " needs a handler: the code that runs each call.");
        }
        ObjectNode checked = checkedSchema(what, schema);
        String strictRefusal = StrictMode.refusal(checked);
        if (strictRefusal != null) {
            log.debug("{} is sent with strict: false, as strict mode would not take its schema as it is ({})",
                    what, strictRefusal);
        }
        return new SpecTool(new Core(name, description, checked, handler, null, null, false, strictRefusal == null,
                Prepared.inBackground(() -> ArgumentsValidator.exact(checked).warmedUp())), true);
    }

    /**
     * Reads a schema given as text.
     *
     * @throws ToolRegistrationException when it is not JSON
     */
    public static JsonNode parse(String name, String schema) {
        if (schema == null) {
            throw new ToolRegistrationException("ToolSpec '" + name + "' needs a parameters schema, e.g. "
                    + "{\"type\": \"object\", \"properties\": {}}.");
        }
        try {
            return Json.MAPPER.readTree(schema);
        } catch (JacksonException e) {
            throw new ToolRegistrationException("The parameters schema of ToolSpec '" + name + "' is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode checkedSchema(String what, JsonNode schema) {
        if (!(schema instanceof ObjectNode object) || !object.path("type").asString("").equals("object")) {
            throw new ToolRegistrationException("The parameters schema of " + what + " must be a JSON schema of "
                    + "\"type\": \"object\" (the arguments are one JSON object), e.g. {\"type\": \"object\", "
                    + "\"properties\": {\"city\": {\"type\": \"string\"}}}; it is " + abbreviated(schema) + ".");
        }
        String outside = referenceOutside(object);
        if (outside != null) {
            throw new ToolRegistrationException("The parameters schema of " + what + " refers to " + outside
                    + ", outside itself; a tool's schema must be self-contained: move what it refers to into "
                    + "its $defs and refer to it as #/$defs/NAME.");
        }
        List<String> problems = ArgumentsValidator.schemaProblems(object);
        if (!problems.isEmpty()) {
            throw new ToolRegistrationException("The parameters schema of " + what + " is not a valid JSON schema: "
                    + String.join("; ", problems) + ".");
        }
        return object.deepCopy();
    }

    /** The first {@code $ref} or {@code $dynamicRef} of {@code schema} that does not start with {@code #}, or null. */
    private static String referenceOutside(JsonNode schema) {
        if (schema.isObject()) {
            for (String keyword : List.of("$ref", "$dynamicRef", "$recursiveRef")) {
                JsonNode ref = schema.get(keyword);
                if (ref != null && ref.isString() && !ref.stringValue().startsWith("#")) {
                    return ref.stringValue();
                }
            }
        }
        for (JsonNode child : schema) {
            String outside = referenceOutside(child);
            if (outside != null) {
                return outside;
            }
        }
        return null;
    }

    private static String abbreviated(JsonNode schema) {
        String text = String.valueOf(schema);
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /**
     * This tool with its own timeout.
     *
     * @throws ToolRegistrationException when the timeout is not positive
     */
    public SpecTool withTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new ToolRegistrationException("The timeout of ToolSpec '" + core.name + "' must be 0 (no limit) "
                    + "or positive, was " + timeout + ".");
        }
        return new SpecTool(new Core(core.name, core.description, core.schema, core.handler, timeout,
                core.approval, core.idempotent, core.strictAllowed, core.validator), definition.strict());
    }

    /**
     * This tool with its calls needing a person's approval, for {@code reason}.
     *
     * @throws ToolRegistrationException when the reason is blank
     */
    public SpecTool withApproval(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ToolRegistrationException("The approval reason of ToolSpec '" + core.name + "' must say why "
                    + "a person must approve its calls, such as \"writes a file\".");
        }
        return new SpecTool(new Core(core.name, core.description, core.schema, core.handler, core.timeout,
                reason, core.idempotent, core.strictAllowed, core.validator), definition.strict());
    }

    /** This tool, declared idempotent (or not). */
    public SpecTool withIdempotent(boolean idempotent) {
        return new SpecTool(new Core(core.name, core.description, core.schema, core.handler, core.timeout,
                core.approval, idempotent, core.strictAllowed, core.validator), definition.strict());
    }

    @Override
    public String name() {
        return core.name;
    }

    @Override
    public ToolDefinition definition() {
        return definition;
    }

    @Override
    public SpecTool lenient() {
        return definition.strict() ? new SpecTool(core, false) : this;
    }

    @Override
    public Optional<Duration> timeout() {
        return Optional.ofNullable(core.timeout);
    }

    @Override
    public boolean inline() {
        return false;
    }

    @Override
    public Optional<String> approval() {
        return Optional.ofNullable(core.approval);
    }

    @Override
    public boolean idempotent() {
        return core.idempotent;
    }

    @Override
    public ToolResult call(String arguments, ToolContext context) {
        JsonNode node;
        try {
            node = ToolArguments.parse(arguments, core.properties);
            List<String> violations = core.validator.get().problems(node);
            if (!violations.isEmpty()) {
                throw new ToolArguments.Invalid("the arguments do not match the tool's schema: "
                        + String.join("; ", violations) + ". Fix them and call again.");
            }
        } catch (ToolArguments.Invalid e) {
            return ToolResult.failure(ToolArguments.refusal(core.name, e));
        }
        Object result;
        try {
            result = core.handler.call(node, context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.failure(ToolArguments.failure(core.name, e));
        } catch (Exception e) {
            return ToolResult.failure(ToolArguments.failure(core.name, e));
        }
        return result instanceof ToolResult given ? given : ToolResult.success(ToolMethod.render(result, core.name));
    }

    @Override
    public String origin() {
        return "ToolSpec '" + core.name + "' (\"" + core.description + "\")";
    }

    @Override
    public boolean sameAs(RegisteredTool other) {
        return other instanceof SpecTool spec && spec.core == core;
    }
}
