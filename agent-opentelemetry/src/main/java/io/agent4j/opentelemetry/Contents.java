package io.agent4j.opentelemetry;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.Choice;
import io.agent4j.chat.ContentPart;
import io.agent4j.chat.ImagePart;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.TextPart;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Messages as the conventions' {@code gen_ai.input.messages} and {@code gen_ai.output.messages}
 * JSON: a role and its parts ({@code text}, {@code tool_call}, {@code tool_call_response},
 * {@code uri}). An image given inline as a {@code data:} URL is left out: it is the picture itself.
 */
final class Contents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Contents() {
    }

    static String input(List<Message> messages) {
        ArrayNode array = JSON.createArrayNode();
        messages.forEach(message -> add(array, message));
        return array.toString();
    }

    static String output(ChatResponse response) {
        ArrayNode array = JSON.createArrayNode();
        for (Choice choice : response.choices()) {
            assistant(array.addObject(), choice.message()).put("finish_reason", choice.finishReason().wireName());
        }
        return array.toString();
    }

    static String answer(String text) {
        ArrayNode array = JSON.createArrayNode();
        ObjectNode message = array.addObject().put("role", "assistant");
        message.putArray("parts").addObject().put("type", "text").put("content", text);
        return array.toString();
    }

    private static void add(ArrayNode array, Message message) {
        ObjectNode node = array.addObject();
        if (message instanceof SystemMessage system) {
            text(node.put("role", "system").putArray("parts"), system.content());
        } else if (message instanceof UserMessage user) {
            ArrayNode parts = node.put("role", "user").putArray("parts");
            for (ContentPart part : user.parts()) {
                if (part instanceof TextPart text) {
                    text(parts, text.text());
                } else if (part instanceof ImagePart image && !image.isData()) {
                    parts.addObject().put("type", "uri").put("modality", "image").put("uri", image.url());
                }
            }
        } else if (message instanceof AssistantMessage assistant) {
            assistant(node, assistant);
        } else if (message instanceof ToolMessage tool) {
            node.put("role", "tool").putArray("parts").addObject().put("type", "tool_call_response")
                    .put("id", tool.toolCallId()).put("response", tool.content());
        }
    }

    private static ObjectNode assistant(ObjectNode node, AssistantMessage message) {
        ArrayNode parts = node.put("role", "assistant").putArray("parts");
        if (message.content() != null && !message.content().isEmpty()) {
            text(parts, message.content());
        }
        for (ToolCall call : message.toolCalls()) {
            parts.addObject().put("type", "tool_call").put("id", call.id()).put("name", call.name())
                    .set("arguments", arguments(call.arguments()));
        }
        return node;
    }

    private static void text(ArrayNode parts, String content) {
        parts.addObject().put("type", "text").put("content", content);
    }

    /** A call's arguments as JSON, or as the text the model wrote when that is not JSON. */
    private static JsonNode arguments(String arguments) {
        try {
            return JSON.readTree(arguments);
        } catch (JacksonException notJson) {
            return JSON.getNodeFactory().stringNode(arguments);
        }
    }
}
