package io.agent4j.test.internal;

import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.ChatRequest;
import io.agent4j.replay.RecordingFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The form in which a cassette's requests are compared: the messages, the tools (by name) and the
 * options, with tool-call ids numbered in the order they appear and the options that identify a
 * user or a cache ({@code user}, {@code safetyIdentifier}, {@code promptCacheKey}, {@code metadata})
 * compared only for being set.
 */
public final class CanonicalRequest {

    /** A plain mapper, for the cassette's trees. */
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Set<String> VOLATILE_OPTIONS = Set.of("user", "safetyIdentifier", "promptCacheKey", "metadata");

    private CanonicalRequest() {
    }

    /** The request as a cassette holds it: the recording format's request, with its options when any are set. */
    public static ObjectNode recorded(ChatRequest request) {
        ObjectNode node = RecordingFile.json(request);
        ObjectNode options = options(request.options());
        if (!options.isEmpty()) {
            node.set("options", options);
        }
        return node;
    }

    /** The options that are set, as JSON. */
    static ObjectNode options(ChatOptions options) {
        JsonNode tree = MAPPER.valueToTree(options);
        return tree instanceof ObjectNode object ? (ObjectNode) pruned(object) : MAPPER.createObjectNode();
    }

    /** {@code request} (in the cassette's form) made canonical; the argument is not changed. */
    public static ObjectNode of(ObjectNode request) {
        ObjectNode canonical = request.deepCopy();
        Map<String, String> ids = new HashMap<>();
        for (JsonNode message : canonical.path("messages")) {
            for (JsonNode call : message.path("tool_calls")) {
                if (call instanceof ObjectNode object && call.has("id")) {
                    object.put("id", ids.computeIfAbsent(call.get("id").asString(), id -> "call_" + (ids.size() + 1)));
                }
            }
            if (message instanceof ObjectNode object && message.has("tool_call_id")) {
                object.put("tool_call_id", ids.computeIfAbsent(message.get("tool_call_id").asString(),
                        id -> "call_" + (ids.size() + 1)));
            }
        }
        List<JsonNode> tools = new ArrayList<>();
        canonical.path("tools").forEach(tools::add);
        tools.sort(Comparator.comparing(t -> t.path("function").path("name").asString("")));
        ArrayNode sorted = canonical.putArray("tools");
        tools.forEach(sorted::add);
        if (canonical.get("options") instanceof ObjectNode options) {
            for (String name : VOLATILE_OPTIONS) {
                if (options.has(name)) {
                    options.put(name, "<set>");
                }
            }
        }
        return canonical;
    }

    /** A canonical request as indented JSON, for a diff. */
    public static String pretty(ObjectNode canonical) {
        return PRETTY.writeValueAsString(canonical);
    }

    private static JsonNode pruned(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = pruned(object.get(name));
                if (value.isNull() || value.isMissingNode() || (value.isContainer() && value.isEmpty())) {
                    object.remove(name);
                } else {
                    object.set(name, value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, pruned(array.get(i)));
            }
        }
        return node;
    }
}
