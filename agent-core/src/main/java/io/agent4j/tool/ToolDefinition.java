package io.agent4j.tool;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool as the model sees it: a name, a description and a JSON schema of its parameters.
 *
 * @param name the tool's name, matching {@code ^[a-zA-Z0-9_-]{1,64}$}
 * @param description what the tool does
 * @param parameters the JSON schema of the arguments object (a copy is returned)
 * @param strict whether the server is asked to enforce the schema exactly
 */
public record ToolDefinition(String name, String description, ObjectNode parameters, boolean strict) {

    /** Creates a definition; the schema is copied so the record stays immutable. */
    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        parameters = Objects.requireNonNull(parameters, "parameters").deepCopy();
    }

    /** The JSON schema of the arguments object, as a fresh copy. */
    @Override
    public ObjectNode parameters() {
        return parameters.deepCopy();
    }

    /**
     * The schema itself, without a copy, for code that only reads or serialises it (every request
     * sends every tool, so copying would cost an allocation per tool per step). Never modify it.
     */
    public JsonNode parametersView() {
        return parameters;
    }
}
