package io.agent4j.chat;

import java.util.List;

/**
 * A reply of the model: text, tool calls, or both; or a refusal.
 *
 * @param content the text, or {@code null} when the model only calls tools (or refuses)
 * @param toolCalls the tools the model wants run, in its order; empty for a final answer
 * @param refusal what the model said when it refused to answer (OpenAI's {@code refusal}), or {@code null}
 *     when it did not refuse
 */
public record AssistantMessage(String content, List<ToolCall> toolCalls, String refusal) implements Message {

    /** Creates an assistant message; a null {@code toolCalls} means none, an empty refusal none. */
    public AssistantMessage {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        refusal = refusal == null || refusal.isEmpty() ? null : refusal;
    }

    /** An assistant message with text and tool calls and no refusal. */
    public AssistantMessage(String content, List<ToolCall> toolCalls) {
        this(content, toolCalls, null);
    }

    /** A final answer in text, calling no tools. */
    public static AssistantMessage of(String content) {
        return new AssistantMessage(content, List.of());
    }

    /** Whether the model asked for tools; this, not the finish reason, decides whether the loop goes on. */
    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }

    /** Whether the model refused to answer; {@link #refusal()} then says what it said. */
    public boolean refused() {
        return refusal != null;
    }

    @Override
    public Role role() {
        return Role.ASSISTANT;
    }
}
