package io.agent4j.errors;

/**
 * A recording cannot be read or written, or the agent's request no longer matches it. The message
 * names the file, the step and what differed.
 */
public class RecordingException extends Agent4jException {

    /** Creates the exception. */
    public RecordingException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public RecordingException(String message, Throwable cause) {
        super(message, cause);
    }
}
