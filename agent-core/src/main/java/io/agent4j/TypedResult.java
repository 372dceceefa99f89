package io.agent4j;

import io.agent4j.chat.Message;
import io.agent4j.chat.Usage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a run with a typed answer: the answer as a Java value, checked against its schema
 * and bound, and the run's result (its text is the answer's JSON).
 *
 * <pre>{@code
 * TypedResult<Invoice> result = agent.run("Extract the invoice in invoice.txt.", Invoice.class);
 * Invoice invoice = result.value();
 * }</pre>
 *
 * @param value the answer; null only when the type admits it (an empty {@code Optional} is
 *     {@code Optional.empty()})
 * @param repairs how often the model was asked to repair its answer (schema problems and output
 *     guardrails' retries together); each repair is a step of {@code result}, and in its usage
 * @param result the run: transcript, steps, usage, cost, finish reason
 * @param <T> the type of the answer
 */
public record TypedResult<T>(T value, int repairs, AgentResult result) {

    /** Checks the result is there. */
    public TypedResult {
        Objects.requireNonNull(result, "result");
    }

    /** The answer's JSON, as the model wrote it (or as an output guardrail rewrote it). */
    public String text() {
        return result.text();
    }

    /** The whole transcript, repairs included. */
    public List<Message> messages() {
        return result.messages();
    }

    /** How many times the model was called. */
    public int steps() {
        return result.steps();
    }

    /** The tokens of all those calls together. */
    public Usage usage() {
        return result.usage();
    }

    /** What the run cost in US dollars; empty when a model's price is not known. */
    public Optional<BigDecimal> cost() {
        return result.cost();
    }
}
