package io.agent4j.chat;

/**
 * Tokens used by one or more model calls, as the server reported them.
 *
 * @param promptTokens tokens read by the model
 * @param completionTokens tokens written by the model
 * @param totalTokens the sum the server reported
 */
public record Usage(long promptTokens, long completionTokens, long totalTokens) {

    /** No tokens; also stands for a response whose server reported no usage. */
    public static final Usage ZERO = new Usage(0, 0, 0);

    /** Creates a usage; counts must not be negative. */
    public Usage {
        if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** The sum of this usage and another. */
    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens,
                completionTokens + other.completionTokens,
                totalTokens + other.totalTokens);
    }
}
