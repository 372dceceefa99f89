package io.agent4j.chat;

import java.util.Objects;

/**
 * The result of one tool call, sent back to the model.
 *
 * @param toolCallId the {@link ToolCall#id()} this message answers
 * @param toolName the tool that ran (kept for transcripts; not sent on the wire)
 * @param content the result, or an explanation of what went wrong
 */
public record ToolMessage(String toolCallId, String toolName, String content) implements Message {

    /** Creates a tool message; {@code toolCallId} and {@code content} must not be null. */
    public ToolMessage {
        Objects.requireNonNull(toolCallId, "toolCallId");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public Role role() {
        return Role.TOOL;
    }
}
