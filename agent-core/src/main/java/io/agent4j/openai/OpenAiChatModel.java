package io.agent4j.openai;

import io.agent4j.Agent4j;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatModel;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.Choice;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.Retry;
import io.agent4j.chat.StreamListener;
import io.agent4j.chat.StructuredOutput;
import io.agent4j.chat.internal.CallDeadlines;
import io.agent4j.chat.internal.ChatJson;
import io.agent4j.errors.CancelledException;
import io.agent4j.errors.MissingApiKeyException;
import io.agent4j.errors.ModelApiException;
import io.agent4j.errors.ModelConnectionException;
import io.agent4j.errors.ModelTimeoutException;
import io.agent4j.errors.QuotaExceededException;
import io.agent4j.openai.internal.ApiErrors;
import io.agent4j.openai.internal.Backoff;
import io.agent4j.openai.internal.BodyLimits;
import io.agent4j.openai.internal.LogprobsJson;
import io.agent4j.openai.internal.Redactor;
import io.agent4j.openai.internal.RequestBodies;
import io.agent4j.openai.internal.Sleeper;
import io.agent4j.openai.internal.StreamAssembler;
import io.agent4j.openai.internal.WireLog;
import io.agent4j.tool.internal.Prepared;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import okhttp3.Call;
import okhttp3.ConnectionSpec;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link ChatModel} backed by an OpenAI-compatible Chat Completions endpoint, over OkHttp, with
 * streaming through okhttp-sse.
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.fromEnv();              // OPENAI_API_KEY, OPENAI_BASE_URL
 * ChatModel local = OpenAiChatModel.builder()
 *         .baseUrl("http://localhost:11434/v1").apiKey("ollama").model("llama3.1").build();
 * }</pre>
 *
 * Retries connection failures, 408, 409, 429 and 5xx with exponential backoff and jitter,
 * honouring {@code retry-after-ms}, {@code retry-after} (up to 60 s; a longer wait fails at once) and
 * {@code x-should-retry}. Reads at most 8 MiB of a response or of one stream event, and 64 KiB of an
 * error body. Immutable and thread-safe. The API key, and the password of a base URL such as
 * {@code https://user:pass@host/v1}, never appear in {@link #toString()}, logs or exception messages.
 *
 * <p>A model made without {@link Builder#httpClient} owns its OkHttp client: {@link #close()}
 * closes its idle connections and ends its threads. A model is not closed by the agents that use
 * it; close it when the application is done with it, or leave it to the JVM's exit.
 */
public final class OpenAiChatModel implements ChatModel, AutoCloseable {

    /** OpenAI's own endpoint. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    /** The model used when none is set. */
    public static final String DEFAULT_MODEL = "gpt-4o-mini";
    /**
     * The logger of the wire log: at DEBUG, every exchange with the server (method, URL, status,
     * timing and bodies, message contents hidden unless {@link Builder#logContents(boolean)}); never
     * the key or the {@code Authorization} header.
     */
    public static final String WIRE_LOGGER = WireLog.LOGGER;

    private static final Logger log = LoggerFactory.getLogger(OpenAiChatModel.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpUrl endpoint;
    /** The endpoint as messages and logs show it: without its user name, password or the key. */
    private final String shownEndpoint;
    private final Redactor redactor;
    private final Headers headers;
    private final ChatOptions defaults;
    private final boolean legacyMaxTokens;
    private final Boolean reasoningModel;
    private final boolean streaming;
    private final StructuredOutput structuredOutput;
    private final boolean acceptsImages;
    private final int maxRetries;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Consumer<Retry> onRetry;
    /**
     * A new OkHttpClient loads Kotlin, okio and the TLS trust store, about 170 ms in a fresh JVM; it is
     * made on a background thread, side by side with the tools' first schemas.
     */
    private final Prepared<OkHttpClient> http;
    /** Whether {@link #http} is this model's own, made here, rather than built on the application's client. */
    private final boolean ownsClient;
    private final CallDeadlines deadlines;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long readTimeoutMillis;
    private final long callTimeoutMillis;

    private OpenAiChatModel(Builder builder, String apiKey, HttpUrl endpoint, Headers headers, ChatOptions defaults) {
        this.endpoint = endpoint;
        this.redactor = Redactor.of(apiKey, endpoint);
        // a gateway may want the key in the URL (?api-key=...): every message, log line and toString shows this
        this.shownEndpoint = redactor.redact(Redactor.display(endpoint));
        this.headers = headers;
        this.defaults = defaults;
        this.legacyMaxTokens = builder.legacyMaxTokens;
        this.reasoningModel = builder.reasoningModel;
        this.streaming = builder.streaming;
        this.structuredOutput = builder.structuredOutput;
        this.acceptsImages = builder.acceptsImages;
        this.maxRetries = builder.maxRetries;
        this.backoff = new Backoff(builder.initialBackoff, builder.maxBackoff);
        this.sleeper = builder.sleeper;
        this.onRetry = builder.onRetry;
        this.readTimeoutMillis = builder.readTimeout.toMillis();
        this.callTimeoutMillis = builder.callTimeout.toMillis();
        OkHttpClient shared = builder.httpClient;
        Duration connect = builder.connectTimeout;
        Duration read = builder.readTimeout;
        boolean cleartext = !endpoint.isHttps();
        WireLog wire = new WireLog(redactor, builder.logContents);
        Callable<OkHttpClient> client = () -> {
            OkHttpClient.Builder http = shared == null ? new OkHttpClient.Builder() : shared.newBuilder();
            if (shared == null && cleartext) {
                // a local server (Ollama, llama.cpp) on http:// never needs TLS: skip loading the trust store
                http.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
            }
            // The whole-call timeout is kept by CallDeadlines, more cheaply than by OkHttp. Writes get the read
            // timeout: okio wakes its watchdog thread whenever a timeout lands first in its queue, which a
            // shorter write timeout among many reads in flight would do on every request.
            // Every retry is this client's own, waited, counted and told (onRetry): OkHttp's silent
            // repeat of a request after a 408 or a failed connection would send a POST twice.
            return http.connectTimeout(connect).readTimeout(read).writeTimeout(read).callTimeout(Duration.ZERO)
                    .retryOnConnectionFailure(false).followRedirects(false).followSslRedirects(false)
                    .addInterceptor(wire).build();
        };
        Executor executor = builder.executor;
        this.ownsClient = shared == null;
        this.http = shared != null ? Prepared.now(client)
                : executor == null ? Prepared.inBackground(client) : Prepared.inBackground(client, executor);
        this.deadlines = executor == null ? CallDeadlines.shared() : CallDeadlines.on(executor);
    }

    /**
     * Releases what this model owns: the idle connections of its own OkHttp client and its threads
     * (none when it was given the application's {@link Builder#httpClient}, which stays open). Calls
     * in flight run to their end; calls made after it fail with {@link IllegalStateException}.
     * Closing again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || !ownsClient || http.cancel()) {
            return;
        }
        OkHttpClient client;
        try {
            client = http.get();
        } catch (RuntimeException | Error e) {
            return; // never made: nothing to release
        }
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private OkHttpClient client() {
        if (!closed.get()) {
            try {
                return http.get();
            } catch (CancellationException e) {
                // closed meanwhile
            }
        }
        throw new IllegalStateException("This OpenAiChatModel (" + shownEndpoint + ") was closed: build a new one "
                + "to make more calls.");
    }

    /** A model configured from {@code OPENAI_API_KEY} and, when set, {@code OPENAI_BASE_URL}. */
    public static OpenAiChatModel fromEnv() {
        return builder().build();
    }

    /** A builder; the key, base URL, organization and project fall back to the environment. */
    public static Builder builder() {
        return new Builder();
    }

    /** The model name sent when a request does not name one. */
    @Override
    public String model() {
        return defaults.model();
    }

    /** The URL requests are posted to, with the user name, password and key it may hold shown as {@code ***}. */
    public String endpoint() {
        return shownEndpoint;
    }

    /** How this model's server is asked for typed answers; see {@link Builder#structuredOutput}. */
    @Override
    public StructuredOutput structuredOutput() {
        return structuredOutput;
    }

    /** Whether the server takes images; see {@link Builder#acceptsImages}. */
    @Override
    public boolean acceptsImages() {
        return acceptsImages;
    }

    /** The options every request starts from: those of the builder, with the model name. */
    public ChatOptions options() {
        return defaults;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return chat(request, StreamListener.NONE, Cancellation.NEVER);
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener events, Cancellation cancellation) {
        ChatOptions options = defaults.withOverrides(request.options());
        return execute(httpRequest(request, options, false), options.model(), cancellation, events,
                (response, deadline) -> parse(response));
    }

    @Override
    public ChatResponse stream(ChatRequest request, StreamListener listener, Cancellation cancellation) {
        ChatOptions options = defaults.withOverrides(request.options());
        if (!streaming) {
            ChatResponse whole = execute(httpRequest(request, options, false), options.model(), cancellation,
                    listener, (response, deadline) -> parse(response));
            String text = whole.message().content();
            if (text != null && !text.isEmpty()) {
                listener.onText(text);
            }
            return whole;
        }
        return execute(httpRequest(request, options, true), options.model(), cancellation, listener,
                (response, deadline) -> readStream(response, options.model(), listener, cancellation, deadline));
    }

    /**
     * The JSON body this model sends for {@code request}: the defaults merged with the request's
     * options, checked before anything is sent.
     */
    public ObjectNode requestBody(ChatRequest request, boolean stream) {
        ObjectNode body = RequestBodies.body(request, defaults.withOverrides(request.options()), legacyMaxTokens,
                stream, reasoningModel);
        // the body holds the messages as written text; read back, every part of it is a node
        return (ObjectNode) ChatJson.MAPPER.readTree(ChatJson.MAPPER.writeValueAsBytes(body));
    }

    private Request httpRequest(ChatRequest request, ChatOptions options, boolean stream) {
        ObjectNode body = RequestBodies.body(request, options, legacyMaxTokens, stream, reasoningModel);
        if (log.isDebugEnabled()) {
            log.debug("POST {} model={} messages={} tools={} stream={}", shownEndpoint, body.path("model").asString(),
                    request.messages().size(), request.tools().size(), stream);
        }
        return new Request.Builder().url(endpoint).headers(headers)
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .post(RequestBody.create(ChatJson.MAPPER.writeValueAsBytes(body), JSON)).build();
    }

    private <T> T execute(Request request, String model, Cancellation cancellation, StreamListener events,
            BiFunction<Response, CallDeadlines.Watch, T> onSuccess) {
        for (int attempt = 0; ; attempt++) {
            cancellation.throwIfCancelled();
            Call call = client().newCall(request);
            CallDeadlines.Watch deadline = callTimeoutMillis == 0 ? null
                    : deadlines.start(TimeUnit.MILLISECONDS.toNanos(callTimeoutMillis), call::cancel);
            try (deadline; Cancellation.Registration ignored = cancellation.onCancel(call::cancel);
                    Response response = call.execute()) {
                if (response.isSuccessful()) {
                    try {
                        return onSuccess.apply(response, deadline);
                    } catch (RuntimeException e) {
                        // a body not used to its end is not drained for the connection's reuse: the rest is dropped
                        call.cancel();
                        throw e;
                    }
                }
                String requestId = response.header("x-request-id");
                if (response.isRedirect()) {
                    throw ApiErrors.redirected(response.code(), response.header("Location"), shownEndpoint, requestId,
                            redactor);
                }
                BodyLimits.Start body = BodyLimits.start(response.body());
                if (body.cut()) {
                    call.cancel();
                }
                String cut = body.cut() ? "Only the first " + BodyLimits.MAX_ERROR_BODY / 1024 + " KiB of the error body "
                        + "were read." : null;
                ModelApiException error = ApiErrors.toException(response.code(), body.text(), requestId, model,
                        shownEndpoint, cut, redactor);
                boolean retryable = shouldRetry(response, error);
                Duration asked = Backoff.asked(response.header("retry-after-ms"), response.header("retry-after"));
                boolean tooLong = retryable && asked != null && asked.compareTo(Backoff.SERVER_LIMIT) > 0;
                if (tooLong) {
                    error = ApiErrors.toException(response.code(), body.text(), requestId, model, shownEndpoint,
                            join(cut, tooLongToWait(asked)), redactor);
                }
                if (!retryable || tooLong || attempt >= maxRetries) {
                    throw error;
                }
                waitBeforeRetry(attempt, "HTTP " + response.code(),
                        backoff.delay(attempt, response.header("retry-after-ms"), response.header("retry-after")),
                        cancellation, events);
            } catch (RetriedErrorEvent event) {
                if (attempt >= maxRetries) {
                    throw event.error;
                }
                waitBeforeRetry(attempt, "an error event in the stream" + (event.error.errorCode() == null ? ""
                        : " (" + event.error.errorCode() + ")"), backoff.delay(attempt, null, null), cancellation,
                        events);
            } catch (IOException | BrokenBody failure) {
                // a body that broke off before anything of it was used is retried like a failed connection
                IOException e = failure instanceof BrokenBody broken ? broken.getCause() : (IOException) failure;
                if (cancellation.isCancelled()) {
                    throw new CancelledException("The model call was cancelled.");
                }
                if (deadline != null && deadline.expired()) {
                    InterruptedIOException timeout = new InterruptedIOException("whole-call timeout");
                    timeout.initCause(e);
                    e = timeout;
                }
                String reason = (failure instanceof BrokenBody ? "the response broke off: " : "")
                        + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + redactor.redact(e.getMessage()));
                if (attempt >= maxRetries) {
                    throw connectionFailure(e, reason, attempt + 1);
                }
                waitBeforeRetry(attempt, reason, backoff.delay(attempt, null, null), cancellation, events);
            }
        }
    }

    /** Why a wait the server asked for is not waited: it is longer than any retry waits. */
    private static String tooLongToWait(Duration asked) {
        Instant at = Instant.now().plus(asked).truncatedTo(ChronoUnit.SECONDS);
        return "The server asks to wait " + asked.toSeconds() + " s (until " + at + "), longer than the "
                + Backoff.SERVER_LIMIT.toSeconds() + " s a retry may wait, so it was not retried: try again then.";
    }

    private static String join(String first, String second) {
        return first == null ? second : second == null ? first : first + " " + second;
    }

    private static boolean shouldRetry(Response response, ModelApiException error) {
        if (error instanceof QuotaExceededException) {
            return false;
        }
        String override = response.header("x-should-retry");
        if ("true".equalsIgnoreCase(override)) {
            return true;
        }
        if ("false".equalsIgnoreCase(override)) {
            return false;
        }
        int status = response.code();
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    private ModelConnectionException connectionFailure(IOException e, String reason, int attempts) {
        if (e instanceof InterruptedIOException && !(e instanceof ConnectException)) {
            return timeout("The model server at " + shownEndpoint + " did not answer in time ("
                    + reason + "; read timeout " + readTimeoutMillis + " ms, whole call "
                    + callTimeoutMillis + " ms per attempt; " + attempts + " attempt(s)). Raise the timeouts for slow "
                    + "models, or check the server.", e);
        }
        return connection("Cannot reach the model server at " + shownEndpoint + " (" + reason
                + ") after " + attempts + " attempt(s). Check the base URL and your network.", e);
    }

    /** A connection failure whose message and cause are redacted, as every one this client throws. */
    private ModelConnectionException connection(String message, Throwable cause) {
        return new ModelConnectionException(redactor.redact(message), redactor.cause(cause));
    }

    /** A timeout whose message and cause are redacted, as every one this client throws. */
    private ModelTimeoutException timeout(String message, Throwable cause) {
        return new ModelTimeoutException(redactor.redact(message), redactor.cause(cause));
    }

    private void waitBeforeRetry(int attempt, String reason, Duration delay, Cancellation cancellation,
            StreamListener events) {
        log.warn("Model call to {} failed ({}); retry {} of {} in {} ms", shownEndpoint, reason, attempt + 1,
                maxRetries, delay.toMillis());
        Retry retry = new Retry(attempt + 1, maxRetries, reason, delay);
        if (onRetry != null) {
            try {
                onRetry.accept(retry);
            } catch (RuntimeException e) {
                log.warn("The onRetry listener failed", e);
            }
        }
        try {
            events.onRetry(retry);
        } catch (RuntimeException e) {
            log.warn("The call's listener failed on a retry", e);
        }
        try {
            sleeper.sleep(delay, cancellation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelConnectionException("Interrupted while waiting to retry the model call.", e);
        }
        if (cancellation.isCancelled()) {
            throw new CancelledException("The model call was cancelled while waiting to retry.");
        }
    }

    /** The body of a successful response broke off while it was read; nothing of it was used. */
    private static final class BrokenBody extends RuntimeException {
        BrokenBody(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** An error event that came before anything of the stream was delivered, and is worth retrying. */
    private static final class RetriedErrorEvent extends RuntimeException {
        final ModelApiException error;

        RetriedErrorEvent(ModelApiException error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    /** Whether an error of this kind is retried, as the HTTP error it stands for would be. */
    private static boolean retried(ModelApiException error) {
        int status = error.statusCode();
        return !(error instanceof QuotaExceededException)
                && (status == 408 || status == 409 || status == 429 || status >= 500);
    }

    private ChatResponse parse(Response response) {
        String requestId = response.header("x-request-id");
        byte[] body;
        try {
            body = BodyLimits.whole(response.body());
        } catch (BodyLimits.TooLarge e) {
            throw connection("The model server at " + shownEndpoint + " answered with a body larger than "
                    + BodyLimits.MAX_BODY / (1024 * 1024) + " MiB, more than any chat completion holds; it was not "
                    + "read" + idSuffix(requestId) + ". Check that the base URL is a Chat Completions API.", null);
        } catch (IOException e) {
            throw new BrokenBody(e);
        }
        JsonNode root;
        try {
            root = ChatJson.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw connection("The model server at " + shownEndpoint
                    + " answered with a body that is not JSON (" + e.getOriginalMessage() + ")" + idSuffix(requestId)
                    + ". A proxy may have answered instead of the API.", e);
        }
        JsonNode choices = root == null ? null : root.path("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw connection("The model server at " + shownEndpoint
                    + " answered without any choice; it may not speak the Chat Completions API" + idSuffix(requestId)
                    + ".", null);
        }
        JsonNode choice = choices.get(0);
        if (!choice.path("message").isObject()) {
            String reason = ChatJson.text(choice.get("finish_reason"));
            throw connection("The model server at " + shownEndpoint + " answered with a choice that has no message"
                    + (reason == null ? "" : " (finish reason '" + reason + "')") + idSuffix(requestId)
                    + "; there is no answer to use.", null);
        }
        List<Choice> all = new ArrayList<>();
        for (JsonNode each : choices) {
            if (each.path("message").isObject()) {
                String other = ChatJson.otherThanFunction(each.path("message").get("tool_calls"));
                if (other != null) {
                    throw notAFunction(other, requestId);
                }
                all.add(new Choice(ChatJson.readAssistant(each.path("message")),
                        FinishReason.fromWire(ChatJson.text(each.get("finish_reason"))),
                        LogprobsJson.read(each.get("logprobs"))));
            }
        }
        return ChatResponse.of(all, ChatJson.readUsage(root.get("usage")), ChatJson.text(root.get("model")),
                ChatJson.text(root.get("system_fingerprint")), ChatJson.text(root.get("service_tier")),
                ChatJson.text(root.get("id")));
    }

    /** A reply calling a tool that is not a function (a custom tool), which agent4j never offers and cannot run. */
    private ModelConnectionException notAFunction(String tool, String requestId) {
        return connection("The model called the " + tool + idSuffix(requestId) + ", but agent4j offers the model "
                + "only function tools and cannot run others; nothing of the reply was used. Check that the server "
                + "does not add custom tools of its own to the request.", null);
    }

    private ChatResponse readStream(Response response, String model, StreamListener listener,
            Cancellation cancellation, CallDeadlines.Watch deadline) {
        MediaType type = response.body().contentType();
        if (type != null && type.subtype().equals("json")) {
            ChatResponse whole = parse(response);
            if (whole.message().content() != null) {
                listener.onText(whole.message().content());
            }
            return whole;
        }
        String requestId = response.header("x-request-id");
        StreamAssembler assembler = new StreamAssembler(listener);
        Throwable[] failure = new Throwable[1];
        BodyLimits.EventCap cap = BodyLimits.eventsCapped(response.body());
        Response capped = response.newBuilder().body(cap.body()).build();
        EventSources.processResponse(capped, new EventSourceListener() {
            @Override
            public void onEvent(EventSource source, String id, String eventType, String data) {
                cap.delivered();
                try {
                    assembler.accept(data);
                } catch (RuntimeException e) {
                    failure[0] = e;
                    source.cancel();
                }
            }

            @Override
            public void onFailure(EventSource source, Throwable t, Response failed) {
                if (failure[0] == null) {
                    failure[0] = t == null ? new IOException("the stream failed") : t;
                }
            }
        });
        if (cancellation.isCancelled()) {
            throw new CancelledException("The model call was cancelled while streaming.");
        }
        if (failure[0] instanceof BodyLimits.TooLarge) {
            throw connection("The stream from " + shownEndpoint + " sent an event larger than "
                    + BodyLimits.MAX_BODY / (1024 * 1024) + " MiB after " + assembler.chunks() + " chunk(s)"
                    + idSuffix(requestId) + "; it was not read, and nothing of the response was used. Check that the "
                    + "base URL is a Chat Completions API.", null);
        }
        if (assembler.chunks() == 0 && !assembler.isComplete()
                && (failure[0] == null || failure[0] instanceof IOException)) {
            // broke off before its first event: nothing was delivered, so it is retried like a failed connection
            throw new BrokenBody(failure[0] instanceof IOException io ? io
                    : new EOFException("the stream ended before its first event"));
        }
        String context = " after " + assembler.chunks() + " chunk(s)" + idSuffix(requestId)
                + "; nothing of the broken response was used.";
        if (failure[0] instanceof StreamAssembler.ErrorEvent event) {
            ModelApiException error = ApiErrors.fromStreamEvent(event.data(), requestId, model, shownEndpoint,
                    "The server sent it as an event of a 200 stream after " + assembler.chunks() + " chunk(s); "
                            + "nothing of the stream was used" + (assembler.delivered()
                                    ? " (its text so far was already shown)." : "."), redactor);
            // nothing was shown yet: retried like the HTTP error it stands for
            throw !assembler.delivered() && retried(error) ? new RetriedErrorEvent(error) : error;
        }
        if (failure[0] != null && deadline != null && deadline.expired()) {
            // the stream kept coming, but too slowly
            throw timeout("The stream from " + shownEndpoint + " did not finish within the whole-call "
                    + "timeout (" + callTimeoutMillis + " ms)" + context, failure[0]);
        }
        if (failure[0] instanceof SocketTimeoutException) {
            throw timeout("The stream from " + shownEndpoint + " stalled longer than the read timeout ("
                    + readTimeoutMillis + " ms)" + context, failure[0]);
        }
        if (failure[0] != null) {
            throw connection("The stream from " + shownEndpoint + " failed: " + failure[0].getMessage() + context,
                    failure[0]);
        }
        if (assembler.isComplete() && !assembler.hasChoice()) {
            throw connection("The stream from " + shownEndpoint + " ended without any choice; the server may not "
                    + "speak the Chat Completions API" + idSuffix(requestId) + ".", null);
        }
        try {
            return assembler.response();
        } catch (UnsupportedOperationException e) {
            throw notAFunction(e.getMessage(), requestId);
        } catch (IllegalStateException e) {
            throw connection("The stream from " + shownEndpoint + " broke off: " + e.getMessage() + context, e);
        }
    }

    private static String idSuffix(String requestId) {
        return requestId == null ? "" : " [request id " + requestId + "]";
    }

    @Override
    public String toString() {
        return "OpenAiChatModel[endpoint=" + shownEndpoint + ", model=" + defaults.model() + "]";
    }

    /** Configures an {@link OpenAiChatModel}; {@link #build()} checks every setting. */
    public static final class Builder {

        private String apiKey;
        private String baseUrl;
        private String organization;
        private String project;
        private String azureApiVersion;
        private final Map<String, String> extraHeaders = new LinkedHashMap<>();
        /** The request options given, in order, each over the ones before; checked together at build(). */
        private final List<UnaryOperator<ChatOptions.Builder>> options = new ArrayList<>();
        private boolean legacyMaxTokens;
        private Boolean reasoningModel;
        private boolean streaming = true;
        private StructuredOutput structuredOutput = StructuredOutput.JSON_SCHEMA;
        private boolean acceptsImages = true;
        private int maxRetries = 2;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(120);
        private Duration callTimeout = Duration.ofMinutes(10);
        private OkHttpClient httpClient;
        private Executor executor;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Consumer<Retry> onRetry;
        private boolean logContents;
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
         * {@code OPENAI_BASE_URL} or {@value #DEFAULT_BASE_URL} when not set. For Azure OpenAI,
         * the deployment URL {@code https://NAME.openai.azure.com/openai/deployments/DEPLOYMENT}.
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Sends {@code OpenAI-Organization}; {@code OPENAI_ORG_ID} when not set. */
        public Builder organization(String organization) {
            this.organization = organization;
            return this;
        }

        /** Sends {@code OpenAI-Project}; {@code OPENAI_PROJECT_ID} when not set. */
        public Builder project(String project) {
            this.project = project;
            return this;
        }

        /**
         * Talks to Azure OpenAI: the key goes in the {@code api-key} header and every request
         * carries {@code api-version}; the base URL is the deployment URL.
         */
        public Builder azure(String apiVersion) {
            this.azureApiVersion = apiVersion;
            return this;
        }

        /** An extra header sent with every request, for gateways and proxies. */
        public Builder header(String name, String value) {
            extraHeaders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Extra headers sent with every request, for what this builder lacks (a gateway's key, a beta flag); they
         * are set last and replace a header of the same name, {@code Authorization} and {@code User-Agent}
         * included.
         */
        public Builder extraHeaders(Map<String, String> headers) {
            Objects.requireNonNull(headers, "headers").forEach(this::header);
            return this;
        }

        /**
         * Fields put into every request body last, over anything else of the same name, for parameters this
         * builder and {@link ChatOptions} lack: plain Java values (strings, numbers, booleans, lists, maps) written
         * as JSON; a null value removes the field. A request's own {@link ChatOptions#extraBody()} adds to these,
         * key by key.
         *
         * @throws IllegalArgumentException when a value cannot be written as JSON
         */
        public Builder extraBody(Map<String, ?> fields) {
            Objects.requireNonNull(fields, "fields");
            return option(o -> o.build().withOverrides(ChatOptions.builder().extraBody(fields).build()).toBuilder());
        }

        /**
         * Whether the model is a reasoning model, which takes {@code max_completion_tokens} only, rejects
         * {@code temperature} and {@code top_p} (a request that sets them fails before it is sent) and reads its
         * instructions as the {@code developer} role. By default decided from the model name: the o-series
         * ({@code o1}, {@code o3}, {@code o4-mini} …) and {@code gpt-5} apart from its {@code -chat} variants.
         * Set it for an Azure deployment or gateway name that hides the model.
         */
        public Builder reasoningModel(boolean reasoningModel) {
            this.reasoningModel = reasoningModel;
            return this;
        }

        /**
         * Whether {@link #stream} asks the server to stream; true by default. With false, for servers that cannot
         * stream, {@code stream} sends an ordinary request (still cancellable) and hands the whole text to the
         * listener at once.
         */
        public Builder streaming(boolean streaming) {
            this.streaming = streaming;
            return this;
        }

        /**
         * How the server is asked for typed answers: {@link StructuredOutput#JSON_SCHEMA} by default; for
         * servers without {@code json_schema} support, {@link StructuredOutput#JSON_OBJECT} or
         * {@link StructuredOutput#INSTRUCTIONS} (the schema then goes into the instructions). agent4j
         * checks every typed answer against the schema whichever is chosen.
         */
        public Builder structuredOutput(StructuredOutput structuredOutput) {
            this.structuredOutput = Objects.requireNonNull(structuredOutput, "structuredOutput");
            return this;
        }

        /**
         * Whether the server takes images in a request; true by default. Set false for a model without
         * vision (a small local model, say): an image a tool returns is then not sent, and the model reads a short
         * note in the tool's result instead of getting a request its server would refuse. Images the caller puts
         * in a user message are sent either way.
         */
        public Builder acceptsImages(boolean acceptsImages) {
            this.acceptsImages = acceptsImages;
            return this;
        }

        /** The model name; {@value #DEFAULT_MODEL} by default. */
        public Builder model(String model) {
            return option(o -> o.model(model));
        }

        /**
         * Request options for every call of this model, as {@code Agent.Builder.options} gives them for an
         * agent's runs: an agent's or a request's own options win, and what these set over the ones given
         * before (the model name stays unless set).
         */
        public Builder options(ChatOptions options) {
            Objects.requireNonNull(options, "options");
            return option(o -> o.build().withOverrides(options).toBuilder());
        }

        private Builder option(UnaryOperator<ChatOptions.Builder> option) {
            options.add(option);
            return this;
        }


        /** Sampling temperature, 0 to 2; the server's default when not set (null unsets). */
        public Builder temperature(Double temperature) {
            return option(o -> o.temperature(temperature));
        }

        /** Nucleus sampling mass, greater than 0 and at most 1; the server's default when not set (null unsets). */
        public Builder topP(Double topP) {
            return option(o -> o.topP(topP));
        }

        /** The most tokens one completion may have, sent as {@code max_completion_tokens}; null unsets. */
        public Builder maxTokens(Integer maxTokens) {
            return option(o -> o.maxTokens(maxTokens));
        }

        /** Sends the token limit as {@code max_tokens}, for servers that only know the older name. */
        public Builder legacyMaxTokens(boolean legacyMaxTokens) {
            this.legacyMaxTokens = legacyMaxTokens;
            return this;
        }

        /** One to four sequences at which the model stops writing. */
        public Builder stop(String... stop) {
            return stop(List.of(stop));
        }

        /** One to four sequences at which the model stops writing. */
        public Builder stop(List<String> stop) {
            return option(o -> o.stop(stop));
        }

        /**
         * How often a failed call is retried; 2 by default, 0 disables retries. A server that asks for a wait
         * longer than 60 s ({@code retry-after}) is not retried: the call fails at once, saying until when the
         * server asked to wait.
         */
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

        /**
         * How long to wait for the next bytes of a response (each chunk of a stream), and for the server to
         * take the next bytes of a request; 120 s by default.
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * How long one attempt of a call may take, from sending the request to the last byte of the answer,
         * streaming included; 10 minutes by default, 0 for no limit. Each retry gets a {@code callTimeout} of
         * its own and the waits between attempts are not counted, so a call takes at most
         * {@code (maxRetries + 1) * callTimeout} plus those waits (each at most 60 s, or the backoff's max).
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        private static void checkTimeout(String name, Duration timeout) {
            boolean underOneMilli = !timeout.isZero() && timeout.toMillis() == 0;
            if (timeout.isNegative() || underOneMilli || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException(name + " must be 0 (no limit) or between 1 ms and "
                        + Duration.ofMillis(Integer.MAX_VALUE) + ", was " + timeout);
            }
        }

        /**
         * An OkHttp client to share connection pools with; its timeouts are overridden by this builder's,
         * and redirects are not followed.
         */
        public Builder httpClient(OkHttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /**
         * Where this model does its background work: making its HTTP client ahead of the first call,
         * and watching calls in flight for their whole-call timeout (one task, which keeps a thread
         * while calls are in flight and a second after). By default agent4j's own daemon threads,
         * {@code agent4j-prepare} and {@code agent4j-call-deadlines}, one each for all models.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Told of every retry before the client waits for it, on the thread making the call: to show
         * "rate limited, retrying in 2 s" or to count retries. Each retry is also logged at WARN.
         */
        public Builder onRetry(Consumer<Retry> listener) {
            this.onRetry = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Whether the wire log ({@value #WIRE_LOGGER} at DEBUG) shows message contents: the text of every
         * message, tool call arguments, refusals, image URLs and log probabilities. False by default, when the log
         * shows each body with those replaced by their length ({@code "<42 chars>"}) and everything else (roles,
         * tool names and schemas, ids, options, usage, finish reasons, errors) as sent. The key is never shown.
         */
        public Builder logContents(boolean logContents) {
            this.logContents = logContents;
            return this;
        }

        Builder environment(Function<String, String> environment) {
            this.environment = environment;
            return this;
        }

        Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
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
                throw new IllegalArgumentException("Base URL '" + Redactor.of(key, null).redact(url) + "' is not an "
                        + "http(s) URL; "
                        + "expected something like " + DEFAULT_BASE_URL);
            }
            ChatOptions.Builder given = ChatOptions.builder().model(DEFAULT_MODEL);
            for (UnaryOperator<ChatOptions.Builder> option : options) {
                given = option.apply(given);
            }
            ChatOptions defaults = given.build();
            if (defaults.model() == null) {
                throw new IllegalArgumentException("model must not be blank, e.g. " + DEFAULT_MODEL);
            }
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
            }
            checkTimeout("connectTimeout", connectTimeout);
            checkTimeout("readTimeout", readTimeout);
            checkTimeout("callTimeout", callTimeout);
            if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("backoff needs 0 <= initial <= max, was initial " + initialBackoff
                        + ", max " + maxBackoff);
            }
            HttpUrl.Builder endpoint = parsed.newBuilder().addPathSegment("chat").addPathSegment("completions");
            Headers.Builder headers = new Headers.Builder().add("User-Agent", "agent4j/" + Agent4j.VERSION);
            if (azureApiVersion != null) {
                endpoint.addQueryParameter("api-version", azureApiVersion);
                headers.add("api-key", key.strip());
            } else {
                headers.add("Authorization", "Bearer " + key.strip());
            }
            String org = firstNonBlank(organization, environment.apply("OPENAI_ORG_ID"));
            String proj = firstNonBlank(project, environment.apply("OPENAI_PROJECT_ID"));
            if (org != null) {
                headers.add("OpenAI-Organization", org);
            }
            if (proj != null) {
                headers.add("OpenAI-Project", proj);
            }
            extraHeaders.forEach(headers::set);
            return new OpenAiChatModel(this, key.strip(), endpoint.build(), headers.build(), defaults);
        }

        private static String firstNonBlank(String first, String second) {
            if (first != null && !first.isBlank()) {
                return first;
            }
            return second != null && !second.isBlank() ? second : null;
        }
    }
}
