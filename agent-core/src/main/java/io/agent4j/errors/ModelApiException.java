package io.agent4j.errors;

/**
 * The model's server answered with an error. Carries what the server said, so callers can act on
 * it; the API key never appears in any of it.
 */
public class ModelApiException extends Agent4jException {

    private final int statusCode;
    private final String errorType;
    private final String errorCode;
    private final String param;
    private final String requestId;

    /**
     * Creates the exception.
     *
     * @param message a message for people
     * @param statusCode the HTTP status
     * @param errorType the API's {@code error.type}, or null
     * @param errorCode the API's {@code error.code}, or null
     * @param param the API's {@code error.param}, or null
     * @param requestId the {@code x-request-id} response header, or null
     */
    public ModelApiException(String message, int statusCode, String errorType, String errorCode,
            String param, String requestId) {
        super(message);
        this.statusCode = statusCode;
        this.errorType = errorType;
        this.errorCode = errorCode;
        this.param = param;
        this.requestId = requestId;
    }

    /** The HTTP status code. */
    public int statusCode() {
        return statusCode;
    }

    /** The API's {@code error.type}, such as {@code invalid_request_error}; may be null. */
    public String errorType() {
        return errorType;
    }

    /** The API's {@code error.code}, such as {@code model_not_found}; may be null. */
    public String errorCode() {
        return errorCode;
    }

    /** The request parameter the server complained about; may be null. */
    public String param() {
        return param;
    }

    /** The server's {@code x-request-id}, to quote to its operator; may be null. */
    public String requestId() {
        return requestId;
    }
}
