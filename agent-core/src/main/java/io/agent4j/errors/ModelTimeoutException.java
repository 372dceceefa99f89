package io.agent4j.errors;

/** The server did not answer, or stopped sending, within the configured timeout. */
public class ModelTimeoutException extends ModelConnectionException {

    /** Creates the exception with the underlying cause. */
    public ModelTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
