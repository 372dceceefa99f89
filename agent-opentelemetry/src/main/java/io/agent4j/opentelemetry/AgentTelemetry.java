package io.agent4j.opentelemetry;

import io.agent4j.Agent4j;
import io.agent4j.AgentInterceptor;
import io.agent4j.AgentResult;
import io.agent4j.approval.Decision;
import io.agent4j.approval.PendingCall;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.Choice;
import io.agent4j.chat.Retry;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.Usage;
import io.agent4j.errors.RunException;
import io.agent4j.guardrail.GuardrailEvent;
import io.agent4j.guardrail.Verdict;
import io.agent4j.tool.ToolResult;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;

/**
 * Turns each run of an agent into OpenTelemetry spans and metrics on the semantic conventions for
 * generative AI: {@code invoke_agent {name}} for the run, {@code chat {model}} for each model call
 * and {@code execute_tool {name}} for each tool call, the calls of a step side by side under the
 * run; retries, guardrail decisions and approvals as span events; {@code gen_ai.client.token.usage},
 * {@code gen_ai.client.operation.duration}, and agent4j's tool calls and cost as metrics.
 *
 * <pre>{@code
 * AgentTelemetry telemetry = AgentTelemetry.create(openTelemetry);
 * Agent agent = Agent.builder().model(model).tools(new Tools()).interceptor(telemetry).build();
 * }</pre>
 *
 * <p>Message contents (prompts, answers, tool arguments and results) are recorded only when
 * {@link Builder#captureMessageContent} is on; the API key never is. A tool's own spans nest under
 * its {@code execute_tool}, and {@link #okHttpInterceptor()} carries the model call's span to the
 * server. Thread-safe: one instance serves any number of agents and runs.
 */
public final class AgentTelemetry implements AgentInterceptor {

    /** The instrumentation scope of the spans and metrics. */
    public static final String SCOPE = "io.agent4j.opentelemetry";

    private static final ContextKey<RunState> RUN = ContextKey.named("agent4j-run");
    private static final ContextKey<Span> CHAT_SPAN = ContextKey.named("agent4j-chat-span");
    private static final String TOOL_ERROR = "tool_error";

    private final Tracer tracer;
    private final Instruments instruments;
    private final TextMapPropagator propagator;
    private final boolean captureMessageContent;
    /** The spans of tool calls in progress, by the call the run handed over (one object per call). */
    private final java.util.Map<ToolCall, Span> running = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private final String providerName;

    private AgentTelemetry(Builder builder) {
        String version = Agent4j.VERSION;
        this.tracer = builder.openTelemetry.tracerBuilder(SCOPE).setInstrumentationVersion(version).build();
        this.instruments = new Instruments(
                builder.openTelemetry.meterBuilder(SCOPE).setInstrumentationVersion(version).build());
        this.propagator = builder.openTelemetry.getPropagators().getTextMapPropagator();
        this.captureMessageContent = builder.captureMessageContent;
        this.providerName = builder.providerName;
    }

    /** Telemetry with the defaults: no message content, provider {@code openai}. */
    public static AgentTelemetry create(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    /** A builder of telemetry that records to {@code openTelemetry} (the application's SDK, or the global one). */
    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(openTelemetry);
    }

    /**
     * An OkHttp interceptor that puts the current trace context into each request, with the
     * propagators of the {@code OpenTelemetry} given (W3C {@code traceparent} by default), so the
     * model server's spans join the run's trace: give it to the client of {@code OpenAiChatModel}
     * ({@code OpenAiChatModel.builder().httpClient(...)}). Inside a model call it also gives the
     * {@code chat} span the server's {@code server.address} and {@code server.port}.
     */
    public Interceptor okHttpInterceptor() {
        return chain -> {
            Context context = Context.current();
            Span chat = context.get(CHAT_SPAN);
            if (chat != null && chat == Span.fromContext(context) && chat.isRecording()) {
                HttpUrl url = chain.request().url();
                chat.setAttribute(GenAi.SERVER_ADDRESS, url.host());
                chat.setAttribute(GenAi.SERVER_PORT, (long) url.port());
            }
            Request.Builder request = chain.request().newBuilder();
            propagator.inject(context, request, (carrier, key, value) -> carrier.header(key, value));
            return chain.proceed(request.build());
        };
    }

