package io.agent4j.mcp;

import io.agent4j.errors.Agent4jException;

/**
 * An MCP exchange that did not succeed: the other side answered with an error, did not answer in
 * time, or does not offer what was asked of it (such as sampling). The message says which, and what
 * to do about it.
 */
public class McpException extends Agent4jException {

    /** Creates an exception with a message for people. */
    public McpException(String message) {
        super(message);
    }

    /** Creates an exception with a message for people and its cause. */
    public McpException(String message, Throwable cause) {
        super(message, cause);
    }
}
