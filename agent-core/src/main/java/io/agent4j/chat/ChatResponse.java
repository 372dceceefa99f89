package io.agent4j.chat;

import java.util.Objects;

/**
 * One reply of the model.
 *
 * @param message the assistant message, with any tool calls
 * @param finishReason why the model stopped
 * @param usage the tokens of this call ({@link Usage#ZERO} when the server reported none)
 * @param model the model that answered, as the server named it; may be null
 */
public record ChatResponse(AssistantMessage message, FinishReason finishReason, Usage usage, String model) {

    /** Creates a response; a null finish reason or usage become {@link FinishReason#OTHER} and zero. */
    public ChatResponse {
        Objects.requireNonNull(message, "message");
        finishReason = finishReason == null ? FinishReason.OTHER : finishReason;
        usage = usage == null ? Usage.ZERO : usage;
    }
}
