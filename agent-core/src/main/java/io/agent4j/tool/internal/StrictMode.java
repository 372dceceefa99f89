package io.agent4j.tool.internal;

import io.agent4j.errors.ToolRegistrationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's strict-mode rules for a tool's parameter schema: keywords strict mode rejects are moved
 * into the description (never dropped silently), and the documented size limits are checked when
 * the tool is registered.
 */
final class StrictMode {

    /** Keywords OpenAI's strict mode accepts; everything else is moved into the description. */
    private static final Set<String> SUPPORTED = Set.of("type", "properties", "required", "additionalProperties",
            "items", "anyOf", "enum", "const", "$ref", "$defs", "description", "title", "pattern", "format",
            "multipleOf", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems");
    private static final Set<String> FORMATS = Set.of("date-time", "time", "date", "duration", "email", "hostname",
            "ipv4", "ipv6", "uuid");

    static final int MAX_PROPERTIES = 5000;
    static final int MAX_NESTING = 10;
    static final int MAX_STRING_BUDGET = 120_000;
    static final int MAX_ENUM_VALUES = 1000;
    static final int MAX_LARGE_ENUM_CHARS = 15_000;
    static final int LARGE_ENUM = 250;

    private StrictMode() {
    }

    /** Rewrites {@code schema} in place so that strict mode accepts every keyword in it. */
    static void moveUnsupportedKeywords(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            List<String> moved = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String keyword = entry.getKey();
                boolean unsupportedFormat = keyword.equals("format") && !FORMATS.contains(entry.getValue().asString(""));
                if (!SUPPORTED.contains(keyword) || unsupportedFormat) {
                    moved.add(keyword + ": " + entry.getValue());
                    it.remove();
                }
            }
            if (!moved.isEmpty()) {
                String description = object.path("description").asString("");
                object.put("description", (description.isEmpty() ? "" : description + " ")
                        + "(" + String.join("; ", moved) + ")");
            }
            Subschemas.forEach(object, StrictMode::moveUnsupportedKeywords);
        }
    }

    /**
     * Why OpenAI's strict mode would not take {@code schema} exactly as it is, or null when it
     * would: the root and every object are closed ({@code additionalProperties: false}) and list all
     * their properties in {@code required}, every keyword and format is one strict mode supports,
     * references stay inside the schema, and the documented limits hold. A schema given at run time
     * is sent as given, never rewritten, so this decides only whether it is sent as strict.
     */
    static String refusal(ObjectNode schema) {
        if (!schema.path("type").asString("").equals("object")) {
            return "$: the root is not of \"type\": \"object\"";
        }
        String refusal = refusal(schema, "$");
        if (refusal != null) {
            return refusal;
        }
        try {
            checkLimits(schema, "");
        } catch (ToolRegistrationException e) {
            return "$: it exceeds the limits of strict mode";
        }
        return null;
    }

    private static String refusal(JsonNode schema, String path) {
        if (!(schema instanceof ObjectNode object)) {
            return path + ": a schema that is not an object";
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String keyword = entry.getKey();
            if (!SUPPORTED.contains(keyword)) {
                return path + ": the keyword " + keyword;
            }
            if (keyword.equals("format") && !FORMATS.contains(entry.getValue().asString(""))) {
                return path + ": the format " + entry.getValue();
            }
            if (keyword.equals("$ref") && !entry.getValue().asString("").startsWith("#/$defs/")) {
                return path + ": a $ref outside $defs";
            }
        }
        if (describesObjects(object)) {
            JsonNode additional = object.get("additionalProperties");
            if (additional == null || !additional.isBoolean() || additional.booleanValue()) {
                return path + ": an object without \"additionalProperties\": false";
            }
            Set<String> required = new LinkedHashSet<>();
            object.path("required").forEach(name -> required.add(name.asString("")));
            for (String name : object.path("properties").propertyNames()) {
                if (!required.contains(name)) {
                    return path + ": the property " + name + " is not required";
                }
            }
        }
        for (String name : object.path("properties").propertyNames()) {
            String refusal = refusal(object.get("properties").get(name), path + "." + name);
            if (refusal != null) {
                return refusal;
            }
        }
        for (String name : object.path("$defs").propertyNames()) {
            String refusal = refusal(object.get("$defs").get(name), path + ".$defs." + name);
            if (refusal != null) {
                return refusal;
            }
        }
        if (object.has("items")) {
            String refusal = refusal(object.get("items"), path + "[]");
            if (refusal != null) {
                return refusal;
            }
        }
        int option = 0;
        for (JsonNode alternative : object.path("anyOf")) {
            String refusal = refusal(alternative, path + ".anyOf[" + option++ + "]");
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    private static boolean describesObjects(ObjectNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode each : type) {
                if (each.asString("").equals("object")) {
                    return true;
                }
            }
            return false;
        }
        return type.asString("").equals("object") || schema.has("properties");
    }

    /**
     * Checks OpenAI's documented limits: at most {@value #MAX_PROPERTIES} properties,
     * {@value #MAX_NESTING} levels of nesting, {@value #MAX_ENUM_VALUES} enum values, a budget of
     * {@value #MAX_STRING_BUDGET} characters for names and enum values, and
     * {@value #MAX_LARGE_ENUM_CHARS} characters for one enum of more than {@value #LARGE_ENUM} values.
     *
     * @throws ToolRegistrationException naming the limit and the tool
     */
    static void checkLimits(ObjectNode schema, String tool) {
        Counts counts = new Counts();
        JsonNode defs = schema.path("$defs");
        count(schema, 1, counts, defs, new LinkedHashSet<>());
        for (String name : defs.propertyNames()) {
            counts.strings += name.length();
        }
        fail(counts.properties > MAX_PROPERTIES, tool, counts.properties + " properties", "at most " + MAX_PROPERTIES);
        fail(counts.depth > MAX_NESTING, tool, counts.depth + " levels of nesting", "at most " + MAX_NESTING);
        fail(counts.enumValues > MAX_ENUM_VALUES, tool, counts.enumValues + " enum values", "at most " + MAX_ENUM_VALUES);
        fail(counts.strings > MAX_STRING_BUDGET, tool, counts.strings + " characters of property names and enum values",
                "at most " + MAX_STRING_BUDGET);
        fail(counts.largeEnumChars > MAX_LARGE_ENUM_CHARS, tool, "an enum of more than " + LARGE_ENUM + " values with "
                + counts.largeEnumChars + " characters", "at most " + MAX_LARGE_ENUM_CHARS + " characters");
    }

    private static void fail(boolean exceeded, String tool, String what, String limit) {
        if (exceeded) {
            throw new ToolRegistrationException("Tool '" + tool + "' has " + what + " in its parameter schema; "
                    + "OpenAI's strict mode allows " + limit + ". Simplify the parameters, or register the tool "
                    + "with strict mode off (@Tool(strict = false)).");
        }
    }

    private static final class Counts {
        int properties;
        int depth;
        int enumValues;
        long strings;
        long largeEnumChars;
    }

    private static void count(JsonNode schema, int depth, Counts counts, JsonNode defs, Set<String> visiting) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        String ref = object.path("$ref").asString("");
        if (ref.startsWith("#/$defs/")) {
            String name = ref.substring("#/$defs/".length());
            if (visiting.add(name)) {
                count(defs.get(name), depth, counts, defs, visiting);
                visiting.remove(name);
            }
            return;
        }
        JsonNode properties = object.path("properties");
        if (properties.isObject()) {
            counts.depth = Math.max(counts.depth, depth);
            for (String name : properties.propertyNames()) {
                counts.properties++;
                counts.strings += name.length();
                count(properties.get(name), depth + 1, counts, defs, visiting);
            }
        }
        JsonNode values = object.path("enum");
        if (values instanceof ArrayNode array) {
            counts.enumValues += array.size();
            long chars = 0;
            for (JsonNode value : array) {
                chars += value.isString() ? value.stringValue().length() : value.toString().length();
            }
            counts.strings += chars;
            if (array.size() > LARGE_ENUM) {
                counts.largeEnumChars = Math.max(counts.largeEnumChars, chars);
            }
        }
        if (object.has("const")) {
            counts.strings += object.get("const").asString(object.get("const").toString()).length();
        }
        count(object.get("items"), depth, counts, defs, visiting);
        object.path("anyOf").forEach(option -> count(option, depth, counts, defs, visiting));
    }
}
