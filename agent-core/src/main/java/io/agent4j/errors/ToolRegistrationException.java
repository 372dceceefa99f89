package io.agent4j.errors;

/**
 * A method cannot be offered as a tool (a bad name, a duplicate, a type with no schema, a class
 * that cannot be instantiated). Thrown when the tool is registered, never during a run.
 */
public class ToolRegistrationException extends Agent4jException {

    /** Creates the exception; the message names the class, method and parameter at fault. */
    public ToolRegistrationException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public ToolRegistrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
