package io.agent4j.opentelemetry;

import static io.agent4j.opentelemetry.ChatServer.answer;
import static io.agent4j.opentelemetry.ChatServer.script;
import static io.agent4j.opentelemetry.ChatServer.status;
import static io.agent4j.opentelemetry.ChatServer.streamedAnswer;
import static io.agent4j.opentelemetry.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.StreamHandler;
import io.agent4j.chat.ChatOptions;
import io.agent4j.errors.MaxStepsExceededException;
import io.agent4j.tool.Tool;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A run's spans: their tree, names, kinds, attributes and events, on the GenAI conventions. */
class RunSpansTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private final InMemoryTelemetry telemetry = new InMemoryTelemetry();

    @AfterEach
    void close() {
        telemetry.close();
    }

    /** Tools of a trip; the weather starts a span of its own, as an instrumented client would. */
    public static class Travel {
        private final Tracer tracer;

        Travel(Tracer tracer) {
            this.tracer = tracer;
        }

        @Tool("The weather in a city")
        public String weather(String city) {
            var own = tracer.spanBuilder("weather-service " + city).startSpan();
            own.end();
            return "21 degrees in " + city;
        }

        @Tool("The time in a city")
        public String time(String city) {
            return "14:05 in " + city;
        }

        @Tool("Books a hotel")
        public String book(String city) {
            throw new IllegalStateException("no rooms left in " + city);
        }
    }

    private Agent agent(AgentTelemetry tracing) {
        return Agent.builder().name("travel").model(ChatServer.model(server).build())
                .tools(new Travel(telemetry.sdk.getTracer("travel-tools")))
                .options(ChatOptions.builder().model("gpt-4o-mini").temperature(0.2).maxTokens(300).topP(0.9).seed(7L).build())
                .interceptor(tracing).build();
    }

    private void scriptTwoStepsWithParallelTools() {
        script(server, toolCalls(new String[] {"call_w", "weather", "{\"city\":\"Oslo\"}"},
                new String[] {"call_t", "time", "{\"city\":\"Oslo\"}"}), answer("Sunny, 14:05."));
    }

    @Test
    void aTwoStepRunIsOneInvokeAgentSpanWithItsChatSpansAndParallelToolSpansAsSiblingsUnderIt() {
        scriptTwoStepsWithParallelTools();

        AgentResult result = agent(AgentTelemetry.create(telemetry.sdk)).run("Weather and time in Oslo?");

        SpanData run = telemetry.span("invoke_agent travel");
        List<SpanData> chats = telemetry.named("chat gpt-4o-mini");
        SpanData weather = telemetry.span("execute_tool weather");
        SpanData time = telemetry.span("execute_tool time");
        SpanData own = telemetry.span("weather-service Oslo");
        assertThat(telemetry.finished()).hasSize(6);
        assertThat(run.getParentSpanContext().isValid()).isFalse();
        assertThat(run.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(chats).hasSize(2).allSatisfy(chat -> {
            assertThat(chat.getParentSpanId()).isEqualTo(run.getSpanId());
            assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
        });
        assertThat(List.of(weather, time)).allSatisfy(tool -> {
            assertThat(tool.getParentSpanId()).isEqualTo(run.getSpanId());
            assertThat(tool.getKind()).isEqualTo(SpanKind.INTERNAL);
            assertThat(tool.getTraceId()).isEqualTo(run.getTraceId());
        });
        assertThat(own.getParentSpanId()).as("the tool's own span nests under its execute_tool")
                .isEqualTo(weather.getSpanId());

        assertThat(run.getAttributes().get(GenAi.OPERATION_NAME)).isEqualTo("invoke_agent");
        assertThat(run.getAttributes().get(GenAi.PROVIDER_NAME)).isEqualTo("openai");
        assertThat(run.getAttributes().get(GenAi.AGENT_NAME)).isEqualTo("travel");
        assertThat(run.getAttributes().get(GenAi.REQUEST_MODEL)).isEqualTo("gpt-4o-mini");
        assertThat(run.getAttributes().get(GenAi.CONVERSATION_ID)).isNotBlank();
        assertThat(run.getAttributes().get(Agent4jAttributes.RUN_ID)).isEqualTo(result.runId());
        assertThat(run.getAttributes().get(Agent4jAttributes.RUN_RESUMED)).isFalse();
        assertThat(run.getAttributes().get(Agent4jAttributes.RUN_STEPS)).isEqualTo(2L);
        assertThat(run.getAttributes().get(Agent4jAttributes.RUN_REPAIRS)).isZero();
        assertThat(run.getAttributes().get(Agent4jAttributes.RUN_WAITING_FOR_APPROVAL)).isFalse();
        assertThat(run.getAttributes().get(GenAi.USAGE_INPUT_TOKENS)).isEqualTo(20L);
        assertThat(run.getAttributes().get(GenAi.USAGE_OUTPUT_TOKENS)).isEqualTo(10L);
        assertThat(run.getAttributes().get(Agent4jAttributes.COST_USD))
                .isEqualTo(result.cost().orElseThrow().doubleValue());
        assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        SpanData first = chats.get(0);
        assertThat(first.getAttributes().get(GenAi.OPERATION_NAME)).isEqualTo("chat");
        assertThat(first.getAttributes().get(GenAi.PROVIDER_NAME)).isEqualTo("openai");
        assertThat(first.getAttributes().get(GenAi.REQUEST_MODEL)).isEqualTo("gpt-4o-mini");
        assertThat(first.getAttributes().get(GenAi.REQUEST_TEMPERATURE)).isEqualTo(0.2);
        assertThat(first.getAttributes().get(GenAi.REQUEST_MAX_TOKENS)).isEqualTo(300L);
        assertThat(first.getAttributes().get(GenAi.REQUEST_TOP_P)).isEqualTo(0.9);
        assertThat(first.getAttributes().get(GenAi.REQUEST_SEED)).isEqualTo(7L);
        assertThat(first.getAttributes().get(GenAi.RESPONSE_MODEL)).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(first.getAttributes().get(GenAi.RESPONSE_ID)).isEqualTo("chatcmpl-scripted");
        assertThat(first.getAttributes().get(GenAi.RESPONSE_FINISH_REASONS)).containsExactly("tool_calls");
        assertThat(first.getAttributes().get(GenAi.USAGE_INPUT_TOKENS)).isEqualTo(10L);
        assertThat(first.getAttributes().get(GenAi.USAGE_OUTPUT_TOKENS)).isEqualTo(5L);
        assertThat(first.getAttributes().get(GenAi.AGENT_NAME)).isEqualTo("travel");
        assertThat(first.getAttributes().get(Agent4jAttributes.STEP)).isEqualTo(1L);
        assertThat(chats.get(1).getAttributes().get(GenAi.RESPONSE_FINISH_REASONS)).containsExactly("stop");
        assertThat(chats.get(1).getAttributes().get(Agent4jAttributes.STEP)).isEqualTo(2L);

        assertThat(weather.getAttributes().get(GenAi.OPERATION_NAME)).isEqualTo("execute_tool");
        assertThat(weather.getAttributes().get(GenAi.TOOL_NAME)).isEqualTo("weather");
        assertThat(weather.getAttributes().get(GenAi.TOOL_CALL_ID)).isEqualTo("call_w");
        assertThat(weather.getAttributes().get(GenAi.TOOL_TYPE)).isEqualTo("function");
        assertThat(weather.getAttributes().get(Agent4jAttributes.STEP)).isEqualTo(1L);
        assertThat(time.getAttributes().get(GenAi.TOOL_CALL_ID)).isEqualTo("call_t");
    }

    @Test
    void messageContentIsLeftOutUnlessTheApplicationOptsIn() {
        scriptTwoStepsWithParallelTools();

        agent(AgentTelemetry.create(telemetry.sdk)).run("Weather and time in Oslo?");

        assertThat(telemetry.finished()).allSatisfy(span -> {
            assertThat(span.getAttributes().get(GenAi.INPUT_MESSAGES)).isNull();
            assertThat(span.getAttributes().get(GenAi.OUTPUT_MESSAGES)).isNull();
            assertThat(span.getAttributes().get(GenAi.TOOL_CALL_ARGUMENTS)).isNull();
            assertThat(span.getAttributes().get(GenAi.TOOL_CALL_RESULT)).isNull();
            assertThat(span.getAttributes().asMap().values().toString()).doesNotContain("Oslo");
        });
    }

    @Test
    void capturedContentHoldsTheMessagesToolArgumentsAndResultsButNeverTheKey() {
        scriptTwoStepsWithParallelTools();

        agent(AgentTelemetry.builder(telemetry.sdk).captureMessageContent(true).build())
                .run("Weather and time in Oslo?");

        List<SpanData> chats = telemetry.named("chat gpt-4o-mini");
        assertThat(chats.get(0).getAttributes().get(GenAi.INPUT_MESSAGES))
                .isEqualTo("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Weather and time in Oslo?\"}]}]");
        assertThat(chats.get(0).getAttributes().get(GenAi.OUTPUT_MESSAGES)).isEqualTo("[{\"role\":\"assistant\","
                + "\"parts\":[{\"type\":\"tool_call\",\"id\":\"call_w\",\"name\":\"weather\",\"arguments\":{\"city\":"
                + "\"Oslo\"}},{\"type\":\"tool_call\",\"id\":\"call_t\",\"name\":\"time\",\"arguments\":{\"city\":"
                + "\"Oslo\"}}],\"finish_reason\":\"tool_calls\"}]");
        assertThat(chats.get(1).getAttributes().get(GenAi.INPUT_MESSAGES))
                .contains("{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call_w\","
                        + "\"response\":\"21 degrees in Oslo\"}]}");
        SpanData weather = telemetry.span("execute_tool weather");
        assertThat(weather.getAttributes().get(GenAi.TOOL_CALL_ARGUMENTS)).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(weather.getAttributes().get(GenAi.TOOL_CALL_RESULT)).isEqualTo("21 degrees in Oslo");
        assertThat(telemetry.span("invoke_agent travel").getAttributes().get(GenAi.OUTPUT_MESSAGES))
                .contains("Sunny, 14:05.");
        assertThat(telemetry.finished()).allSatisfy(span -> {
            assertThat(span.getAttributes().toString()).doesNotContain(ChatServer.KEY).doesNotContain("SECRET");
            assertThat(span.getEvents().toString()).doesNotContain(ChatServer.KEY).doesNotContain("SECRET");
        });
    }

    @Test
    void aFailedToolCallIsAnErrorSpanAndTheRunGoesOn() {
        script(server, toolCalls(new String[] {"call_b", "book", "{\"city\":\"Oslo\"}"}), answer("No rooms."));

        agent(AgentTelemetry.create(telemetry.sdk)).run("Book a hotel in Oslo");

        SpanData book = telemetry.span("execute_tool book");
        assertThat(book.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(book.getAttributes().get(GenAi.ERROR_TYPE)).isEqualTo("tool_error");
        assertThat(telemetry.span("invoke_agent travel").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    /**
     * A tool that ignores interruption and holds its thread until the test lets it go; its timeout of its
     * own puts it on the executor, where the run stops waiting for it.
     */
    public static class Stuck {
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

        @io.agent4j.tool.Tool(value = "Never returns in time", timeoutMillis = 300)
        public String stuck() {
            while (true) {
                try {
                    release.await();
                    return "late";
                } catch (InterruptedException ignored) {
                    // a tool that ignores interruption keeps its thread
                }
            }
        }
    }

    @Test
    void aToolCallTheRunStopsWaitingForHasItsSpanEndedWithTheRunNotWhenItsThreadReturns() {
        script(server, toolCalls(new String[] {"call_s", "stuck", "{}"}), answer("It timed out."));
        Stuck stuck = new Stuck();
        try {
            io.agent4j.Agent.builder().model(ChatServer.model(server).build()).name("travel").tools(stuck)
                    .interceptor(AgentTelemetry.create(telemetry.sdk))
                    .build().run("Try the stuck tool");

            SpanData call = telemetry.span("execute_tool stuck");
            assertThat(call.hasEnded()).isTrue();
            assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(call.getAttributes().get(GenAi.ERROR_TYPE)).isEqualTo("tool_error");
            assertThat(call.getParentSpanId()).isEqualTo(telemetry.span("invoke_agent travel").getSpanId());
        } finally {
            stuck.release.countDown();
        }
    }

    @Test
    void aRetriedModelCallIsOneChatSpanWithARetryEvent() {
        script(server, status(503), answer("Sunny."));

        agent(AgentTelemetry.create(telemetry.sdk)).run("Weather in Oslo?");

        SpanData chat = telemetry.span("chat gpt-4o-mini");
        assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(chat.getEvents()).extracting(EventData::getName).containsExactly(Agent4jAttributes.RETRY_EVENT);
        EventData retry = chat.getEvents().get(0);
        assertThat(retry.getAttributes().get(Agent4jAttributes.RETRY_ATTEMPT)).isEqualTo(1L);
        assertThat(retry.getAttributes().get(Agent4jAttributes.RETRY_MAX)).isPositive();
        assertThat(retry.getAttributes().get(Agent4jAttributes.RETRY_REASON)).contains("503");
        assertThat(retry.getAttributes().get(Agent4jAttributes.RETRY_DELAY)).isNotNull();
    }

    @Test
    void aStreamedRunHasTheSameSpansWithTheStreamsUsage() {
        script(server, streamedAnswer("Sunny ", "in Oslo."));
        List<String> text = new CopyOnWriteArrayList<>();

        agent(AgentTelemetry.create(telemetry.sdk)).stream("Weather in Oslo?", (StreamHandler) text::add);

        assertThat(String.join("", text)).isEqualTo("Sunny in Oslo.");
        SpanData run = telemetry.span("invoke_agent travel");
        SpanData chat = telemetry.span("chat gpt-4o-mini");
        assertThat(chat.getParentSpanId()).isEqualTo(run.getSpanId());
        assertThat(chat.getAttributes().get(GenAi.USAGE_INPUT_TOKENS)).isEqualTo(12L);
        assertThat(chat.getAttributes().get(GenAi.USAGE_OUTPUT_TOKENS)).isEqualTo(4L);
        assertThat(chat.getAttributes().get(GenAi.RESPONSE_FINISH_REASONS)).containsExactly("stop");
        assertThat(chat.getAttributes().get(GenAi.RESPONSE_MODEL)).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(chat.getAttributes().get(GenAi.RESPONSE_ID)).isEqualTo("chatcmpl-streamed");
    }

    @Test
    void aRunThatFailsIsAnErrorSpanWithItsErrorType() {
        script(server, toolCalls(new String[] {"call_t", "time", "{\"city\":\"Oslo\"}"}));
        Agent agent = Agent.builder().name("travel").model(ChatServer.model(server).build())
                .tools(new Travel(telemetry.sdk.getTracer("travel-tools"))).maxSteps(2)
                .options(ChatOptions.builder().model("gpt-4o-mini").build())
                .interceptor(AgentTelemetry.create(telemetry.sdk)).build();

        Throwable thrown = catchThrowable(() -> agent.run("What time is it in Oslo?"));

        assertThat(thrown).isInstanceOf(MaxStepsExceededException.class);
        SpanData run = telemetry.span("invoke_agent travel");
        assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(run.getAttributes().get(GenAi.ERROR_TYPE)).isEqualTo(MaxStepsExceededException.class.getName());
        assertThat(run.getAttributes().get(Agent4jAttributes.RUN_STEPS)).isEqualTo(2L);
        assertThat(run.getAttributes().get(GenAi.USAGE_INPUT_TOKENS)).isEqualTo(20L);
        assertThat(run.getEvents()).extracting(EventData::getName).contains("exception");
    }

    @Test
    void withoutAModelInTheOptionsTheSpansNameTheModelsDefault() {
        script(server, answer("Sunny."));

        Agent.builder().name("travel").model(ChatServer.model(server).model("gpt-4.1-nano").build())
                .interceptor(AgentTelemetry.create(telemetry.sdk)).build().run("Weather?");

        assertThat(telemetry.span("chat gpt-4.1-nano").getAttributes().get(GenAi.REQUEST_MODEL))
                .isEqualTo("gpt-4.1-nano");
        assertThat(telemetry.span("invoke_agent travel").getAttributes().get(GenAi.REQUEST_MODEL))
                .isEqualTo("gpt-4.1-nano");
    }

    @Test
    void aModelErrorEndsTheChatSpanAsAnError() {
        script(server, status(400));

        Throwable thrown = catchThrowable(() -> agent(AgentTelemetry.create(telemetry.sdk)).run("Weather?"));

        SpanData chat = telemetry.span("chat gpt-4o-mini");
        assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(chat.getAttributes().get(GenAi.ERROR_TYPE)).isEqualTo(thrown.getClass().getName());
        assertThat(telemetry.span("invoke_agent travel").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    static <T> T attribute(SpanData span, AttributeKey<T> key) {
        return span.getAttributes().get(key);
    }
}