    @Override
    public AgentResult aroundRun(Run run, Supplier<AgentResult> proceed) {
        AttributesBuilder attributes = Attributes.builder()
                .put(GenAi.OPERATION_NAME, GenAi.INVOKE_AGENT)
                .put(GenAi.PROVIDER_NAME, providerName)
                .put(GenAi.CONVERSATION_ID, run.conversationId())
                .put(Agent4jAttributes.RUN_ID, run.runId())
                .put(Agent4jAttributes.RUN_RESUMED, run.resumed());
        putIfPresent(attributes, GenAi.AGENT_NAME, run.agentName());
        putIfPresent(attributes, GenAi.REQUEST_MODEL, run.model());
        Span span = tracer.spanBuilder(name(GenAi.INVOKE_AGENT, run.agentName())).setSpanKind(SpanKind.INTERNAL)
                .setAllAttributes(attributes.build()).startSpan();
        RunState state = new RunState(run);
        try (Scope ignored = Context.current().with(span).with(RUN, state).makeCurrent()) {
            AgentResult result = proceed.get();
            ended(span, state, result.steps(), result.usage(), result.cost());
            span.setAttribute(Agent4jAttributes.RUN_WAITING_FOR_APPROVAL, result.waiting());
            span.setAttribute(GenAi.RESPONSE_FINISH_REASONS, List.of(result.finishReason().wireName()));
            if (captureMessageContent && !result.waiting()) {
                span.setAttribute(GenAi.OUTPUT_MESSAGES, Contents.answer(result.text()));
            }
            return result;
        } catch (RuntimeException | Error e) {
            if (e instanceof RunException failed) {
                ended(span, state, state.steps, failed.usage(), failed.cost());
            } else {
                span.setAttribute(Agent4jAttributes.RUN_STEPS, (long) state.steps);
            }
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    @Override
    public ChatResponse aroundModelCall(int step, ChatRequest request, Supplier<ChatResponse> proceed) {
        RunState state = Context.current().get(RUN);
        ChatOptions options = request.options();
        String model = options.model() != null ? options.model() : state == null ? null : state.run.model();
        if (state != null) {
            state.steps = step;
        }
        AttributesBuilder common = Attributes.builder()
                .put(GenAi.OPERATION_NAME, GenAi.CHAT)
                .put(GenAi.PROVIDER_NAME, providerName);
        putIfPresent(common, GenAi.REQUEST_MODEL, model);
        Span span = tracer.spanBuilder(name(GenAi.CHAT, model)).setSpanKind(SpanKind.CLIENT)
                .setAllAttributes(common.build()).setAllAttributes(requestAttributes(step, request, state))
                .startSpan();
        long start = System.nanoTime();
        try (Scope ignored = Context.current().with(span).with(CHAT_SPAN, span).makeCurrent()) {
            ChatResponse response = proceed.get();
            putIfPresent(common, GenAi.RESPONSE_MODEL, response.model());
            Usage usage = response.usage();
            span.setAllAttributes(responseAttributes(response));
            instruments.modelCall(common.build(), System.nanoTime() - start, usage.promptTokens(),
                    usage.completionTokens(), usage.known());
            return response;
        } catch (RuntimeException | Error e) {
            failed(span, e);
            instruments.modelCall(common.put(GenAi.ERROR_TYPE, errorType(e)).build(), System.nanoTime() - start,
                    0, 0, false);
            throw e;
        } finally {
            span.end();
        }
    }

    @Override
    public Supplier<ToolResult> aroundToolCall(int step, ToolCall call, Supplier<ToolResult> proceed) {
        Context parent = Context.current();
        return () -> {
            AttributesBuilder attributes = Attributes.builder()
                    .put(GenAi.OPERATION_NAME, GenAi.EXECUTE_TOOL)
                    .put(GenAi.PROVIDER_NAME, providerName)
                    .put(GenAi.TOOL_NAME, call.name())
                    .put(GenAi.TOOL_CALL_ID, call.id())
                    .put(GenAi.TOOL_TYPE, GenAi.FUNCTION)
                    .put(Agent4jAttributes.STEP, (long) step);
            if (captureMessageContent) {
                attributes.put(GenAi.TOOL_CALL_ARGUMENTS, call.arguments());
            }
            Span span = tracer.spanBuilder(name(GenAi.EXECUTE_TOOL, call.name())).setParent(parent)
                    .setSpanKind(SpanKind.INTERNAL).setAllAttributes(attributes.build()).startSpan();
            running.put(call, span);
            long start = System.nanoTime();
            try (Scope ignored = parent.with(span).makeCurrent()) {
                ToolResult result = proceed.get();
                // a call the run stopped waiting for (cancelled, timed out) had its span ended by the run
                if (running.remove(call) != null) {
                    if (result.failed()) {
                        span.setStatus(StatusCode.ERROR, "the tool call failed");
                        span.setAttribute(GenAi.ERROR_TYPE, TOOL_ERROR);
                    }
                    if (captureMessageContent) {
                        span.setAttribute(GenAi.TOOL_CALL_RESULT, result.content());
                    }
                    span.end();
                }
                instruments.toolCall(call.name(), System.nanoTime() - start, result.failed() ? TOOL_ERROR : null);
                return result;
            } catch (RuntimeException | Error e) {
                if (running.remove(call) != null) {
                    failed(span, e);
                    span.end();
                }
                instruments.toolCall(call.name(), System.nanoTime() - start, errorType(e));
                throw e;
            }
        };
    }

    /**
     * Ends the span of a call that is still running when the run has its result: the run stopped
     * waiting for it (cancelled, or past its timeout), so the span says what the model was told and
     * is exported with the run, whatever the tool's thread does later.
     */
    @Override
    public void onToolFinished(int step, ToolCall call, ToolResult result, java.time.Duration duration) {
        Span span = running.remove(call);
        if (span != null) {
            span.setStatus(StatusCode.ERROR, "the run stopped waiting for the tool call");
            span.setAttribute(GenAi.ERROR_TYPE, result.content().startsWith("Cancelled:") ? "cancelled" : TOOL_ERROR);
            if (captureMessageContent) {
                span.setAttribute(GenAi.TOOL_CALL_RESULT, result.content());
            }
            span.end();
        }
    }

    @Override
    public void onRetry(int step, Retry retry) {
        Span.current().addEvent(Agent4jAttributes.RETRY_EVENT, SpanEvents.retry(step, retry));
    }

    @Override
    public void onGuardrail(int step, GuardrailEvent event) {
        Span.current().addEvent(Agent4jAttributes.GUARDRAIL_EVENT,
                SpanEvents.guardrail(step, event, captureMessageContent));
        RunState state = Context.current().get(RUN);
        if (state != null && event.verdict() instanceof Verdict.Retry && event.stage() == GuardrailEvent.Stage.OUTPUT) {
            state.repairs++;
        }
    }

    @Override
    public void onWaiting(int step, List<PendingCall> pending) {
        Span.current().addEvent(Agent4jAttributes.APPROVAL_WAITING_EVENT, SpanEvents.waiting(step, pending));
    }

    @Override
    public void onDecision(int step, ToolCall call, Decision decision) {
        Span.current().addEvent(Agent4jAttributes.APPROVAL_DECISION_EVENT, SpanEvents.decision(step, call, decision));
    }

    private Attributes requestAttributes(int step, ChatRequest request, RunState state) {
        ChatOptions options = request.options();
        AttributesBuilder attributes = Attributes.builder().put(Agent4jAttributes.STEP, (long) step);
        if (state != null) {
            attributes.put(GenAi.CONVERSATION_ID, state.run.conversationId());
            putIfPresent(attributes, GenAi.AGENT_NAME, state.run.agentName());
        }
        putIfPresent(attributes, GenAi.REQUEST_TEMPERATURE, options.temperature());
        putIfPresent(attributes, GenAi.REQUEST_TOP_P, options.topP());
        putIfPresent(attributes, GenAi.REQUEST_FREQUENCY_PENALTY, options.frequencyPenalty());
        putIfPresent(attributes, GenAi.REQUEST_PRESENCE_PENALTY, options.presencePenalty());
        putIfPresent(attributes, GenAi.REQUEST_SEED, options.seed());
        putIfPresent(attributes, GenAi.OPENAI_REQUEST_SERVICE_TIER, options.serviceTier());
        if (options.maxTokens() != null) {
            attributes.put(GenAi.REQUEST_MAX_TOKENS, options.maxTokens().longValue());
        }
        if (options.n() != null && options.n() != 1) {
            attributes.put(GenAi.REQUEST_CHOICE_COUNT, options.n().longValue());
        }
        if (options.stop() != null && !options.stop().isEmpty()) {
            attributes.put(GenAi.REQUEST_STOP_SEQUENCES, List.copyOf(options.stop()));
        }
        if (options.responseFormat() != null) {
            attributes.put(GenAi.OUTPUT_TYPE, GenAi.JSON);
        }
        if (captureMessageContent) {
            attributes.put(GenAi.INPUT_MESSAGES, Contents.input(request.messages()));
        }
        return attributes.build();
    }

    private Attributes responseAttributes(ChatResponse response) {
        AttributesBuilder attributes = Attributes.builder()
                .put(GenAi.RESPONSE_FINISH_REASONS,
                        response.choices().stream().map(Choice::finishReason).map(r -> r.wireName()).toList());
        putIfPresent(attributes, GenAi.RESPONSE_MODEL, response.model());
        putIfPresent(attributes, GenAi.RESPONSE_ID, response.id());
        putIfPresent(attributes, GenAi.OPENAI_RESPONSE_SYSTEM_FINGERPRINT, response.systemFingerprint());
        putIfPresent(attributes, GenAi.OPENAI_RESPONSE_SERVICE_TIER, response.serviceTier());
        usage(attributes, response.usage());
        if (captureMessageContent) {
            attributes.put(GenAi.OUTPUT_MESSAGES, Contents.output(response));
        }
        return attributes.build();
    }

    private void ended(Span span, RunState state, int steps, Usage usage, Optional<BigDecimal> cost) {
        AttributesBuilder attributes = Attributes.builder()
                .put(Agent4jAttributes.RUN_STEPS, (long) steps)
                .put(Agent4jAttributes.RUN_REPAIRS, (long) state.repairs);
        usage(attributes, usage);
        cost.ifPresent(usd -> attributes.put(Agent4jAttributes.COST_USD, usd.doubleValue()));
        span.setAllAttributes(attributes.build());
        cost.ifPresent(usd -> {
            AttributesBuilder metric = Attributes.builder().put(GenAi.PROVIDER_NAME, providerName);
            putIfPresent(metric, GenAi.AGENT_NAME, state.run.agentName());
            putIfPresent(metric, GenAi.REQUEST_MODEL, state.run.model());
            instruments.cost(usd, metric.build());
        });
    }

    private static void usage(AttributesBuilder attributes, Usage usage) {
        if (!usage.known()) {
            return;
        }
        attributes.put(GenAi.USAGE_INPUT_TOKENS, usage.promptTokens())
                .put(GenAi.USAGE_OUTPUT_TOKENS, usage.completionTokens());
        if (usage.cachedPromptTokens() > 0) {
            attributes.put(GenAi.USAGE_CACHE_READ_INPUT_TOKENS, usage.cachedPromptTokens());
        }
        if (usage.reasoningTokens() > 0) {
            attributes.put(GenAi.USAGE_REASONING_OUTPUT_TOKENS, usage.reasoningTokens());
        }
    }

    private static void failed(Span span, Throwable e) {
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
        span.setAttribute(GenAi.ERROR_TYPE, errorType(e));
        span.recordException(e);
    }

    private static String errorType(Throwable e) {
        return e.getClass().getName();
    }

    private static String name(String operation, String subject) {
        return subject == null || subject.isBlank() ? operation : operation + " " + subject;
    }

    static <T> void putIfPresent(AttributesBuilder attributes, AttributeKey<T> key, T value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }

    /** What one run has told so far, kept in its context for the events and calls that follow. */
    private static final class RunState {
        final Run run;
        int steps;
        int repairs;

        RunState(Run run) {
            this.run = run;
        }
    }

    /** Settings of {@link AgentTelemetry}. */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private boolean captureMessageContent;
        private String providerName = GenAi.OPENAI;

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry,
                    "openTelemetry: give the application's OpenTelemetry (the SDK's, or GlobalOpenTelemetry.get())");
        }

        /**
         * Whether spans hold the messages sent and received ({@code gen_ai.input.messages},
         * {@code gen_ai.output.messages}), tool arguments and results, and guardrails' feedback;
         * off by default, as they may hold personal data.
         */
        public Builder captureMessageContent(boolean capture) {
            this.captureMessageContent = capture;
            return this;
        }

        /**
         * The {@code gen_ai.provider.name} of the spans and metrics, as the conventions name
         * providers ({@code openai}, {@code azure.ai.openai}, {@code groq}, {@code mistral_ai} ...);
         * {@code openai} by default.
         */
        public Builder providerName(String providerName) {
            this.providerName = Objects.requireNonNull(providerName, "providerName");
            return this;
        }

        /**
         * The telemetry, to give to {@code Agent.Builder.interceptor}.
         *
         * @throws IllegalArgumentException when the provider name is blank
         */
        public AgentTelemetry build() {
            if (providerName.isBlank()) {
                throw new IllegalArgumentException("providerName must not be blank: give the provider as the "
                        + "conventions name it, such as \"openai\"");
            }
            return new AgentTelemetry(this);
        }
    }
}
