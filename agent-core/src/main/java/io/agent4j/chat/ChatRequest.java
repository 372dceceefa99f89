package io.agent4j.chat;

import io.agent4j.tool.ToolDefinition;
import java.util.List;

/**
 * What is sent to the model for one step: the whole conversation so far and the tools it may call.
 *
 * @param messages the conversation, system message first
 * @param tools the tools on offer; may be empty
 */
public record ChatRequest(List<Message> messages, List<ToolDefinition> tools) {

    /** Creates a request; both lists are copied. */
    public ChatRequest {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }
}
