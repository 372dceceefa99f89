package io.agent4j.errors;

/** The base of every exception agent4j throws. Unchecked; the message says what to do. */
public class Agent4jException extends RuntimeException {

    /** Creates an exception with a message for people. */
    public Agent4jException(String message) {
        super(message);
    }

    /** Creates an exception with a message for people and its cause. */
    public Agent4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
