package io.agent4j.chat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.agent4j.tool.internal.Json;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonPOJOBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sampling and control parameters of a chat request. Every value is optional (null means "not
 * set": the next default applies, finally the server's). A model holds defaults, an agent its own,
 * and a run may override either; {@link #withOverrides} combines them.
 *
 * <pre>{@code
 * ChatOptions options = ChatOptions.builder().temperature(0.2).seed(7L)
 *         .toolChoice(ToolChoice.REQUIRED).build();
 * ChatOptions colder = options.toBuilder().temperature(0.0).build();
 * }</pre>
 *
 * <p>A final class with a builder rather than a record, so that a parameter the API adds is a new
 * setter and accessor, not a new constructor argument for every caller. Options are immutable and
 * equal when every value is. Jackson writes and reads them as it would a record of these values, an
 * object with a field for each (a stored run keeps the options it runs with).
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
@JsonDeserialize(builder = ChatOptions.Builder.class)
public final class ChatOptions {

    /** The values {@code reasoning_effort} takes. */
    public static final Set<String> REASONING_EFFORTS = Set.of("none", "minimal", "low", "medium", "high", "xhigh",
            "max");
    /** The values {@code verbosity} takes. */
    public static final Set<String> VERBOSITIES = Set.of("low", "medium", "high");
    /** The values {@code service_tier} takes. */
    public static final Set<String> SERVICE_TIERS = Set.of("auto", "default", "flex", "scale", "priority", "fast");

    private static final JsonMapper JSON = Json.builder().build();

    /** The names of the values, in the order of {@link #values()}, for {@link #toString()}. */
    private static final List<String> NAMES = List.of("model", "temperature", "topP", "maxTokens", "stop", "seed",
            "toolChoice", "parallelToolCalls", "responseFormat", "user", "frequencyPenalty", "presencePenalty",
            "logitBias", "reasoningEffort", "verbosity", "serviceTier", "logprobs", "topLogprobs", "metadata", "store",
            "safetyIdentifier", "promptCacheKey", "prediction", "n", "extraBody");

    /** No option set. */
    public static final ChatOptions NONE = builder().build();

    private final String model;
    private final Double temperature;
    private final Double topP;
    private final Integer maxTokens;
    private final List<String> stop;
    private final Long seed;
    private final ToolChoice toolChoice;
    private final Boolean parallelToolCalls;
    private final ResponseFormat responseFormat;
    private final String user;
    private final Double frequencyPenalty;
    private final Double presencePenalty;
    private final Map<Integer, Integer> logitBias;
    private final String reasoningEffort;
    private final String verbosity;
    private final String serviceTier;
    private final Boolean logprobs;
    private final Integer topLogprobs;
    private final Map<String, String> metadata;
    private final Boolean store;
    private final String safetyIdentifier;
    private final String promptCacheKey;
    private final String prediction;
    private final Integer n;
    private final Map<String, JsonNode> extraBody;

    /** Copies the builder's values and checks each against its allowed range. */
    private ChatOptions(Builder b) {
        model = b.model;
        temperature = b.temperature;
        topP = b.topP;
        maxTokens = b.maxTokens;
        stop = b.stop == null ? null : List.copyOf(b.stop);
        seed = b.seed;
        toolChoice = b.toolChoice;
        parallelToolCalls = b.parallelToolCalls;
        responseFormat = b.responseFormat;
        user = b.user;
        frequencyPenalty = b.frequencyPenalty;
        presencePenalty = b.presencePenalty;
        logitBias = b.logitBias == null ? null : Map.copyOf(b.logitBias);
        reasoningEffort = b.reasoningEffort;
        verbosity = b.verbosity;
        serviceTier = b.serviceTier;
        logprobs = b.logprobs;
        topLogprobs = b.topLogprobs;
        metadata = b.metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
        store = b.store;
        safetyIdentifier = b.safetyIdentifier;
        promptCacheKey = b.promptCacheKey;
        prediction = b.prediction;
        n = b.n;
        extraBody = b.extraBody == null ? null : copy(b.extraBody);
        check();
    }

    /** @throws IllegalArgumentException naming the parameter, its value and the allowed range */
    private void check() {
        check(model == null || !model.isBlank(), "model must not be blank");
        check(temperature == null || (temperature >= 0 && temperature <= 2),
                "temperature must be between 0 and 2, was " + temperature);
        check(topP == null || (topP > 0 && topP <= 1), "topP must be greater than 0 and at most 1, was " + topP);
        check(maxTokens == null || maxTokens >= 1, "maxTokens must be at least 1, was " + maxTokens);
        check(stop == null || (!stop.isEmpty() && stop.size() <= 4 && stop.stream().noneMatch(String::isEmpty)),
                "stop takes 1 to 4 non-empty sequences, was " + stop);
        check(frequencyPenalty == null || (frequencyPenalty >= -2 && frequencyPenalty <= 2),
                "frequencyPenalty must be between -2 and 2, was " + frequencyPenalty);
        check(presencePenalty == null || (presencePenalty >= -2 && presencePenalty <= 2),
                "presencePenalty must be between -2 and 2, was " + presencePenalty);
        check(logitBias == null || logitBias.values().stream().allMatch(v -> v >= -100 && v <= 100),
                "logitBias values must be between -100 and 100, was " + logitBias);
        check(user == null || !user.isBlank(), "user must not be blank");
        check(reasoningEffort == null || REASONING_EFFORTS.contains(reasoningEffort),
                "reasoningEffort must be one of none, minimal, low, medium, high, xhigh, max, was " + reasoningEffort);
        check(verbosity == null || VERBOSITIES.contains(verbosity),
                "verbosity must be one of low, medium, high, was " + verbosity);
        check(serviceTier == null || SERVICE_TIERS.contains(serviceTier),
                "serviceTier must be one of auto, default, flex, scale, priority, fast, was " + serviceTier);
        check(topLogprobs == null || (topLogprobs >= 0 && topLogprobs <= 20),
                "topLogprobs must be between 0 and 20, was " + topLogprobs);
        check(topLogprobs == null || !Boolean.FALSE.equals(logprobs),
                "topLogprobs needs logprobs: unset logprobs(false) or topLogprobs");
        check(metadata == null || metadata.size() <= 16, "metadata takes at most 16 pairs, was " + size(metadata));
        check(metadata == null || metadata.entrySet().stream().allMatch(e -> e.getKey() != null
                && !e.getKey().isEmpty() && e.getKey().length() <= 64 && e.getValue() != null
                && e.getValue().length() <= 512),
                "metadata keys must be 1 to 64 characters and values at most 512, was " + metadata);
        check(safetyIdentifier == null || (!safetyIdentifier.isBlank() && safetyIdentifier.length() <= 64),
                "safetyIdentifier must be 1 to 64 characters, was " + safetyIdentifier);
        check(promptCacheKey == null || !promptCacheKey.isBlank(), "promptCacheKey must not be blank");
        check(prediction == null || !prediction.isEmpty(), "prediction must not be empty");
        check(n == null || (n >= 1 && n <= 128), "n must be between 1 and 128, was " + n);
        check(extraBody == null || extraBody.keySet().stream().noneMatch(k -> k == null || k.isBlank()),
                "extraBody field names must not be blank");
    }

    private static int size(Map<?, ?> map) {
        return map == null ? 0 : map.size();
    }

    /** A deep copy that keeps null values (they remove a field) and the order of the fields. */
    private static Map<String, JsonNode> copy(Map<String, JsonNode> fields) {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        fields.forEach((name, value) -> copy.put(name, value == null || value.isNull() ? null : value.deepCopy()));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Fields for the request body given as plain Java values (strings, numbers, booleans, lists, maps, records),
     * converted to JSON.
     *
     * @throws IllegalArgumentException when a value cannot be written as JSON
     */
    public static Map<String, JsonNode> toJson(Map<String, ?> fields) {
        if (fields == null) {
            return null;
        }
        Map<String, JsonNode> json = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            try {
                json.put(name, value == null ? null : JSON.valueToTree(value));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("extraBody field '" + name + "' cannot be written as JSON: "
                        + e.getMessage(), e);
            }
        });
        return json;
    }

    /** The model name. */
    public String model() {
        return model;
    }

    /** Sampling temperature, 0 to 2. */
    public Double temperature() {
        return temperature;
    }

    /** Nucleus sampling mass, greater than 0 and at most 1. */
    public Double topP() {
        return topP;
    }

    /** The most tokens of one completion, at least 1. */
    public Integer maxTokens() {
        return maxTokens;
    }

    /** One to four non-empty stop sequences. */
    public List<String> stop() {
        return stop;
    }

    /** A seed for best-effort deterministic sampling. */
    public Long seed() {
        return seed;
    }

    /** Whether and which tool the model must call. */
    public ToolChoice toolChoice() {
        return toolChoice;
    }

    /** Whether the model may call several tools in one step. */
    public Boolean parallelToolCalls() {
        return parallelToolCalls;
    }

    /** Text, any JSON object, or JSON of a schema. */
    public ResponseFormat responseFormat() {
        return responseFormat;
    }

    /** An end-user id for the provider's abuse monitoring. */
    public String user() {
        return user;
    }

    /** Frequency penalty, -2 to 2. */
    public Double frequencyPenalty() {
        return frequencyPenalty;
    }

    /** Presence penalty, -2 to 2. */
    public Double presencePenalty() {
        return presencePenalty;
    }

    /** Biases of token ids, each -100 to 100. */
    public Map<Integer, Integer> logitBias() {
        return logitBias;
    }

    /**
     * How hard a reasoning model thinks: {@code none}, {@code minimal}, {@code low}, {@code medium},
     * {@code high}, {@code xhigh} or {@code max}.
     */
    public String reasoningEffort() {
        return reasoningEffort;
    }

    /** How long the answer is: {@code low}, {@code medium} or {@code high}. */
    public String verbosity() {
        return verbosity;
    }

    /**
     * The processing tier: {@code auto}, {@code default}, {@code flex}, {@code scale}, {@code priority} or
     * {@code fast}.
     */
    public String serviceTier() {
        return serviceTier;
    }

    /** Whether the answer carries the log probability of each token. */
    public Boolean logprobs() {
        return logprobs;
    }

    /**
     * How many likely alternatives of each token come with it, 0 to 20 (needs {@code logprobs}, which it turns
     * on when unset).
     */
    public Integer topLogprobs() {
        return topLogprobs;
    }

    /** At most 16 tags stored with the completion: keys up to 64 characters, values up to 512. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Whether the provider stores the completion (for its evals and distillation). */
    public Boolean store() {
        return store;
    }

    /** A stable, hashed id of the end user for abuse monitoring, at most 64 characters. */
    public String safetyIdentifier() {
        return safetyIdentifier;
    }

    /** Groups requests that share a prefix, for a better prompt-cache hit rate. */
    public String promptCacheKey() {
        return promptCacheKey;
    }

    /** Text the answer is expected to largely repeat (Predicted Outputs), for faster edits. */
    public String prediction() {
        return prediction;
    }

    /** How many choices the model writes, 1 to 128; the agent uses the first. */
    public Integer n() {
        return n;
    }

    /**
     * Fields put into the request body last, over anything else of the same name, for parameters these options
     * lack; a {@code null} value removes the field. Merged key by key by {@link #withOverrides}. Each a fresh
     * copy; null when none is set.
     */
    public Map<String, JsonNode> extraBody() {
        return extraBody == null ? null : copy(extraBody);
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
                .presencePenalty(presencePenalty).logitBias(logitBias).reasoningEffort(reasoningEffort)
                .verbosity(verbosity).serviceTier(serviceTier).logprobs(logprobs).topLogprobs(topLogprobs)
                .metadata(metadata).store(store).safetyIdentifier(safetyIdentifier).promptCacheKey(promptCacheKey)
                .prediction(prediction).n(n).extraBodyJson(extraBody);
    }

    /**
     * These options with every value that {@code overrides} sets replaced by it.
     *
     * @throws IllegalArgumentException when the values together are not allowed ({@code topLogprobs} over
     *     {@code logprobs(false)})
     */
    public ChatOptions withOverrides(ChatOptions overrides) {
        if (overrides == null || overrides.equals(NONE)) {
            return this;
        }
        return new Builder().model(or(overrides.model, model)).temperature(or(overrides.temperature, temperature))
                .topP(or(overrides.topP, topP)).maxTokens(or(overrides.maxTokens, maxTokens))
                .stop(or(overrides.stop, stop)).seed(or(overrides.seed, seed))
                .toolChoice(or(overrides.toolChoice, toolChoice))
                .parallelToolCalls(or(overrides.parallelToolCalls, parallelToolCalls))
                .responseFormat(or(overrides.responseFormat, responseFormat)).user(or(overrides.user, user))
                .frequencyPenalty(or(overrides.frequencyPenalty, frequencyPenalty))
                .presencePenalty(or(overrides.presencePenalty, presencePenalty))
                .logitBias(or(overrides.logitBias, logitBias))
                .reasoningEffort(or(overrides.reasoningEffort, reasoningEffort))
                .verbosity(or(overrides.verbosity, verbosity)).serviceTier(or(overrides.serviceTier, serviceTier))
                .logprobs(or(overrides.logprobs, logprobs)).topLogprobs(or(overrides.topLogprobs, topLogprobs))
                .metadata(or(overrides.metadata, metadata)).store(or(overrides.store, store))
                .safetyIdentifier(or(overrides.safetyIdentifier, safetyIdentifier))
                .promptCacheKey(or(overrides.promptCacheKey, promptCacheKey))
                .prediction(or(overrides.prediction, prediction)).n(or(overrides.n, n))
                .extraBodyJson(merged(extraBody, overrides.extraBody)).build();
    }

    private static Map<String, JsonNode> merged(Map<String, JsonNode> base, Map<String, JsonNode> overrides) {
        if (base == null || overrides == null) {
            return overrides != null ? overrides : base;
        }
        Map<String, JsonNode> both = new LinkedHashMap<>(base);
        both.putAll(overrides);
        return both;
    }

    private static <T> T or(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    /** Every value, in the order of {@link #NAMES}. */
    private List<Object> values() {
        return Arrays.asList(model, temperature, topP, maxTokens, stop, seed, toolChoice, parallelToolCalls,
                responseFormat, user, frequencyPenalty, presencePenalty, logitBias, reasoningEffort, verbosity,
                serviceTier, logprobs, topLogprobs, metadata, store, safetyIdentifier, promptCacheKey, prediction, n,
                extraBody);
    }

    /** Whether {@code other} is options with the same values. */
    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof ChatOptions options && values().equals(options.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    /** Every value by its name, as a record shows its components: {@code ChatOptions[model=gpt-4o, ...]}. */
    @Override
    public String toString() {
        List<Object> values = values();
        StringJoiner text = new StringJoiner(", ", "ChatOptions[", "]");
        for (int i = 0; i < NAMES.size(); i++) {
            text.add(NAMES.get(i) + "=" + values.get(i));
        }
        return text.toString();
    }

    /** Builds {@link ChatOptions}; every setter accepts null to unset. */
    @JsonPOJOBuilder(withPrefix = "")
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
        private String reasoningEffort;
        private String verbosity;
        private String serviceTier;
        private Boolean logprobs;
        private Integer topLogprobs;
        private Map<String, String> metadata;
        private Boolean store;
        private String safetyIdentifier;
        private String promptCacheKey;
        private String prediction;
        private Integer n;
        private Map<String, JsonNode> extraBody;

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
        @JsonProperty("stop")
        public Builder stop(List<String> stop) {
            this.stop = stop;
            return this;
        }

        /** One to four sequences at which the model stops writing. */
        public Builder stop(String... stop) {
            return stop(List.of(stop));
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

        /** How hard a reasoning model thinks: none, minimal, low, medium, high, xhigh or max. */
        public Builder reasoningEffort(String reasoningEffort) {
            this.reasoningEffort = reasoningEffort;
            return this;
        }

        /** How long the answer is: low, medium or high. */
        public Builder verbosity(String verbosity) {
            this.verbosity = verbosity;
            return this;
        }

        /** The processing tier: auto, default, flex, scale, priority or fast. */
        public Builder serviceTier(String serviceTier) {
            this.serviceTier = serviceTier;
            return this;
        }

        /** Whether the answer carries the log probability of each token ({@link ChatResponse#logprobs()}). */
        public Builder logprobs(Boolean logprobs) {
            this.logprobs = logprobs;
            return this;
        }

        /** How many likely alternatives of each token come with it, 0 to 20; turns {@code logprobs} on. */
        public Builder topLogprobs(Integer topLogprobs) {
            this.topLogprobs = topLogprobs;
            return this;
        }

        /** At most 16 tags stored with the completion (keys up to 64 characters, values up to 512). */
        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata;
            return this;
        }

        /** Whether the provider stores the completion. */
        public Builder store(Boolean store) {
            this.store = store;
            return this;
        }

        /** A stable, hashed id of the end user for abuse monitoring, at most 64 characters. */
        public Builder safetyIdentifier(String safetyIdentifier) {
            this.safetyIdentifier = safetyIdentifier;
            return this;
        }

        /** Groups requests that share a prefix, for a better prompt-cache hit rate. */
        public Builder promptCacheKey(String promptCacheKey) {
            this.promptCacheKey = promptCacheKey;
            return this;
        }

        /** Text the answer is expected to largely repeat (Predicted Outputs), sent as static content. */
        public Builder prediction(String prediction) {
            this.prediction = prediction;
            return this;
        }

        /** How many choices the model writes, 1 to 128; the agent uses the first, {@link ChatResponse#choices()} has all. */
        public Builder n(Integer n) {
            this.n = n;
            return this;
        }

        /**
         * Fields put into the request body last, over anything else of the same name, for parameters these
         * options lack: plain Java values (strings, numbers, booleans, lists, maps, records) written as JSON; a
         * null value removes the field. Replaces the extra fields set before.
         *
         * @throws IllegalArgumentException when a value cannot be written as JSON
         */
        public Builder extraBody(Map<String, ?> extraBody) {
            this.extraBody = toJson(extraBody);
            return this;
        }

        /** Like {@link #extraBody(Map)}, with the values already JSON. */
        public Builder extraBodyJson(Map<String, JsonNode> extraBody) {
            this.extraBody = extraBody == null ? null : new LinkedHashMap<>(extraBody);
            return this;
        }

        /**
         * Creates the options.
         *
         * @throws IllegalArgumentException naming the first value out of range
         */
        public ChatOptions build() {
            return new ChatOptions(this);
        }
    }
}
