package io.agent4j.tool;

import java.util.Objects;

/**
 * What one tool call produced, as the text sent back to the model.
 *
 * @param content the result, or an explanation of the failure written for the model
 * @param failed whether the call did not produce a result (unknown tool, bad arguments, exception)
 */
public record ToolResult(String content, boolean failed) {

    /** Creates a result; {@code content} must not be null. */
    public ToolResult {
        Objects.requireNonNull(content, "content");
    }

    /** A successful result. */
    public static ToolResult success(String content) {
        return new ToolResult(content, false);
    }

    /** A failure, explained to the model so it can correct itself. */
    public static ToolResult failure(String explanation) {
        return new ToolResult(explanation, true);
    }
}
