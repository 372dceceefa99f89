package io.agent4j;

/** The server kept answering HTTP 429 after every retry: too many requests, or quota exhausted. */
public class RateLimitException extends ModelApiException {

    /** Creates the exception; see {@link ModelApiException} for the parameters. */
    public RateLimitException(String message, String errorType, String errorCode, String requestId) {
        super(message, 429, errorType, errorCode, null, requestId);
    }
}
