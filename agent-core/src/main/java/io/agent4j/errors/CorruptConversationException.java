package io.agent4j.errors;

/**
 * A stored conversation holds a message that cannot be read: not JSON, a field missing or of the
 * wrong kind, a role that does not match. Nothing of the conversation is sent while it is damaged:
 * continue under a new conversation id, or delete the damaged turn from the store.
 */
public class CorruptConversationException extends Agent4jException {

    private final String conversationId;
    private final long seq;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param conversationId the conversation that cannot be loaded
     * @param seq the sequence number of the damaged message in the store
     * @param problem what is wrong with it
     */
    public CorruptConversationException(String conversationId, long seq, String problem) {
        super("Conversation '" + conversationId + "' cannot be loaded: its stored message number " + seq
                + " is damaged (" + problem + "). Continue under a new conversation id, or delete the damaged "
                + "turn from the store.");
        this.conversationId = conversationId;
        this.seq = seq;
        this.problem = problem;
    }

    /**
     * Creates the exception for a stored run whose state cannot be read; {@link #seq()} is -1.
     *
     * @param runId the run that cannot be resumed
     */
    public CorruptConversationException(String conversationId, String runId, String problem) {
        super("Run '" + runId + "' of conversation '" + conversationId + "' cannot be resumed: its stored state is "
                + "damaged (" + problem + "). Start the run again, or delete the run from the store.");
        this.conversationId = conversationId;
        this.seq = -1;
        this.problem = problem;
    }

    /** The conversation that cannot be loaded. */
    public String conversationId() {
        return conversationId;
    }

    /** The sequence number of the damaged message in the store; -1 for a run's damaged state. */
    public long seq() {
        return seq;
    }

    /** What is wrong with the message, such as {@code the message is not valid JSON: ...}. */
    public String problem() {
        return problem;
    }
}
