package io.agent4j.guardrail;

import io.agent4j.chat.Message;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The model's final answer, as an {@link OutputGuardrail} sees it.
 *
 * @param text the answer's text (for a typed answer, its JSON)
 * @param value the typed answer's value, already checked against its schema; empty for a text answer
 * @param messages the run's transcript up to and including the answer, for checks against tool results
 */
public record FinalAnswer(String text, Optional<Object> value, List<Message> messages) {

    /** Copies the transcript. */
    public FinalAnswer {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(value, "value");
        messages = List.copyOf(messages);
    }
}
