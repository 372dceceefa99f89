package io.agent4j.chat;

import io.agent4j.tool.ToolDefinition;
import java.util.List;

/**
 * What is sent to the model for one step: the whole conversation so far, the tools it may call and
 * the options of this request (which override the model's defaults).
 *
 * @param messages the conversation, system message first
 * @param tools the tools on offer; may be empty
 * @param options the parameters set for this request; {@link ChatOptions#NONE} for the model's defaults
 */
public record ChatRequest(List<Message> messages, List<ToolDefinition> tools, ChatOptions options) {

    /** Creates a request; both lists are copied. */
    public ChatRequest {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        options = options == null ? ChatOptions.NONE : options;
    }

    /** A request with the model's default options. */
    public ChatRequest(List<Message> messages, List<ToolDefinition> tools) {
        this(messages, tools, ChatOptions.NONE);
    }
}
