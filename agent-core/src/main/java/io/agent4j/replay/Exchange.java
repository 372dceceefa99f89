package io.agent4j.replay;

import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import java.util.Objects;

/**
 * One step of a recorded session: what the agent sent and what the model answered.
 *
 * @param request the request, as sent
 * @param response the model's answer
 */
public record Exchange(ChatRequest request, ChatResponse response) {

    /** Creates an exchange; neither part may be null. */
    public Exchange {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
    }
}
