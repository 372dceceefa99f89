package io.agent4j.errors;

/**
 * HTTP 429 with {@code insufficient_quota}: the account has no credit left. Unlike a rate limit,
 * waiting does not help, so it is not retried.
 */
public class QuotaExceededException extends RateLimitException {

    /** Creates the exception; see {@link ModelApiException} for the parameters. */
    public QuotaExceededException(String message, String errorType, String errorCode, String requestId) {
        super(message, errorType, errorCode, requestId);
    }

    /** Creates the exception with the parameter the server named; see {@link ModelApiException}. */
    public QuotaExceededException(String message, String errorType, String errorCode, String param,
            String requestId) {
        super(message, errorType, errorCode, param, requestId);
    }
}
