package io.agent4j.errors;

/** The key is valid but may not use this model, project or region (HTTP 403). Never retried. */
public class PermissionDeniedException extends ModelApiException {

    /** Creates the exception; see {@link ModelApiException} for the parameters. */
    public PermissionDeniedException(String message, int statusCode, String errorType, String errorCode, String param,
            String requestId) {
        super(message, statusCode, errorType, errorCode, param, requestId);
    }
}
