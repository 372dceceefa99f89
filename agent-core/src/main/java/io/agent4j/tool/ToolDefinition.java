package io.agent4j.tool;

import io.agent4j.tool.internal.Json;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool as the model sees it: a name, a description and a JSON schema of its parameters. The
 * schema is kept as JSON text, so nothing handed out can change it: {@link #parameters()} gives a
 * fresh copy as a tree, {@link #parametersJson()} the text that is sent.
 *
 * @param name the tool's name, matching {@code ^[a-zA-Z0-9_-]{1,64}$}
 * @param description what the tool does
 * @param parametersJson the JSON schema of the arguments object, as compact JSON text
 * @param strict whether the server is asked to enforce the schema exactly
 */
public record ToolDefinition(String name, String description, String parametersJson, boolean strict) {

    private static final JsonMapper JSON = Json.builder().build();

    /**
     * Creates a definition from the schema's JSON text.
     *
     * @throws IllegalArgumentException when the text is not one JSON object
     */
    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parametersJson, "parametersJson");
        if (!(JSON.readTree(parametersJson) instanceof ObjectNode)) {
            throw new IllegalArgumentException("The parameters schema of tool '" + name + "' must be one JSON "
                    + "object, was: " + parametersJson);
        }
    }

    /** Creates a definition from the schema as a tree, which is copied: changing it later changes nothing here. */
    public ToolDefinition(String name, String description, ObjectNode parameters, boolean strict) {
        this(name, description, JSON.writeValueAsString(Objects.requireNonNull(parameters, "parameters")), strict);
    }

    /** The JSON schema of the arguments object, as a fresh tree of its own. */
    public ObjectNode parameters() {
        return (ObjectNode) JSON.readTree(parametersJson);
    }
}
