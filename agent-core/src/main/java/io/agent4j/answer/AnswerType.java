package io.agent4j.answer;

import io.agent4j.tool.internal.AnswerSchema;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a typed answer must be: a Java type (records, enums, lists, {@code Optional}, sealed
 * hierarchies, {@code java.time} values: whatever a tool parameter may be) with the JSON schema
 * made for it, or a JSON schema alone. The model is asked for JSON of the schema, and its answer
 * is parsed, validated against the schema and bound before it is trusted.
 *
 * <pre>{@code
 * AnswerType<Invoice> invoice = AnswerType.of(Invoice.class);
 * Invoice value = agent.run("Extract the invoice.", invoice).value();
 * }</pre>
 *
 * Made once per type and mode, immutable and thread-safe; keep one for every run of a type, or let
 * {@code agent.run(prompt, Invoice.class)} find it.
 *
 * @param <T> the type of the answer's value
 */
public final class AnswerType<T> {

    private final Type type;
    private final AnswerSchema schema;

    private AnswerType(Type type, AnswerSchema schema) {
        this.type = type;
        this.schema = schema;
    }

    /**
     * Answers of a class, with a strict schema (OpenAI's strict mode), unless the type cannot
     * have one.
     *
     * @throws io.agent4j.errors.ToolRegistrationException saying why the type can have no schema
     */
    public static <T> AnswerType<T> of(Class<T> type) {
        return new AnswerType<>(Objects.requireNonNull(type, "type"), AnswerSchema.of(type, true));
    }

    /**
     * Answers of a generic type: {@code AnswerType.of(new TypeRef<List<Item>>() {})}.
     *
     * @throws io.agent4j.errors.ToolRegistrationException saying why the type can have no schema
     */
    public static <T> AnswerType<T> of(TypeRef<T> type) {
        Objects.requireNonNull(type, "type");
        return new AnswerType<>(type.type(), AnswerSchema.of(type.type(), true));
    }

    /**
     * Answers that must match {@code schema}, applied exactly as given (draft 2020-12 unless it names
     * another {@code $schema}); the value is the validated JSON. Sent as strict when it meets strict
     * mode's rules.
     *
     * @param name the schema's name for the model, matching {@code ^[a-zA-Z0-9_-]{1,64}$}
     * @throws IllegalArgumentException saying what makes the schema unusable
     */
    public static AnswerType<JsonNode> ofSchema(String name, ObjectNode schema) {
        Objects.requireNonNull(schema, "schema");
        if (name == null || !name.matches("^[a-zA-Z0-9_-]{1,64}$")) {
            throw new IllegalArgumentException("the name of an answer schema must match ^[a-zA-Z0-9_-]{1,64}$, was "
                    + name);
        }
        return new AnswerType<>(JsonNode.class, AnswerSchema.exact(name, schema, true));
    }

    /**
     * The same answers with a lenient schema, for servers that reject strict ones: optional
     * properties may be left out, maps are open objects. A schema given as such stays as it is,
     * sent as not strict.
     */
    public AnswerType<T> lenient() {
        if (!schema.strict()) {
            return this;
        }
        if (type == JsonNode.class) {
            return new AnswerType<>(type, AnswerSchema.exact(schema.name(), schema.schema(), false));
        }
        return new AnswerType<>(type, AnswerSchema.of(type, false));
    }

    /** The Java type of the value; {@code JsonNode} for a schema given as such. */
    public Type type() {
        return type;
    }

    /** The schema's name, as sent to the model. */
    public String name() {
        return schema.name();
    }

    /**
     * The schema sent to the model, as a fresh copy. A type whose schema is no object (a list, an
     * enum, a sealed hierarchy) is the property {@code value} of an object: the API wants an object.
     */
    public ObjectNode schema() {
        return schema.schema();
    }

    /** Whether the schema is sent in strict mode. */
    public boolean strict() {
        return schema.strict();
    }

    /**
     * Checks an answer: parsed (inside a Markdown code fence too), validated against the schema, and
     * bound to the type.
     */
    @SuppressWarnings("unchecked")
    public Checked<T> check(String answer) {
        AnswerSchema.Checked checked = schema.check(answer);
        return new Checked<>((T) checked.value(), checked.json(), checked.problems());
    }

    /**
     * An answer checked against its type.
     *
     * @param value the bound value; null when there are problems (or the answer is an empty
     *     {@code Optional}'s or JSON {@code null})
     * @param json the answer's JSON as the value was bound from it; null when it did not parse or validate
     * @param problems what is wrong, each with the JSON path of the offending value, worded for the
     *     model; empty when the answer may be trusted
     * @param <T> the type of the value
     */
    public record Checked<T>(T value, JsonNode json, List<String> problems) {

        /** Copies the problems. */
        public Checked {
            problems = List.copyOf(problems);
        }

        /** Whether the answer may be trusted. */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    @Override
    public String toString() {
        return "AnswerType[" + type.getTypeName() + (schema.strict() ? ", strict" : "") + "]";
    }
}
