package io.agent4j.tool;

import io.agent4j.tool.internal.RegisteredTool;
import io.agent4j.tool.internal.SpecTool;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A tool defined at run time, without an annotated method: its name, description and parameter
 * schema come from the caller, and its handler receives the model's arguments as a JSON tree. For
 * tools read from configuration, generated, or served by another process. Give it to
 * {@link Toolbox#of} or {@code Agent.Builder.tools} beside {@link Tool} objects; it is then a tool
 * like any other: its arguments are checked against its schema before the handler runs (a
 * violation goes back to the model to correct), and timeouts, result caps, repeat refusal and
 * listeners apply.
 *
 * <pre>{@code
 * ToolSpec lookup = ToolSpec.of("lookup_order", "Looks an order up by its id", """
 *         {"type": "object",
 *          "properties": {"order_id": {"type": "string"}},
 *          "required": ["order_id"],
 *          "additionalProperties": false}
 *         """, (arguments, context) -> orders.find(arguments.get("order_id").asString()));
 * }</pre>
 *
 * The schema is sent exactly as given, with {@code "strict": true} only when OpenAI's strict mode
 * takes it as it is (every object closed and all its properties required, only the keywords and
 * formats strict mode supports, references only into {@code $defs}); otherwise with
 * {@code "strict": false}. Immutable and thread-safe when the handler is.
 */
public final class ToolSpec {

    /** Runs one call of a {@link ToolSpec}. */
    @FunctionalInterface
    public interface Handler {

        /**
         * Runs one call with arguments that match the tool's schema.
         *
         * @param arguments the model's arguments: one JSON object, already checked against the schema
         * @param context the run's conversation id and the model's id of this call
         * @return the result: a {@link ToolResult} as it is, a {@code String} as its text, {@code null}
         *     as {@code Done: <name> completed.}, anything else (a {@code JsonNode}, a record) as JSON
         * @throws Exception any failure, which the model reads as
         *     {@code Error: tool '<name>' failed: <exception>: <message>}
         */
        Object call(JsonNode arguments, ToolContext context) throws Exception;
    }

    private final SpecTool tool;

    private ToolSpec(SpecTool tool) {
        this.tool = tool;
    }

    /**
     * A tool whose parameters are described by {@code parametersSchema}, a JSON schema of
     * {@code "type": "object"}; the tree is copied.
     *
     * @throws io.agent4j.errors.ToolRegistrationException when the name does not match
     *     {@code ^[a-zA-Z0-9_-]{1,64}$}, the description is blank, the handler is null, or the schema
     *     is not a valid JSON schema of an object that refers only to itself
     */
    public static ToolSpec of(String name, String description, JsonNode parametersSchema, Handler handler) {
        return new ToolSpec(SpecTool.of(name, description, parametersSchema, handler));
    }

    /**
     * A tool whose parameters are described by {@code parametersSchema}, a JSON schema of
     * {@code "type": "object"} given as text.
     *
     * @throws io.agent4j.errors.ToolRegistrationException as {@link #of(String, String, JsonNode, Handler)},
     *     and when the text is not JSON
     */
    public static ToolSpec of(String name, String description, String parametersSchema, Handler handler) {
        return of(name, description, SpecTool.parse(name, parametersSchema), handler);
    }

    /**
     * This tool with its own timeout, instead of the agent's {@code toolTimeout}: past it the call is
     * abandoned (its thread interrupted) and the model told it did not finish; {@link Duration#ZERO} for no
     * limit.
     *
     * @throws io.agent4j.errors.ToolRegistrationException when the timeout is negative
     */
    public ToolSpec withTimeout(Duration timeout) {
        return new ToolSpec(tool.withTimeout(timeout));
    }

    /**
     * This tool with each call needing a person's approval before it runs, as
     * {@link Tool#approval()} declares it for a method.
     *
     * @param reason why, such as {@code "sends an e-mail"}
     * @throws io.agent4j.errors.ToolRegistrationException when the reason is blank
     */
    public ToolSpec withApproval(String reason) {
        return new ToolSpec(tool.withApproval(reason));
    }

    /**
     * This tool declared idempotent, as {@link Tool#idempotent()} declares it for a method: a call
     * in flight when its process died is run again when the run is resumed.
     */
    public ToolSpec idempotent() {
        return new ToolSpec(tool.withIdempotent(true));
    }

    /** Why a call needs approval, as set with {@link #withApproval}; empty when it needs none. */
    public Optional<String> approval() {
        return tool.approval();
    }

    /** The tool as the model is sent it: name, description, the schema as given, and whether it is strict. */
    public ToolDefinition definition() {
        return tool.definition();
    }

    /** The timeout set with {@link #withTimeout}, if any. */
    public Optional<Duration> timeout() {
        return tool.timeout();
    }

    /** The tool a {@link Toolbox} holds. */
    RegisteredTool tool() {
        return tool;
    }

    @Override
    public String toString() {
        return "ToolSpec[" + tool.name() + "]";
    }
}
