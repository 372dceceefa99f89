package io.agent4j.errors;

/**
 * The server kept answering HTTP 429 (or a rate-limit error event in a stream) after every retry: too
 * many requests or tokens for the key's limits; waiting helps. A used-up quota is a
 * {@link QuotaExceededException} instead.
 */
public class RateLimitException extends ModelApiException {

    /** Creates the exception; see {@link ModelApiException} for the parameters. */
    public RateLimitException(String message, String errorType, String errorCode, String requestId) {
        super(message, 429, errorType, errorCode, null, requestId);
    }

    /** Creates the exception with the parameter the server named; see {@link ModelApiException}. */
    public RateLimitException(String message, String errorType, String errorCode, String param, String requestId) {
        super(message, 429, errorType, errorCode, param, requestId);
    }
}
