package io.agent4j.errors;

/**
 * The model's server could not be reached, did not answer in time, or sent something that is not a
 * Chat Completions response.
 */
public class ModelConnectionException extends Agent4jException {

    /** Creates the exception with the underlying cause. */
    public ModelConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
