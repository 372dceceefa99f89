package io.agent4j.errors;

/**
 * A run cannot be resumed as asked: the store holds no such run, it is not waiting (it ended, or
 * another process resumed it), or the decisions do not answer exactly its pending calls (a decision
 * for a call it did not ask about, two for one call, or none for one). Nothing ran and nothing was
 * stored: a resume fails closed.
 */
public class ResumeRefusedException extends Agent4jException {

    private final String runId;

    /** Creates the exception for a run and why it cannot be resumed. */
    public ResumeRefusedException(String runId, String why) {
        super("Run '" + runId + "' cannot be resumed: " + why);
        this.runId = runId;
    }

    /** The run that was to be resumed. */
    public String runId() {
        return runId;
    }
}
