package io.agent4j.errors;

import io.agent4j.chat.Message;
import io.agent4j.chat.Usage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The model refused to give a typed answer (OpenAI's {@code refusal}, usually for safety reasons):
 * its words are in {@link #refusal()}. Not a parse error: no repair was asked for, since a model
 * that refuses says so again.
 */
public class RefusalException extends Agent4jException {

    private final String refusal;
    private final List<Message> transcript;
    private final Usage usage;
    private final Optional<BigDecimal> cost;

    /** Creates the exception with the model's words and the run so far. */
    public RefusalException(String refusal, List<Message> transcript, Usage usage, Optional<BigDecimal> cost) {
        super("The model refused to answer: " + refusal);
        this.refusal = refusal;
        this.transcript = List.copyOf(transcript);
        this.usage = usage;
        this.cost = cost;
    }

    /** What the model said. */
    public String refusal() {
        return refusal;
    }

    /** Every message of the run, the refusal included. */
    public List<Message> transcript() {
        return transcript;
    }

    /** The tokens of the whole run. */
    public Usage usage() {
        return usage;
    }

    /** What the run cost in US dollars; empty when a price was unknown. */
    public Optional<BigDecimal> cost() {
        return cost;
    }
}
