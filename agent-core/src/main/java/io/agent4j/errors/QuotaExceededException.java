package io.agent4j.errors;

/**
 * HTTP 429 with {@code insufficient_quota}: the account has no credit left. It is not a
 * {@link RateLimitException}: waiting does not help, so it is never retried, whatever the server's
 * {@code retry-after} or {@code x-should-retry} say. Add credit, or use another key.
 */
public class QuotaExceededException extends ModelApiException {

    /** Creates the exception; see {@link ModelApiException} for the parameters. */
    public QuotaExceededException(String message, String errorType, String errorCode, String requestId) {
        super(message, 429, errorType, errorCode, null, requestId);
    }

    /** Creates the exception with the parameter the server named; see {@link ModelApiException}. */
    public QuotaExceededException(String message, String errorType, String errorCode, String param,
            String requestId) {
        super(message, 429, errorType, errorCode, param, requestId);
    }
}
