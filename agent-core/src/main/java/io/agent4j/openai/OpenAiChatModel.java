package io.agent4j.openai;

import io.agent4j.MissingApiKeyException;
import io.agent4j.ModelApiException;
import io.agent4j.ModelConnectionException;
import io.agent4j.chat.ChatModel;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.internal.ChatJson;
import io.agent4j.openai.internal.ApiErrors;
import io.agent4j.openai.internal.Backoff;
import io.agent4j.tool.ToolDefinition;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link ChatModel} backed by an OpenAI-compatible Chat Completions endpoint, over OkHttp.
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.fromEnv();              // OPENAI_API_KEY, OPENAI_BASE_URL
 * ChatModel local = OpenAiChatModel.builder()
 *         .baseUrl("http://localhost:11434/v1").apiKey("ollama").model("llama3.1").build();
 * }</pre>
 *
 * Retries connection failures, 408, 409, 429 and 5xx with exponential backoff, honouring
 * {@code retry-after}. Immutable and thread-safe. The API key never appears in
 * {@link #toString()}, logs or exception messages.
 */
public final class OpenAiChatModel implements ChatModel {

    /** OpenAI's own endpoint. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    /** The model used when none is set. */
    public static final String DEFAULT_MODEL = "gpt-4o-mini";

    private static final Logger log = LoggerFactory.getLogger(OpenAiChatModel.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String USER_AGENT = "agent4j/0.1";

    private final String apiKey;
    private final HttpUrl endpoint;
    private final String model;
    private final Double temperature;
    private final Double topP;
    private final Integer maxTokens;
    private final boolean legacyMaxTokens;
    private final List<String> stop;
    private final int maxRetries;
    private final Backoff backoff;
    private final OkHttpClient http;

    private OpenAiChatModel(Builder builder, String apiKey, HttpUrl baseUrl) {
        this.apiKey = apiKey;
        this.endpoint = baseUrl.newBuilder().addPathSegment("chat").addPathSegment("completions").build();
        this.model = builder.model;
        this.temperature = builder.temperature;
        this.topP = builder.topP;
        this.maxTokens = builder.maxTokens;
        this.legacyMaxTokens = builder.legacyMaxTokens;
        this.stop = builder.stop;
        this.maxRetries = builder.maxRetries;
        this.backoff = new Backoff(builder.initialBackoff, builder.maxBackoff);
        OkHttpClient base = builder.httpClient == null ? new OkHttpClient() : builder.httpClient;
        this.http = base.newBuilder()
                .connectTimeout(builder.connectTimeout)
                .readTimeout(builder.readTimeout)
                .build();
    }

    /** A model configured from {@code OPENAI_API_KEY} and, when set, {@code OPENAI_BASE_URL}. */
    public static OpenAiChatModel fromEnv() {
        return builder().build();
    }

    /** A builder; the key and base URL fall back to the environment when not set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The model name sent with every request. */
    public String model() {
        return model;
    }

    /** The URL requests are posted to. */
    public String endpoint() {
        return endpoint.toString();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        ObjectNode body = requestBody(request);
        Request httpRequest = new Request.Builder()
                .url(endpoint)
                .header("Authorization", "Bearer " + apiKey)
                .header("User-Agent", USER_AGENT)
                .post(RequestBody.create(body.toString(), JSON))
                .build();
        log.debug("POST {} model={} messages={} tools={}", endpoint, model, request.messages().size(),
                request.tools().size());
        for (int attempt = 0; ; attempt++) {
            try (Response response = http.newCall(httpRequest).execute()) {
                String text = response.body().string();
                String requestId = response.header("x-request-id");
                if (response.isSuccessful()) {
                    return parse(text, requestId);
                }
                ModelApiException error = ApiErrors.toException(response.code(), text, requestId, apiKey);
                if (attempt >= maxRetries || !isRetryable(response.code())) {
                    throw error;
                }
                waitBeforeRetry(attempt, "HTTP " + response.code(),
                        backoff.delay(attempt, response.header("retry-after-ms"), response.header("retry-after")));
            } catch (IOException e) {
                String reason = e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + ApiErrors.redact(e.getMessage(), apiKey));
                if (attempt >= maxRetries) {
                    throw connectionFailure(e, reason, attempt + 1);
                }
                waitBeforeRetry(attempt, reason, backoff.delay(attempt, null, null));
            }
        }
    }

    private ModelConnectionException connectionFailure(IOException e, String reason, int attempts) {
        if (e instanceof InterruptedIOException && !(e instanceof java.net.ConnectException)) {
            return new ModelConnectionException("The model server at " + endpoint + " did not answer within "
                    + http.readTimeoutMillis() + " ms (" + reason + ", " + attempts + " attempt(s)). Raise the "
                    + "read timeout for slow models, or check the server.", e);
        }
        return new ModelConnectionException("Cannot reach the model server at " + endpoint + " (" + reason
                + ") after " + attempts + " attempt(s). Check --base-url and your network.", e);
    }

    private static boolean isRetryable(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    private void waitBeforeRetry(int attempt, String reason, Duration delay) {
        log.warn("Model call to {} failed ({}); retry {} of {} in {} ms", endpoint, reason, attempt + 1,
                maxRetries, delay.toMillis());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelConnectionException("Interrupted while waiting to retry the model call.", e);
        }
    }

    ObjectNode requestBody(ChatRequest request) {
        ObjectNode body = ChatJson.MAPPER.createObjectNode();
        body.put("model", model);
        body.set("messages", ChatJson.writeAll(request.messages()));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition tool : request.tools()) {
                tools.add(ChatJson.write(tool));
            }
        }
        if (temperature != null) {
            body.put("temperature", temperature);
        }
        if (topP != null) {
            body.put("top_p", topP);
        }
        if (maxTokens != null) {
            body.put(legacyMaxTokens ? "max_tokens" : "max_completion_tokens", maxTokens);
        }
        if (!stop.isEmpty()) {
            ArrayNode stops = body.putArray("stop");
            stop.forEach(stops::add);
        }
        return body;
    }

    private ChatResponse parse(String text, String requestId) {
        JsonNode root;
        try {
            root = ChatJson.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new ModelConnectionException("The model server at " + endpoint
                    + " answered with a body that is not JSON (" + e.getOriginalMessage() + ")"
                    + (requestId == null ? "" : " [request id " + requestId + "]") + ".", e);
        }
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new ModelConnectionException("The model server at " + endpoint
                    + " answered without any choice; it may not speak the Chat Completions API"
                    + (requestId == null ? "" : " [request id " + requestId + "]") + ".", null);
        }
        JsonNode choice = choices.get(0);
        return new ChatResponse(ChatJson.readAssistant(choice.path("message")),
                FinishReason.fromWire(ChatJson.text(choice.get("finish_reason"))),
                ChatJson.readUsage(root.get("usage")), ChatJson.text(root.get("model")));
    }

    @Override
    public String toString() {
        return "OpenAiChatModel[endpoint=" + endpoint + ", model=" + model + "]";
    }

    /** Configures an {@link OpenAiChatModel}; {@link #build()} checks every setting. */
    public static final class Builder {

        private String apiKey;
        private String baseUrl;
        private String model = DEFAULT_MODEL;
        private Double temperature;
        private Double topP;
        private Integer maxTokens;
        private boolean legacyMaxTokens;
        private List<String> stop = List.of();
        private int maxRetries = 2;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(120);
        private OkHttpClient httpClient;
        private Function<String, String> environment = System::getenv;

        private Builder() {
        }

        /** The API key; {@code OPENAI_API_KEY} when not set. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * The API's base URL, such as {@code http://localhost:11434/v1} for Ollama;
         * {@code OPENAI_BASE_URL} or {@value #DEFAULT_BASE_URL} when not set.
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The model name; {@value #DEFAULT_MODEL} by default. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** Sampling temperature, 0 to 2; the server's default when not set. */
        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** Nucleus sampling mass, greater than 0 and at most 1; the server's default when not set. */
        public Builder topP(double topP) {
            this.topP = topP;
            return this;
        }

        /** The most tokens one completion may have, sent as {@code max_completion_tokens}. */
        public Builder maxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /** Sends the token limit as {@code max_tokens}, for servers that only know the older name. */
        public Builder legacyMaxTokens(boolean legacyMaxTokens) {
            this.legacyMaxTokens = legacyMaxTokens;
            return this;
        }

        /** One to four sequences at which the model stops writing. */
        public Builder stop(String... stop) {
            this.stop = List.of(stop);
            return this;
        }

        /** How often a failed call is retried; 2 by default, 0 disables retries. */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** The first retry delay, doubled for each further retry up to {@code max}; 0.5 s and 8 s by default. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = Objects.requireNonNull(initial, "initial");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        /** How long to wait for a connection; 10 s by default. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long to wait for the server between bytes of a response; 120 s by default. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** An OkHttp client to share connection pools with; its timeouts are overridden by this builder's. */
        public Builder httpClient(OkHttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        Builder environment(Function<String, String> environment) {
            this.environment = environment;
            return this;
        }

        /**
         * Creates the model.
         *
         * @throws MissingApiKeyException when no key is set and {@code OPENAI_API_KEY} is empty
         * @throws IllegalArgumentException naming a setting that is out of range
         */
        public OpenAiChatModel build() {
            String key = firstNonBlank(apiKey, environment.apply("OPENAI_API_KEY"));
            if (key == null) {
                throw new MissingApiKeyException("No OpenAI API key: set the OPENAI_API_KEY environment "
                        + "variable or call OpenAiChatModel.builder().apiKey(...). Servers that need no key "
                        + "(Ollama, llama.cpp) accept any value.");
            }
            String url = firstNonBlank(baseUrl, environment.apply("OPENAI_BASE_URL"));
            HttpUrl parsed = HttpUrl.parse(url == null ? DEFAULT_BASE_URL : url.strip());
            if (parsed == null) {
                throw new IllegalArgumentException("Base URL '" + url + "' is not an http(s) URL; "
                        + "expected something like " + DEFAULT_BASE_URL);
            }
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("model must not be blank, e.g. " + DEFAULT_MODEL);
            }
            check(temperature == null || (temperature >= 0 && temperature <= 2),
                    "temperature must be between 0 and 2, was " + temperature);
            check(topP == null || (topP > 0 && topP <= 1), "topP must be greater than 0 and at most 1, was " + topP);
            check(maxTokens == null || maxTokens >= 1, "maxTokens must be at least 1, was " + maxTokens);
            check(stop.size() <= 4 && stop.stream().noneMatch(s -> s == null || s.isEmpty()),
                    "stop takes 1 to 4 non-empty sequences, was " + stop);
            check(maxRetries >= 0, "maxRetries must not be negative, was " + maxRetries);
            return new OpenAiChatModel(this, key.strip(), parsed);
        }

        private static void check(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }

        private static String firstNonBlank(String first, String second) {
            if (first != null && !first.isBlank()) {
                return first;
            }
            return second != null && !second.isBlank() ? second : null;
        }
    }
}
