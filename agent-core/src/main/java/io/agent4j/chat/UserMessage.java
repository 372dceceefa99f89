package io.agent4j.chat;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A message from the person using the agent: a text, or parts (texts and images) in order.
 *
 * <pre>{@code
 * UserMessage plain = UserMessage.of("What is the weather in Seoul?");
 * UserMessage withImage = UserMessage.of(new TextPart("What is in this picture?"),
 *         ImagePart.fromFile(Path.of("photo.jpg")));
 * }</pre>
 *
 * A message that is a single text part goes on the wire as a string {@code content}; any other as
 * the array of parts.
 *
 * @param parts the parts, at least one
 */
public record UserMessage(List<ContentPart> parts) implements Message {

    /**
     * Creates a user message of parts.
     *
     * @throws IllegalArgumentException when {@code parts} is empty or holds a null
     */
    public UserMessage {
        Objects.requireNonNull(parts, "parts");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a user message needs at least one part: give a text or an image");
        }
        for (ContentPart part : parts) {
            if (part == null) {
                throw new IllegalArgumentException("a user message's parts must not be null: " + parts);
            }
        }
        parts = List.copyOf(parts);
    }

    /** Creates a text message; {@code content} must not be null. */
    public UserMessage(String content) {
        this(List.of(new TextPart(Objects.requireNonNull(content, "content"))));
    }

    /** A text message. */
    public static UserMessage of(String text) {
        return new UserMessage(text);
    }

    /** A message of parts, such as a question and the images it is about. */
    public static UserMessage of(ContentPart... parts) {
        return new UserMessage(Arrays.asList(parts));
    }

    /** The text of the message: its text parts, joined by new lines; empty when it has none. */
    @Override
    public String content() {
        if (parts.size() == 1 && parts.get(0) instanceof TextPart text) {
            return text.text();
        }
        return parts.stream().filter(TextPart.class::isInstance).map(p -> ((TextPart) p).text())
                .collect(Collectors.joining("\n"));
    }

    /** The images of the message, in order; empty for a text message. */
    public List<ImagePart> images() {
        return parts.stream().filter(ImagePart.class::isInstance).map(ImagePart.class::cast).toList();
    }

    /** Whether the message is a single text, sent as a plain string. */
    public boolean isText() {
        return parts.size() == 1 && parts.get(0) instanceof TextPart;
    }

    @Override
    public Role role() {
        return Role.USER;
    }
}
