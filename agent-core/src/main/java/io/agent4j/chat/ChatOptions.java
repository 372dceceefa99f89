package io.agent4j.chat;

import java.util.List;
import java.util.Map;

/**
 * Sampling and control parameters of a chat request. Every value is optional (null means "not
 * set": the next default applies, finally the server's). A model holds defaults, an agent its own,
 * and a run may override either; {@link #withOverrides} combines them.
 *
 * <pre>{@code
 * ChatOptions options = ChatOptions.builder().temperature(0.2).seed(7L)
 *         .toolChoice(ToolChoice.REQUIRED).build();
 * }</pre>
 *
 * @param model the model name
 * @param temperature 0 to 2
 * @param topP greater than 0, at most 1
 * @param maxTokens the most tokens of one completion, at least 1
 * @param stop one to four non-empty stop sequences
 * @param seed for best-effort deterministic sampling
 * @param toolChoice whether and which tool the model must call
 * @param parallelToolCalls whether the model may call several tools in one step
 * @param responseFormat text, any JSON object, or JSON of a schema
 * @param user an end-user id for the provider's abuse monitoring
 * @param frequencyPenalty -2 to 2
 * @param presencePenalty -2 to 2
 * @param logitBias token id to bias, each -100 to 100
 */
public record ChatOptions(String model, Double temperature, Double topP, Integer maxTokens, List<String> stop,
        Long seed, ToolChoice toolChoice, Boolean parallelToolCalls, ResponseFormat responseFormat, String user,
        Double frequencyPenalty, Double presencePenalty, Map<Integer, Integer> logitBias) {

    /** No option set. */
    public static final ChatOptions NONE = builder().build();

    /**
     * Checks every value set against its allowed range.
     *
     * @throws IllegalArgumentException naming the parameter, its value and the allowed range
     */
    public ChatOptions {
        check(model == null || !model.isBlank(), "model must not be blank");
        check(temperature == null || (temperature >= 0 && temperature <= 2),
                "temperature must be between 0 and 2, was " + temperature);
        check(topP == null || (topP > 0 && topP <= 1), "topP must be greater than 0 and at most 1, was " + topP);
        check(maxTokens == null || maxTokens >= 1, "maxTokens must be at least 1, was " + maxTokens);
        stop = stop == null ? null : List.copyOf(stop);
        check(stop == null || (!stop.isEmpty() && stop.size() <= 4 && stop.stream().noneMatch(String::isEmpty)),
                "stop takes 1 to 4 non-empty sequences, was " + stop);
        check(frequencyPenalty == null || (frequencyPenalty >= -2 && frequencyPenalty <= 2),
                "frequencyPenalty must be between -2 and 2, was " + frequencyPenalty);
        check(presencePenalty == null || (presencePenalty >= -2 && presencePenalty <= 2),
                "presencePenalty must be between -2 and 2, was " + presencePenalty);
        logitBias = logitBias == null ? null : Map.copyOf(logitBias);
        check(logitBias == null || logitBias.values().stream().allMatch(v -> v >= -100 && v <= 100),
                "logitBias values must be between -100 and 100, was " + logitBias);
        check(user == null || !user.isBlank(), "user must not be blank");
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().model(model).temperature(temperature).topP(topP).maxTokens(maxTokens).stop(stop)
                .seed(seed).toolChoice(toolChoice).parallelToolCalls(parallelToolCalls)
                .responseFormat(responseFormat).user(user).frequencyPenalty(frequencyPenalty)
                .presencePenalty(presencePenalty).logitBias(logitBias);
    }

    /** These options with every value that {@code overrides} sets replaced by it. */
    public ChatOptions withOverrides(ChatOptions overrides) {
        if (overrides == null || overrides.equals(NONE)) {
            return this;
        }
        return new ChatOptions(or(overrides.model, model), or(overrides.temperature, temperature),
                or(overrides.topP, topP), or(overrides.maxTokens, maxTokens), or(overrides.stop, stop),
                or(overrides.seed, seed), or(overrides.toolChoice, toolChoice),
                or(overrides.parallelToolCalls, parallelToolCalls), or(overrides.responseFormat, responseFormat),
                or(overrides.user, user), or(overrides.frequencyPenalty, frequencyPenalty),
                or(overrides.presencePenalty, presencePenalty), or(overrides.logitBias, logitBias));
    }

    private static <T> T or(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    /** Builds {@link ChatOptions}; every setter accepts null to unset. */
    public static final class Builder {
        private String model;
        private Double temperature;
        private Double topP;
        private Integer maxTokens;
        private List<String> stop;
        private Long seed;
        private ToolChoice toolChoice;
        private Boolean parallelToolCalls;
        private ResponseFormat responseFormat;
        private String user;
        private Double frequencyPenalty;
        private Double presencePenalty;
        private Map<Integer, Integer> logitBias;

        private Builder() {
        }

        /** The model name. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** Sampling temperature, 0 to 2. */
        public Builder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** Nucleus sampling mass, greater than 0 and at most 1. */
        public Builder topP(Double topP) {
            this.topP = topP;
            return this;
        }

        /** The most tokens of one completion. */
        public Builder maxTokens(Integer maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /** One to four stop sequences. */
        public Builder stop(List<String> stop) {
            this.stop = stop;
            return this;
        }

        /** A seed for best-effort deterministic sampling. */
        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether and which tool the model must call. */
        public Builder toolChoice(ToolChoice toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        /** Whether the model may call several tools in one step. */
        public Builder parallelToolCalls(Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
            return this;
        }

        /** The shape of the text answer. */
        public Builder responseFormat(ResponseFormat responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        /** An end-user id for the provider's abuse monitoring. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** Frequency penalty, -2 to 2. */
        public Builder frequencyPenalty(Double frequencyPenalty) {
            this.frequencyPenalty = frequencyPenalty;
            return this;
        }

        /** Presence penalty, -2 to 2. */
        public Builder presencePenalty(Double presencePenalty) {
            this.presencePenalty = presencePenalty;
            return this;
        }

        /** Biases of token ids, each -100 to 100. */
        public Builder logitBias(Map<Integer, Integer> logitBias) {
            this.logitBias = logitBias;
            return this;
        }

        /**
         * Creates the options.
         *
         * @throws IllegalArgumentException naming the first value out of range
         */
        public ChatOptions build() {
            return new ChatOptions(model, temperature, topP, maxTokens, stop, seed, toolChoice, parallelToolCalls,
                    responseFormat, user, frequencyPenalty, presencePenalty, logitBias);
        }
    }
}
