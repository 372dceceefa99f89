package io.agent4j.errors;

/** The server refused the request as malformed or invalid (HTTP 400 or 422); {@link #param()} names the parameter when the server says. Never retried. */
public class BadRequestException extends ModelApiException {

    /** Creates the exception; see {@link ModelApiException} for the parameters. */
    public BadRequestException(String message, int statusCode, String errorType, String errorCode, String param,
            String requestId) {
        super(message, statusCode, errorType, errorCode, param, requestId);
    }
}
