package io.agent4j.errors;

import io.agent4j.chat.Message;
import io.agent4j.chat.Usage;
import java.math.BigDecimal;
import java.util.List;

/** The model was still calling tools after the agent's {@code maxSteps} model calls. */
public class MaxStepsExceededException extends RunException {

    private final int maxSteps;

    /** Creates the exception with the transcript of the run so far; the cost is unknown. */
    public MaxStepsExceededException(int maxSteps, List<Message> transcript, Usage usage) {
        this(maxSteps, transcript, usage, null);
    }

    /** Creates the exception with the transcript, usage and cost (null when unknown) of the run so far. */
    public MaxStepsExceededException(int maxSteps, List<Message> transcript, Usage usage, BigDecimal cost) {
        super("The agent made " + maxSteps + " model calls without reaching a final answer; raise "
                + "maxSteps if the task needs more, or check the transcript for a tool call loop.", transcript, usage,
                cost, null);
        this.maxSteps = maxSteps;
    }

    /** The limit that was reached. */
    public int maxSteps() {
        return maxSteps;
    }
}
