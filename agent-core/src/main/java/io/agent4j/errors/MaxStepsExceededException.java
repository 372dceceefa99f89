package io.agent4j.errors;

import io.agent4j.chat.Message;
import io.agent4j.chat.Usage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The model was still calling tools after the agent's {@code maxSteps} model calls. */
public class MaxStepsExceededException extends Agent4jException {

    private final int maxSteps;
    private final List<Message> transcript;
    private final Usage usage;
    private final Optional<BigDecimal> cost;

    /** Creates the exception with the transcript of the run so far; the cost is unknown. */
    public MaxStepsExceededException(int maxSteps, List<Message> transcript, Usage usage) {
        this(maxSteps, transcript, usage, Optional.empty());
    }

    /** Creates the exception with the transcript, usage and cost of the run so far. */
    public MaxStepsExceededException(int maxSteps, List<Message> transcript, Usage usage, Optional<BigDecimal> cost) {
        super("The agent made " + maxSteps + " model calls without reaching a final answer; raise "
                + "maxSteps if the task needs more, or check the transcript for a tool call loop.");
        this.maxSteps = maxSteps;
        this.transcript = List.copyOf(transcript);
        this.usage = usage;
        this.cost = cost;
    }

    /** What the run cost before it stopped, in US dollars; empty when a price was unknown. */
    public Optional<BigDecimal> cost() {
        return cost;
    }

    /** The limit that was reached. */
    public int maxSteps() {
        return maxSteps;
    }

    /** Every message of the run up to the point it stopped. */
    public List<Message> transcript() {
        return transcript;
    }

    /** The tokens used before the run stopped. */
    public Usage usage() {
        return usage;
    }
}
