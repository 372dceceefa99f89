package io.agent4j.examples.cli;

import io.agent4j.tool.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A tool's name and parameters in one short line, read off its JSON schema:
 * {@code convert(value: number, from: string, to: string)}. A {@code ?} marks a parameter the
 * model may leave out or send as null; {@code a|b} an enum or a union; {@code T[]} an array; a
 * named type is the name of its {@code $defs} entry.
 */
final class ToolSignature {

    private ToolSignature() {
    }

    /** The signature of the tool, such as {@code book(restaurant: string, time: string?)}. */
    static String of(ToolDefinition tool) {
        JsonNode schema = tool.parameters();
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        List<String> parameters = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String type = type(property.getValue());
            boolean optional = !required.contains(property.getKey()) && !type.endsWith("?");
            parameters.add(property.getKey() + ": " + type + (optional ? "?" : ""));
        }
        return tool.name() + "(" + String.join(", ", parameters) + ")";
    }

    /** The type a schema describes, with {@code ?} when it admits null. */
    static String type(JsonNode schema) {
        if (schema.has("enum")) {
            return union(schema.path("enum").valueStream()
                    .map(value -> value.isNull() ? "null" : value.asString()).toList());
        }
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asString();
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        for (String key : List.of("anyOf", "oneOf")) {
            if (schema.has(key)) {
                return union(schema.path(key).valueStream().map(ToolSignature::type).toList());
            }
        }
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            return union(type.valueStream().map(name -> simple(name.asString(), schema)).toList());
        }
        return type.isString() ? simple(type.asString(), schema) : "any";
    }

    private static String simple(String type, JsonNode schema) {
        return type.equals("array") ? type(schema.path("items")) + "[]" : type;
    }

    /** The alternatives joined with {@code |}, null written as a trailing {@code ?}. */
    private static String union(List<String> alternatives) {
        boolean nullable = alternatives.stream().anyMatch(type -> type.equals("null") || type.endsWith("?"));
        String joined = alternatives.stream()
                .filter(type -> !type.equals("null"))
                .map(type -> type.endsWith("?") ? type.substring(0, type.length() - 1) : type)
                .distinct()
                .collect(Collectors.joining("|"));
        return (joined.isEmpty() ? "null" : joined) + (nullable && !joined.isEmpty() ? "?" : "");
    }
}
