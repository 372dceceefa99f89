package io.agent4j.guardrail;

import io.agent4j.chat.Message;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The model's final answer, as an {@link OutputGuardrail} sees it: its text, the typed answer's value
 * when the run has an answer type, and the transcript up to and including the answer.
 */
public final class FinalAnswer {

    private final String text;
    private final Object value;
    private final List<Message> messages;

    /**
     * Creates the answer; the transcript is copied.
     *
     * @param text the answer's text (for a typed answer, its JSON)
     * @param value the typed answer's value, already checked against its schema; null for a text answer
     * @param messages the run's transcript up to and including the answer, for checks against tool results
     */
    public FinalAnswer(String text, Object value, List<Message> messages) {
        this.text = Objects.requireNonNull(text, "text");
        this.value = value;
        this.messages = List.copyOf(messages);
    }

    /** The answer's text (for a typed answer, its JSON). */
    public String text() {
        return text;
    }

    /** The typed answer's value, already checked against its schema; empty for a text answer. */
    public Optional<Object> value() {
        return Optional.ofNullable(value);
    }

    /** The run's transcript up to and including the answer, for checks against tool results. */
    public List<Message> messages() {
        return messages;
    }

    /** Whether {@code other} is the same answer, of the same value, after the same transcript. */
    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof FinalAnswer answer && text.equals(answer.text)
                && Objects.equals(value, answer.value) && messages.equals(answer.messages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, value, messages);
    }

    /** The parts by name, as a record shows its components. */
    @Override
    public String toString() {
        return "FinalAnswer[text=" + text + ", value=" + value() + ", messages=" + messages + "]";
    }
}
