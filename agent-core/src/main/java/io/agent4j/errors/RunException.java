package io.agent4j.errors;

import io.agent4j.chat.Message;
import io.agent4j.chat.Usage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A run ended without an answer it could return, after it had done some work: what it did is in
 * {@link #transcript()}, what it spent in {@link #usage()} and {@link #cost()}. Its subclasses say
 * why: too many steps, a budget, a guardrail, an answer that never fit, a refusal.
 */
public class RunException extends Agent4jException {

    private final List<Message> transcript;
    private final Usage usage;
    private final BigDecimal cost;

    /** Creates the exception with the run's transcript so far, its usage and its cost (null when unknown). */
    protected RunException(String message, List<Message> transcript, Usage usage, BigDecimal cost, Throwable cause) {
        super(message, cause);
        this.transcript = List.copyOf(transcript);
        this.usage = Objects.requireNonNull(usage, "usage");
        this.cost = cost;
    }

    /** Every message of the run up to the point it stopped. */
    public List<Message> transcript() {
        return transcript;
    }

    /** The tokens the run used before it stopped. */
    public Usage usage() {
        return usage;
    }

    /** What the run cost before it stopped, in US dollars; empty when a price was unknown. */
    public Optional<BigDecimal> cost() {
        return Optional.ofNullable(cost);
    }
}
