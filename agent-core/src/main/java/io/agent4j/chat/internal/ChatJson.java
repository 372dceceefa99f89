package io.agent4j.chat.internal;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ContentPart;
import io.agent4j.chat.ImagePart;
import io.agent4j.chat.Message;
import io.agent4j.chat.Role;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.TextPart;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts messages, tool definitions and usage to and from the JSON shapes of the Chat Completions
 * API. Reading is lenient where compatible servers deviate and the meaning is still clear.
 */
public final class ChatJson {

    /** A plain mapper, immutable and thread-safe. */
    public static final ObjectMapper MAPPER = Json.builder().build();

    /** The most tokens one call may report in one count: no model reads or writes two billion tokens at once. */
    static final long MAX_TOKENS = Integer.MAX_VALUE;
    /** How a recording marks a usage that was unknown; no server sends it. */
    private static final String UNKNOWN_FIELD = "unknown";
    private static final Logger log = LoggerFactory.getLogger(ChatJson.class);

    private ChatJson() {
    }

    private static final IdentityCache<String> WRITTEN = new IdentityCache<>();

    /**
     * A message's JSON as the API expects it in {@code messages}, written once per message object and
     * remembered while the message lives: a conversation resends its whole history at every step.
     */
    public static String json(Message message) {
        return WRITTEN.get(message, m -> write(m).toString());
    }

    /** A message as the API expects it in {@code messages}. */
    public static ObjectNode write(Message message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("role", message.role().wireName());
        if (message instanceof AssistantMessage m) {
            if (m.content() != null || !m.hasToolCalls()) {
                // content is required unless tool_calls is present, and llama-server refuses the message without it
                node.put("content", m.content() == null ? "" : m.content());
            }
            if (m.refused()) {
                node.put("refusal", m.refusal());
            }
            if (m.hasToolCalls()) {
                ArrayNode calls = node.putArray("tool_calls");
                for (ToolCall call : m.toolCalls()) {
                    ObjectNode callNode = calls.addObject();
                    callNode.put("id", call.id());
                    callNode.put("type", "function");
                    ObjectNode function = callNode.putObject("function");
                    function.put("name", call.name());
                    function.put("arguments", call.arguments());
                }
            }
        } else if (message instanceof ToolMessage m) {
            node.put("tool_call_id", m.toolCallId());
            node.put("content", m.content());
        } else if (message instanceof UserMessage m && !m.isText()) {
            node.set("content", writeParts(m.parts()));
        } else {
            node.put("content", message.content());
        }
        return node;
    }

