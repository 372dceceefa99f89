package io.agent4j.mcp.internal;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON between agent4j (Jackson 3 trees, JSON text) and the MCP SDK (plain maps and lists), and
 * the SDK's own mapper for its transports.
 */
public final class McpJson {

    /** The dialect of every schema agent4j generates, which MCP also takes as its default. */
    public static final String SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private McpJson() {
    }

    /** The SDK's JSON mapper (its Jackson 3 module), for transports and servers. */
    public static McpJsonMapper sdkMapper() {
        return McpJsonDefaults.getMapper();
    }

    /** A JSON object as the map the SDK expects, keys in their order. */
    public static Map<String, Object> toMap(JsonNode object) {
        return MAPPER.convertValue(object, MAP);
    }

    /** A tool's input schema for MCP: its own, with {@code $schema} naming the dialect when it does not. */
    public static Map<String, Object> inputSchema(ObjectNode parameters) {
        Map<String, Object> schema = new LinkedHashMap<>();
        if (!parameters.has("$schema")) {
            schema.put("$schema", SCHEMA_DIALECT);
        }
        schema.putAll(toMap(parameters));
        return schema;
    }

    /** The arguments of a {@code tools/call} as the JSON text a tool is called with; {@code {}} for none. */
    public static String arguments(Map<String, Object> arguments) {
        return arguments == null ? "{}" : MAPPER.writeValueAsString(arguments);
    }

    /** The JSON object {@code text} holds, as a map; null when it is not one JSON object. */
    public static Map<String, Object> objectIn(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(trimmed);
            return node != null && node.isObject() ? toMap(node) : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A map or list as a Jackson tree. */
    public static ObjectNode toTree(Map<String, Object> value) {
        return value == null ? MAPPER.createObjectNode() : MAPPER.valueToTree(value);
    }

    /** A value as compact JSON text. */
    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
