package io.agent4j.chat;

/**
 * Tokens used by one or more model calls, as the server reported them.
 *
 * @param promptTokens tokens read by the model, cached ones included
 * @param completionTokens tokens written by the model, reasoning ones included
 * @param totalTokens the sum the server reported
 * @param cachedPromptTokens the part of the prompt served from the provider's cache (billed lower)
 * @param reasoningTokens the part of the completion spent on hidden reasoning
 * @param known false when the server's report of at least one of the calls could not be used (a negative
 *     or absurd count): the counts then cover only the calls whose usage was known, and no cost is given
 *     for them
 */
public record Usage(long promptTokens, long completionTokens, long totalTokens, long cachedPromptTokens,
        long reasoningTokens, boolean known) {

    /** No tokens; also stands for a response whose server reported no usage. */
    public static final Usage ZERO = new Usage(0, 0, 0);

    /** The usage of a call whose server reported counts that cannot be used. */
    public static final Usage UNKNOWN = new Usage(0, 0, 0, 0, 0, false);

    /** Creates a usage; counts must not be negative. */
    public Usage {
        if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0 || cachedPromptTokens < 0
                || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** A known usage with cached and reasoning tokens. */
    public Usage(long promptTokens, long completionTokens, long totalTokens, long cachedPromptTokens,
            long reasoningTokens) {
        this(promptTokens, completionTokens, totalTokens, cachedPromptTokens, reasoningTokens, true);
    }

    /** A known usage without cached or reasoning tokens. */
    public Usage(long promptTokens, long completionTokens, long totalTokens) {
        this(promptTokens, completionTokens, totalTokens, 0, 0, true);
    }

    /** The sum of this usage and another; unknown when either is. */
    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens,
                totalTokens + other.totalTokens, cachedPromptTokens + other.cachedPromptTokens,
                reasoningTokens + other.reasoningTokens, known && other.known);
    }
}
