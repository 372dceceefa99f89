package io.agent4j.memory.internal;

import io.agent4j.chat.Message;
import io.agent4j.chat.Role;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.internal.ChatJson;
import io.agent4j.errors.CorruptConversationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads one stored row back into a message, checking what {@link ChatJson#read} would otherwise
 * fail on or silently make up, so that a damaged row is reported as such, with its sequence number.
 */
public final class StoredMessage {

    private StoredMessage() {
    }

    /**
     * The message of a row.
     *
     * @param roleColumn the role the row was stored with
     * @param toolName the tool name the row was stored with, for a {@code tool} message
     * @param json the message as stored
     * @throws CorruptConversationException saying what is wrong with the row
     */
    public static Message read(String conversationId, long seq, String roleColumn, String toolName, String json) {
        if (json == null || json.isBlank()) {
            throw new CorruptConversationException(conversationId, seq, "the message is empty");
        }
        JsonNode node;
        try {
            node = ChatJson.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new CorruptConversationException(conversationId, seq, "the message is not valid JSON: "
                    + e.getOriginalMessage());
        }
        String problem = problem(node, roleColumn);
        if (problem != null) {
            throw new CorruptConversationException(conversationId, seq, problem);
        }
        Message message;
        try {
            message = ChatJson.read(node);
        } catch (RuntimeException e) {
            throw new CorruptConversationException(conversationId, seq, "the message cannot be read: "
                    + e.getMessage());
        }
        return message instanceof ToolMessage tool ? new ToolMessage(tool.toolCallId(), toolName, tool.content())
                : message;
    }

    private static String problem(JsonNode node, String roleColumn) {
        if (node == null || !node.isObject()) {
            return "the message is not a JSON object";
        }
        JsonNode roleNode = node.get("role");
        if (roleNode == null || !roleNode.isString()) {
            return "the message has no role";
        }
        Role role;
        try {
            role = Role.fromWireName(roleNode.stringValue());
        } catch (IllegalArgumentException e) {
            return "the message has an " + e.getMessage();
        }
        if (!role.wireName().equals(roleColumn)) {
            return "its role column says '" + roleColumn + "' but the message is a '" + role.wireName() + "' message";
        }
        JsonNode content = node.get("content");
        if (content != null && !content.isNull() && !content.isString() && !content.isArray()) {
            return "its content is neither text nor a list of text parts";
        }
        if (role == Role.TOOL) {
            JsonNode id = node.get("tool_call_id");
            if (id == null || !id.isString() || id.stringValue().isBlank()) {
                return "the tool message has no tool_call_id";
            }
        }
        if (role == Role.ASSISTANT) {
            return toolCallsProblem(node.get("tool_calls"));
        }
        return null;
    }

    private static String toolCallsProblem(JsonNode calls) {
        if (calls == null || calls.isNull()) {
            return null;
        }
        if (!calls.isArray()) {
            return "its tool_calls is not a list";
        }
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            JsonNode id = call.get("id");
            if (id == null || !id.isString() || id.stringValue().isBlank()) {
                return "tool call " + (i + 1) + " has no id";
            }
            JsonNode name = call.path("function").get("name");
            if (name == null || !name.isString()) {
                return "tool call " + (i + 1) + " has no function name";
            }
        }
        return null;
    }
}
