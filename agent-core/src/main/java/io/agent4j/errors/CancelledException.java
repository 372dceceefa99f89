package io.agent4j.errors;

/** A {@link io.agent4j.chat.Cancellation} stopped a stream or a run. */
public class CancelledException extends Agent4jException {

    /** Creates the exception. */
    public CancelledException(String message) {
        super(message);
    }
}
