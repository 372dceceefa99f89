package io.agent4j.chat;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shape of the model's text answer: free {@link #text()}, any {@link #jsonObject()}, or JSON
 * matching a schema ({@link #jsonSchema}).
 *
 * @param type {@code text}, {@code json_object} or {@code json_schema}
 * @param name the schema's name, for {@code json_schema}
 * @param schema the JSON schema, for {@code json_schema} (a copy is kept)
 * @param strict whether the server enforces the schema exactly, for {@code json_schema}
 */
public record ResponseFormat(String type, String name, ObjectNode schema, boolean strict) {

    /** Checks that a schema comes with {@code json_schema} and only with it. */
    public ResponseFormat {
        Objects.requireNonNull(type, "type");
        if (!type.equals("text") && !type.equals("json_object") && !type.equals("json_schema")) {
            throw new IllegalArgumentException("response format must be text, json_object or json_schema, was " + type);
        }
        if (type.equals("json_schema") && (schema == null || name == null || !name.matches("^[a-zA-Z0-9_-]{1,64}$"))) {
            throw new IllegalArgumentException("json_schema needs a schema and a name matching ^[a-zA-Z0-9_-]{1,64}$");
        }
        schema = schema == null ? null : schema.deepCopy();
    }

    /** Plain text, the default. */
    public static ResponseFormat text() {
        return new ResponseFormat("text", null, null, false);
    }

    /** Any valid JSON object (the instructions must ask for JSON). */
    public static ResponseFormat jsonObject() {
        return new ResponseFormat("json_object", null, null, false);
    }

    /** JSON matching {@code schema}, enforced exactly when {@code strict}. */
    public static ResponseFormat jsonSchema(String name, ObjectNode schema, boolean strict) {
        return new ResponseFormat("json_schema", name, schema, strict);
    }

    /** The schema, as a fresh copy; null unless {@code json_schema}. */
    @Override
    public ObjectNode schema() {
        return schema == null ? null : schema.deepCopy();
    }
}
