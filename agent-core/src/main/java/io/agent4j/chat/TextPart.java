package io.agent4j.chat;

import java.util.Objects;

/**
 * A text part of a user message, sent as {@code {"type":"text","text":...}}.
 *
 * @param text the text; must not be null
 */
public record TextPart(String text) implements ContentPart {

    /** Creates a text part; {@code text} must not be null. */
    public TextPart {
        Objects.requireNonNull(text, "text");
    }
}
