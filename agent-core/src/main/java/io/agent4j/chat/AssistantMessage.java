package io.agent4j.chat;

import java.util.List;

/**
 * A reply of the model: text, tool calls, or both.
 *
 * @param content the text, or {@code null} when the model only calls tools
 * @param toolCalls the tools the model wants run, in its order; empty for a final answer
 */
public record AssistantMessage(String content, List<ToolCall> toolCalls) implements Message {

    /** Creates an assistant message; a null {@code toolCalls} means none. */
    public AssistantMessage {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A final answer in text, calling no tools. */
    public static AssistantMessage of(String content) {
        return new AssistantMessage(content, List.of());
    }

    /** Whether the model asked for tools; this, not the finish reason, decides whether the loop goes on. */
    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }

    @Override
    public Role role() {
        return Role.ASSISTANT;
    }
}
