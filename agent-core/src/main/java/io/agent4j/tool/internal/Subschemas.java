package io.agent4j.tool.internal;

import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** The schemas nested directly in a schema: its properties, definitions, array items and {@code anyOf} options. */
final class Subschemas {

    private Subschemas() {
    }

    /** Calls {@code action} on each schema nested directly in {@code schema}. */
    static void forEach(JsonNode schema, Consumer<JsonNode> action) {
        schema.path("properties").forEach(action);
        schema.path("$defs").forEach(action);
        JsonNode items = schema.get("items");
        if (items != null) {
            action.accept(items);
        }
        schema.path("anyOf").forEach(action);
    }
}
