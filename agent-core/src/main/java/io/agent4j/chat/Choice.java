package io.agent4j.chat;

import java.util.Objects;

/**
 * One of the answers a model wrote for a request; there are several when {@link ChatOptions#n()} asks
 * for more than one.
 *
 * @param message the assistant message, with any tool calls
 * @param finishReason why the model stopped writing this answer
 * @param logprobs the tokens' log probabilities, or null when not asked for or not sent
 */
public record Choice(AssistantMessage message, FinishReason finishReason, Logprobs logprobs) {

    /** Creates a choice; a null finish reason becomes {@link FinishReason#OTHER}. */
    public Choice {
        Objects.requireNonNull(message, "message");
        finishReason = finishReason == null ? FinishReason.OTHER : finishReason;
    }
}