    /** Parts as the API's {@code content} array: text parts and {@code image_url} parts. */
    private static ArrayNode writeParts(List<ContentPart> parts) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ContentPart part : parts) {
            ObjectNode node = array.addObject();
            if (part instanceof TextPart text) {
                node.put("type", "text").put("text", text.text());
            } else if (part instanceof ImagePart image) {
                node.put("type", "image_url").putObject("image_url").put("url", image.url())
                        .put("detail", image.detail().wireName());
            }
        }
        return array;
    }

    /**
     * Reads a user message's array of parts; the detail of an image defaults to {@code auto}.
     *
     * @throws IllegalArgumentException for a part that is neither text nor an image
     */
    private static UserMessage readUser(JsonNode content) {
        List<ContentPart> parts = new ArrayList<>();
        for (JsonNode part : content) {
            String type = part.isString() ? "text" : text(part.get("type"));
            if ("text".equals(type)) {
                parts.add(new TextPart(part.isString() ? part.stringValue() : part.path("text").asString("")));
            } else if ("image_url".equals(type)) {
                JsonNode image = part.path("image_url");
                String url = image.isString() ? image.stringValue() : text(image.get("url"));
                String detail = text(image.get("detail"));
                parts.add(new ImagePart(url == null ? "" : url,
                        detail == null ? ImagePart.Detail.AUTO : ImagePart.Detail.fromWireName(detail)));
            } else {
                throw new IllegalArgumentException("a user message part of type '" + type
                        + "' is not supported: agent4j sends text and image_url parts only");
            }
        }
        return parts.isEmpty() ? new UserMessage("") : new UserMessage(parts);
    }

    /** The messages as a JSON array. */
    public static ArrayNode writeAll(List<Message> messages) {
        ArrayNode array = MAPPER.createArrayNode();
        messages.forEach(m -> array.add(write(m)));
        return array;
    }

    /**
     * Reads a message; a user message's array of text and image parts is kept as its parts. Tolerates content given as an array of text parts, tool-call arguments sent
     * as a JSON object instead of a string, and a missing or empty tool-call id (one is made up).
     *
     * @throws IllegalArgumentException when the role is missing or unknown
     */
    public static Message read(JsonNode node) {
        Role role = Role.fromWireName(text(node.get("role")));
        if (role == Role.USER && node.path("content").isArray()) {
            return readUser(node.get("content"));
        }
        String content = content(node.get("content"));
        return switch (role) {
            case SYSTEM -> new SystemMessage(content == null ? "" : content);
            case USER -> new UserMessage(content == null ? "" : content);
            case TOOL -> new ToolMessage(text(node.get("tool_call_id")), null, content == null ? "" : content);
            case ASSISTANT -> readAssistant(node);
        };
    }

    /**
     * Reads an assistant message; the role may be absent. An empty content beside tool calls is
     * read as no content.
     */
    public static AssistantMessage readAssistant(JsonNode node) {
        String content = content(node.get("content"));
        List<ToolCall> calls = readToolCalls(node.get("tool_calls"));
        boolean noText = content == null || (content.isEmpty() && !calls.isEmpty());
        return new AssistantMessage(noText ? null : content, calls, text(node.get("refusal")));
    }

    /**
     * The name of the first call of {@code calls} (a message's {@code tool_calls}, or a stream
     * delta's) that is not a function call, such as {@code type: custom}; null when all are
     * function calls. agent4j offers the model only function tools.
     */
    public static String otherThanFunction(JsonNode calls) {
        for (JsonNode call : calls == null ? MAPPER.missingNode() : calls) {
            String type = text(call.get("type"));
            if (type != null && !type.equals("function")) {
                return otherThanFunction(type, text(call.path(type).get("name")));
            }
        }
        return null;
    }

    /**
     * How {@link #otherThanFunction(JsonNode)} names a call of a tool of this {@code type} and {@code name}
     * (the {@code name} of the call's object keyed by its type, or null); null for a function call or a
     * call without a type.
     */
    public static String otherThanFunction(String type, String name) {
        if (type == null || type.equals("function")) {
            return null;
        }
        return type + " tool '" + (name == null ? "" : name) + "'";
    }

    /** Reads a JSON array of messages. */
    public static List<Message> readAll(JsonNode array) {
        List<Message> messages = new ArrayList<>();
        for (JsonNode node : array) {
            messages.add(read(node));
        }
        return messages;
    }

    private static List<ToolCall> readToolCalls(JsonNode calls) {
        List<ToolCall> result = new ArrayList<>();
        if (calls == null || !calls.isArray()) {
            return result;
        }
        for (JsonNode call : calls) {
            JsonNode function = call.path("function");
            String id = text(call.get("id"));
            if (id == null || id.isEmpty()) {
                id = "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
            }
            result.add(new ToolCall(id, text(function.get("name")), arguments(function.get("arguments"))));
        }
        return result;
    }

    /** Tool-call arguments: a string as is, an object (a known deviation) as its JSON text. */
    public static String arguments(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        return node.isString() ? node.stringValue() : node.toString();
    }

    private static String content(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : node) {
                text.append(part.isString() ? part.stringValue() : part.path("text").asString(""));
            }
            return text.toString();
        }
        return node.isString() ? node.stringValue() : node.toString();
    }

    /** The string value of a node, or null when it is absent or JSON null. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isString() ? node.stringValue() : node.toString();
    }

    /** A tool as the API expects it in {@code tools}; {@code strict} sits beside {@code parameters}. */
    public static ObjectNode write(ToolDefinition tool) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", "function");
        ObjectNode function = node.putObject("function");
        function.put("name", tool.name());
        function.put("description", tool.description());
        // raw text: the body holds no node of the definition, and the schema is not walked again
        function.putRawValue("parameters", new tools.jackson.databind.util.RawValue(tool.parametersJson()));
        function.put("strict", tool.strict());
        return node;
    }

    /** Reads a tool written by {@link #write(ToolDefinition)}. */
    public static ToolDefinition readTool(JsonNode node) {
        JsonNode function = node.path("function");
        JsonNode parameters = function.get("parameters");
        return new ToolDefinition(text(function.get("name")), function.path("description").asString(""),
                parameters instanceof ObjectNode object ? object : MAPPER.createObjectNode(),
                function.path("strict").asBoolean(false));
    }

    /** Usage in the API's shape; an unknown usage as {@code {"unknown": true}}, which reads back as unknown. */
    public static ObjectNode write(Usage usage) {
        ObjectNode node = MAPPER.createObjectNode();
        if (!usage.known()) {
            return node.put(UNKNOWN_FIELD, true);
        }
        node.put("prompt_tokens", usage.promptTokens());
        node.put("completion_tokens", usage.completionTokens());
        node.put("total_tokens", usage.totalTokens());
        Usage.Details details = usage.details();
        ObjectNode prompt = MAPPER.createObjectNode();
        putIfPositive(prompt, "cached_tokens", usage.cachedPromptTokens());
        putIfPositive(prompt, "audio_tokens", details.promptAudioTokens());
        ObjectNode completion = MAPPER.createObjectNode();
        putIfPositive(completion, "reasoning_tokens", usage.reasoningTokens());
        putIfPositive(completion, "audio_tokens", details.completionAudioTokens());
        putIfPositive(completion, "accepted_prediction_tokens", details.acceptedPredictionTokens());
        putIfPositive(completion, "rejected_prediction_tokens", details.rejectedPredictionTokens());
        if (!prompt.isEmpty()) {
            node.set("prompt_tokens_details", prompt);
        }
        if (!completion.isEmpty()) {
            node.set("completion_tokens_details", completion);
        }
        return node;
    }

    /**
     * Reads usage, with cached prompt and reasoning tokens where the server reports them; absent
     * usage (some servers send none) is {@link Usage#UNKNOWN}, never a made-up zero. A count that is negative, not a whole
     * number, or above {@value #MAX_TOKENS} makes the usage {@link Usage#UNKNOWN}, logged at WARN:
     * the answer is kept, its tokens are not made up.
     */
    public static Usage readUsage(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Usage.UNKNOWN;
        }
        if (node.path(UNKNOWN_FIELD).asBoolean(false)) {
            return Usage.UNKNOWN;
        }
        try {
            long prompt = count(node, "prompt_tokens", 0);
            long completion = count(node, "completion_tokens", 0);
            JsonNode promptDetails = node.path("prompt_tokens_details");
            JsonNode completionDetails = node.path("completion_tokens_details");
            return Usage.builder().promptTokens(prompt).completionTokens(completion)
                    .totalTokens(count(node, "total_tokens", prompt + completion))
                    .cachedPromptTokens(count(promptDetails, "cached_tokens", 0))
                    .reasoningTokens(count(completionDetails, "reasoning_tokens", 0))
                    .details(Usage.Details.builder().promptAudioTokens(count(promptDetails, "audio_tokens", 0))
                            .completionAudioTokens(count(completionDetails, "audio_tokens", 0))
                            .acceptedPredictionTokens(count(completionDetails, "accepted_prediction_tokens", 0))
                            .rejectedPredictionTokens(count(completionDetails, "rejected_prediction_tokens", 0))
                            .build())
                    .build();
        } catch (IllegalArgumentException e) {
            log.warn("The server reported a usage that cannot be used ({}); this call's tokens are unknown",
                    e.getMessage());
            return Usage.UNKNOWN;
        }
    }

    private static void putIfPositive(ObjectNode node, String name, long count) {
        if (count > 0) {
            node.put(name, count);
        }
    }

    /** A count of {@code parent}; {@code absent} when it has none (or null). */
    private static long count(JsonNode parent, String name, long absent) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (value.isString()) {
            try {
                return checked(name, Long.parseLong(value.stringValue().strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a number");
            }
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(name + " is not a number");
        }
        if (value.isIntegralNumber() ? !value.canConvertToLong() : value.doubleValue() != Math.rint(value.doubleValue())
                || Math.abs(value.doubleValue()) > MAX_TOKENS) {
            throw new IllegalArgumentException(name + " is " + value);
        }
        return checked(name, value.asLong());
    }

    private static long checked(String name, long count) {
        if (count < 0 || count > MAX_TOKENS) {
            throw new IllegalArgumentException(name + " is " + count);
        }
        return count;
    }
}
