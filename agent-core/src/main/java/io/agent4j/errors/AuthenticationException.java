package io.agent4j.errors;

/**
 * The server rejected the API key (HTTP 401): wrong, revoked, or of another organisation. Never retried. A
 * model built with no key at all fails earlier, with a {@link MissingApiKeyException}.
 */
public class AuthenticationException extends ModelApiException {

    /** Creates the exception; see {@link ModelApiException} for the parameters. */
    public AuthenticationException(String message, int statusCode, String errorType, String errorCode,
            String requestId) {
        super(message, statusCode, errorType, errorCode, null, requestId);
    }

    /** Creates the exception with the parameter the server named; see {@link ModelApiException}. */
    public AuthenticationException(String message, int statusCode, String errorType, String errorCode, String param,
            String requestId) {
        super(message, statusCode, errorType, errorCode, param, requestId);
    }
}
