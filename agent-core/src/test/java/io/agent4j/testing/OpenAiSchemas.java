package io.agent4j.testing;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Validates JSON against the official Chat Completions schemas (test resource openai/chat-schemas.json). */
public final class OpenAiSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode DEFS = JSON.readTree(ChatServer.resource("openai/chat-schemas.json")).path("$defs");
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private OpenAiSchemas() {
    }

    /** The problems of {@code instance} against {@code #/$defs/<definition>}; empty when valid. */
    public static List<String> problems(String definition, JsonNode instance) {
        Schema schema = SCHEMAS.computeIfAbsent(definition, name -> {
            ObjectNode root = JSON.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.put("$ref", "#/$defs/" + name);
            root.set("$defs", DEFS);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(root.toString());
        });
        return schema.validate(instance).stream().map(Error::toString).toList();
    }
}
