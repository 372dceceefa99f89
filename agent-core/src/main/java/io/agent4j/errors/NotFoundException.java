package io.agent4j.errors;

/** The model or endpoint does not exist, or the key cannot see it (HTTP 404). Never retried. */
public class NotFoundException extends ModelApiException {

    /** Creates the exception; see {@link ModelApiException} for the parameters. */
    public NotFoundException(String message, int statusCode, String errorType, String errorCode, String param,
            String requestId) {
        super(message, statusCode, errorType, errorCode, param, requestId);
    }
}
