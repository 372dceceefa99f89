package io.agent4j.errors;

/** No API key was given to the builder and {@code OPENAI_API_KEY} is not set. */
public class MissingApiKeyException extends Agent4jException {

    /** Creates the exception with a message that says where the key is looked for. */
    public MissingApiKeyException(String message) {
        super(message);
    }
}
