package io.agent4j.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's strict-mode rules for schemas: only the keywords strict mode supports, every object closed
 * with {@code additionalProperties: false} and listing all its properties as required.
 */
public final class StrictSchemas {

    private static final Set<String> ALLOWED = Set.of("type", "properties", "required", "additionalProperties",
            "items", "anyOf", "enum", "const", "$ref", "$defs", "description", "title", "pattern", "format",
            "multipleOf", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems");

    private StrictSchemas() {
    }

    /** Where {@code schema} breaks strict mode's rules, each at its path from {@code path}; empty when it follows them. */
    public static List<String> violations(String path, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        for (String keyword : schema.propertyNames()) {
            if (!ALLOWED.contains(keyword)) {
                problems.add(path + ": keyword '" + keyword + "' is not allowed in strict mode");
            }
        }
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean()) {
                problems.add(path + ": an object without additionalProperties: false");
            }
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(r -> required.add(r.asString()));
            for (String name : properties.propertyNames()) {
                if (!required.contains(name)) {
                    problems.add(path + ": property '" + name + "' is not required");
                }
                problems.addAll(violations(path + ".properties." + name, properties.get(name)));
            }
        }
        if (schema.has("items")) {
            problems.addAll(violations(path + ".items", schema.get("items")));
        }
        int i = 0;
        for (JsonNode option : schema.path("anyOf")) {
            problems.addAll(violations(path + ".anyOf[" + i++ + "]", option));
        }
        for (String name : schema.path("$defs").propertyNames()) {
            problems.addAll(violations(path + ".$defs." + name, schema.path("$defs").get(name)));
        }
        return problems;
    }

    /**
     * {@link #violations} of the schema of a structured answer, whose root must moreover be an
     * object with properties, not an {@code anyOf}.
     */
    public static List<String> answerViolations(JsonNode schema) {
        List<String> problems = new ArrayList<>();
        if (!"object".equals(schema.path("type").asString("")) || !schema.path("properties").isObject()) {
            problems.add("$: the root is no object with properties");
        }
        if (schema.has("anyOf")) {
            problems.add("$: the root is an anyOf");
        }
        problems.addAll(violations("$", schema));
        return problems;
    }
}
