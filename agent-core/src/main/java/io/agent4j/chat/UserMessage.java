package io.agent4j.chat;

import java.util.Objects;

/** A message from the person using the agent. */
public record UserMessage(String content) implements Message {

    /** Creates a user message; {@code content} must not be null. */
    public UserMessage {
        Objects.requireNonNull(content, "content");
    }

    @Override
    public Role role() {
        return Role.USER;
    }
}
