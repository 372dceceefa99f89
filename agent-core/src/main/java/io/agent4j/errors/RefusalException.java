package io.agent4j.errors;

import io.agent4j.chat.Message;
import io.agent4j.chat.Usage;
import java.math.BigDecimal;
import java.util.List;

/**
 * The model refused to give a typed answer (OpenAI's {@code refusal}, usually for safety reasons):
 * its words are in {@link #refusal()}. Not a parse error: no repair was asked for, since a model
 * that refuses says so again.
 */
public class RefusalException extends RunException {

    private final String refusal;

    /** Creates the exception with the model's words and the run so far; {@code cost} is null when unknown. */
    public RefusalException(String refusal, List<Message> transcript, Usage usage, BigDecimal cost) {
        super("The model refused to answer: " + refusal, transcript, usage, cost, null);
        this.refusal = refusal;
    }

    /** What the model said. */
    public String refusal() {
        return refusal;
    }
}
