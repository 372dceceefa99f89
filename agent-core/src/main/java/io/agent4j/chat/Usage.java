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
 * @param details the rarer parts of the counts: audio, and Predicted Outputs' accepted and rejected tokens
 */
public record Usage(long promptTokens, long completionTokens, long totalTokens, long cachedPromptTokens,
        long reasoningTokens, boolean known, Details details) {

    /** No tokens, known: the start of a sum. */
    public static final Usage ZERO = new Usage(0, 0, 0);

    /** The usage of a call whose server reported none, or counts that cannot be used: unknown, not zero. */
    public static final Usage UNKNOWN = new Usage(0, 0, 0, 0, 0, false);

    /** Creates a usage; counts must not be negative, and null details are {@link Details#NONE}. */
    public Usage {
        if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0 || cachedPromptTokens < 0
                || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        details = details == null ? Details.NONE : details;
    }

    /** A usage without audio or prediction counts. */
    public Usage(long promptTokens, long completionTokens, long totalTokens, long cachedPromptTokens,
            long reasoningTokens, boolean known) {
        this(promptTokens, completionTokens, totalTokens, cachedPromptTokens, reasoningTokens, known, Details.NONE);
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
                reasoningTokens + other.reasoningTokens, known && other.known, details.plus(other.details));
    }

    /**
     * The rarer parts of the counts, each already counted in the prompt or completion tokens.
     *
     * @param promptAudioTokens audio read by the model ({@code prompt_tokens_details.audio_tokens})
     * @param completionAudioTokens audio written by the model ({@code completion_tokens_details.audio_tokens})
     * @param acceptedPredictionTokens tokens of a prediction that appeared in the answer
     *     ({@code accepted_prediction_tokens})
     * @param rejectedPredictionTokens tokens of a prediction that did not appear, still billed as completion
     *     tokens ({@code rejected_prediction_tokens})
     */
    public record Details(long promptAudioTokens, long completionAudioTokens, long acceptedPredictionTokens,
            long rejectedPredictionTokens) {

        /** No such tokens. */
        public static final Details NONE = new Details(0, 0, 0, 0);

        /** Creates details; counts must not be negative. */
        public Details {
            if (promptAudioTokens < 0 || completionAudioTokens < 0 || acceptedPredictionTokens < 0
                    || rejectedPredictionTokens < 0) {
                throw new IllegalArgumentException("token counts must not be negative");
            }
        }

        /** The sum of these details and others. */
        public Details plus(Details other) {
            return new Details(promptAudioTokens + other.promptAudioTokens,
                    completionAudioTokens + other.completionAudioTokens,
                    acceptedPredictionTokens + other.acceptedPredictionTokens,
                    rejectedPredictionTokens + other.rejectedPredictionTokens);
        }
    }
}
