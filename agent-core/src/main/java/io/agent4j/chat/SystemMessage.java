package io.agent4j.chat;

import java.util.Objects;

/** Instructions that frame the conversation; always first. */
public record SystemMessage(String content) implements Message {

    /** Creates a system message; {@code content} must not be null. */
    public SystemMessage {
        Objects.requireNonNull(content, "content");
    }

    @Override
    public Role role() {
        return Role.SYSTEM;
    }
}
