package io.agent4j.errors;

/** The server failed (HTTP 5xx) on every attempt. */
public class ServerException extends ModelApiException {

    /** Creates the exception; see {@link ModelApiException} for the parameters. */
    public ServerException(String message, int statusCode, String errorType, String errorCode, String param,
            String requestId) {
        super(message, statusCode, errorType, errorCode, param, requestId);
    }
}
