package io.agent4j.chat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.Objects;

/**
 * Tokens used by one or more model calls, as the server reported them.
 *
 * <pre>{@code
 * Usage usage = Usage.builder().promptTokens(2006).completionTokens(300).cachedPromptTokens(1920).build();
 * Usage both = usage.plus(Usage.of(10, 5));
 * }</pre>
 *
 * <p>A final class with a builder rather than a record, so that a count the API adds is a new setter and
 * accessor, not a new constructor argument for every caller. Jackson writes it as it would a record, a field
 * for each count.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class Usage {

    /** No tokens, known: the start of a sum. */
    public static final Usage ZERO = builder().build();

    /** The usage of a call whose server reported none, or counts that cannot be used: unknown, not zero. */
    public static final Usage UNKNOWN = builder().known(false).build();

    private final long promptTokens;
    private final long completionTokens;
    private final long totalTokens;
    private final long cachedPromptTokens;
    private final long reasoningTokens;
    private final boolean known;
    private final Details details;

    private Usage(Builder builder) {
        promptTokens = builder.promptTokens;
        completionTokens = builder.completionTokens;
        totalTokens = builder.totalTokens != null ? builder.totalTokens : promptTokens + completionTokens;
        cachedPromptTokens = builder.cachedPromptTokens;
        reasoningTokens = builder.reasoningTokens;
        known = builder.known;
        details = builder.details;
        Details.check("promptTokens", promptTokens);
        Details.check("completionTokens", completionTokens);
        Details.check("totalTokens", totalTokens);
        Details.check("cachedPromptTokens", cachedPromptTokens);
        Details.check("reasoningTokens", reasoningTokens);
    }

    /** A known usage of {@code promptTokens} read and {@code completionTokens} written, their sum the total. */
    public static Usage of(long promptTokens, long completionTokens) {
        return builder().promptTokens(promptTokens).completionTokens(completionTokens).build();
    }

    /** A builder of a known usage with every count 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this usage. */
    public Builder toBuilder() {
        return new Builder().promptTokens(promptTokens).completionTokens(completionTokens).totalTokens(totalTokens)
                .cachedPromptTokens(cachedPromptTokens).reasoningTokens(reasoningTokens).known(known)
                .details(details);
    }

    /** Tokens read by the model, cached ones included. */
    public long promptTokens() {
        return promptTokens;
    }

    /** Tokens written by the model, reasoning ones included. */
    public long completionTokens() {
        return completionTokens;
    }

    /** The sum the server reported. */
    public long totalTokens() {
        return totalTokens;
    }

    /** The part of the prompt served from the provider's cache (billed lower). */
    public long cachedPromptTokens() {
        return cachedPromptTokens;
    }

    /** The part of the completion spent on hidden reasoning. */
    public long reasoningTokens() {
        return reasoningTokens;
    }

    /**
     * False when the server's report of at least one of the calls could not be used (a negative or absurd
     * count): the counts then cover only the calls whose usage was known, and no cost is given for them.
     */
    public boolean known() {
        return known;
    }

    /** The rarer parts of the counts: audio, and Predicted Outputs' accepted and rejected tokens. */
    public Details details() {
        return details;
    }

    /** The sum of this usage and another; unknown when either is. */
    public Usage plus(Usage other) {
        return new Builder().promptTokens(promptTokens + other.promptTokens)
                .completionTokens(completionTokens + other.completionTokens)
                .totalTokens(totalTokens + other.totalTokens)
                .cachedPromptTokens(cachedPromptTokens + other.cachedPromptTokens)
                .reasoningTokens(reasoningTokens + other.reasoningTokens).known(known && other.known)
                .details(details.plus(other.details)).build();
    }

    /** Whether {@code other} is a usage with the same counts, known the same way. */
    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof Usage usage && promptTokens == usage.promptTokens
                && completionTokens == usage.completionTokens && totalTokens == usage.totalTokens
                && cachedPromptTokens == usage.cachedPromptTokens && reasoningTokens == usage.reasoningTokens
                && known == usage.known && details.equals(usage.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(promptTokens, completionTokens, totalTokens, cachedPromptTokens, reasoningTokens, known,
                details);
    }

    /** The counts by name, as a record shows its components. */
    @Override
    public String toString() {
        return "Usage[promptTokens=" + promptTokens + ", completionTokens=" + completionTokens + ", totalTokens="
                + totalTokens + ", cachedPromptTokens=" + cachedPromptTokens + ", reasoningTokens=" + reasoningTokens
                + ", known=" + known + ", details=" + details + "]";
    }

    /** Builds a {@link Usage}; every count starts at 0 and the usage as known. */
    public static final class Builder {
        private long promptTokens;
        private long completionTokens;
        private Long totalTokens;
        private long cachedPromptTokens;
        private long reasoningTokens;
        private boolean known = true;
        private Details details = Details.NONE;

        private Builder() {
        }

        /** Tokens read by the model, cached ones included. */
        public Builder promptTokens(long promptTokens) {
            this.promptTokens = promptTokens;
            return this;
        }

        /** Tokens written by the model, reasoning ones included. */
        public Builder completionTokens(long completionTokens) {
            this.completionTokens = completionTokens;
            return this;
        }

        /** The total the server reported; when not set, the prompt and completion tokens together. */
        public Builder totalTokens(long totalTokens) {
            this.totalTokens = totalTokens;
            return this;
        }

        /** The part of the prompt served from the provider's cache. */
        public Builder cachedPromptTokens(long cachedPromptTokens) {
            this.cachedPromptTokens = cachedPromptTokens;
            return this;
        }

        /** The part of the completion spent on hidden reasoning. */
        public Builder reasoningTokens(long reasoningTokens) {
            this.reasoningTokens = reasoningTokens;
            return this;
        }

        /** Whether every call's report could be used ({@link Usage#known()}); true unless set. */
        public Builder known(boolean known) {
            this.known = known;
            return this;
        }

        /** The rarer parts of the counts; null is {@link Details#NONE}. */
        public Builder details(Details details) {
            this.details = details == null ? Details.NONE : details;
            return this;
        }

        /**
         * Creates the usage.
         *
         * @throws IllegalArgumentException naming the first count that is negative
         */
        public Usage build() {
            return new Usage(this);
        }
    }

    /**
     * The rarer parts of the counts, each already counted in the prompt or completion tokens.
     *
     * <pre>{@code
     * Usage.Details details = Usage.Details.builder().promptAudioTokens(40).acceptedPredictionTokens(12).build();
     * }</pre>
     */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE)
    public static final class Details {

        /** No such tokens. */
        public static final Details NONE = builder().build();

        private final long promptAudioTokens;
        private final long completionAudioTokens;
        private final long acceptedPredictionTokens;
        private final long rejectedPredictionTokens;

        private Details(Builder builder) {
            promptAudioTokens = builder.promptAudioTokens;
            completionAudioTokens = builder.completionAudioTokens;
            acceptedPredictionTokens = builder.acceptedPredictionTokens;
            rejectedPredictionTokens = builder.rejectedPredictionTokens;
            check("promptAudioTokens", promptAudioTokens);
            check("completionAudioTokens", completionAudioTokens);
            check("acceptedPredictionTokens", acceptedPredictionTokens);
            check("rejectedPredictionTokens", rejectedPredictionTokens);
        }

        /**
         * Usage's check as well. Here rather than in Usage: a Details made before Usage is loaded would load
         * Usage, whose ZERO would then get a Details.NONE not yet set.
         */
        private static void check(String name, long count) {
            if (count < 0) {
                throw new IllegalArgumentException(name + " must not be negative, was " + count);
            }
        }

        /** A builder with every count 0. */
        public static Builder builder() {
            return new Builder();
        }

        /** A builder starting from these details. */
        public Builder toBuilder() {
            return new Builder().promptAudioTokens(promptAudioTokens).completionAudioTokens(completionAudioTokens)
                    .acceptedPredictionTokens(acceptedPredictionTokens)
                    .rejectedPredictionTokens(rejectedPredictionTokens);
        }

        /** Audio read by the model ({@code prompt_tokens_details.audio_tokens}). */
        public long promptAudioTokens() {
            return promptAudioTokens;
        }

        /** Audio written by the model ({@code completion_tokens_details.audio_tokens}). */
        public long completionAudioTokens() {
            return completionAudioTokens;
        }

        /** Tokens of a prediction that appeared in the answer ({@code accepted_prediction_tokens}). */
        public long acceptedPredictionTokens() {
            return acceptedPredictionTokens;
        }

        /**
         * Tokens of a prediction that did not appear, still billed as completion tokens
         * ({@code rejected_prediction_tokens}).
         */
        public long rejectedPredictionTokens() {
            return rejectedPredictionTokens;
        }

        /** The sum of these details and others. */
        public Details plus(Details other) {
            return new Builder().promptAudioTokens(promptAudioTokens + other.promptAudioTokens)
                    .completionAudioTokens(completionAudioTokens + other.completionAudioTokens)
                    .acceptedPredictionTokens(acceptedPredictionTokens + other.acceptedPredictionTokens)
                    .rejectedPredictionTokens(rejectedPredictionTokens + other.rejectedPredictionTokens).build();
        }

        /** Whether {@code other} is details with the same counts. */
        @Override
        public boolean equals(Object other) {
            return other == this || other instanceof Details details
                    && promptAudioTokens == details.promptAudioTokens
                    && completionAudioTokens == details.completionAudioTokens
                    && acceptedPredictionTokens == details.acceptedPredictionTokens
                    && rejectedPredictionTokens == details.rejectedPredictionTokens;
        }

        @Override
        public int hashCode() {
            return Objects.hash(promptAudioTokens, completionAudioTokens, acceptedPredictionTokens,
                    rejectedPredictionTokens);
        }

        /** The counts by name, as a record shows its components. */
        @Override
        public String toString() {
            return "Details[promptAudioTokens=" + promptAudioTokens + ", completionAudioTokens=" + completionAudioTokens
                    + ", acceptedPredictionTokens=" + acceptedPredictionTokens + ", rejectedPredictionTokens="
                    + rejectedPredictionTokens + "]";
        }

        /** Builds {@link Details}; every count starts at 0. */
        public static final class Builder {
            private long promptAudioTokens;
            private long completionAudioTokens;
            private long acceptedPredictionTokens;
            private long rejectedPredictionTokens;

            private Builder() {
            }

            /** Audio read by the model. */
            public Builder promptAudioTokens(long promptAudioTokens) {
                this.promptAudioTokens = promptAudioTokens;
                return this;
            }

            /** Audio written by the model. */
            public Builder completionAudioTokens(long completionAudioTokens) {
                this.completionAudioTokens = completionAudioTokens;
                return this;
            }

            /** Tokens of a prediction that appeared in the answer. */
            public Builder acceptedPredictionTokens(long acceptedPredictionTokens) {
                this.acceptedPredictionTokens = acceptedPredictionTokens;
                return this;
            }

            /** Tokens of a prediction that did not appear in the answer. */
            public Builder rejectedPredictionTokens(long rejectedPredictionTokens) {
                this.rejectedPredictionTokens = rejectedPredictionTokens;
                return this;
            }

            /**
             * Creates the details.
             *
             * @throws IllegalArgumentException naming the first count that is negative
             */
            public Details build() {
                return new Details(this);
            }
        }
    }
}
