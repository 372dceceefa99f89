package io.agent4j;

import static io.agent4j.openai.Sse.events;
import static io.agent4j.openai.Sse.finish;
import static io.agent4j.openai.Sse.text;
import static io.agent4j.openai.Sse.toolDelta;
import static io.agent4j.openai.Sse.usage;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.Usage;
import io.agent4j.errors.CancelledException;
import io.agent4j.openai.Sse;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.OpenAiSchemas;
import io.agent4j.testing.TravelTools;
import io.agent4j.tool.Tool;
import io.agent4j.tool.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Streamed agent runs against a loopback OpenAI-compatible server: text tokens and every step's
 * events reach the {@link StreamHandler} in order; parallel tool calls streamed as deltas are run
 * and answered; a {@link Cancellation} ends a run promptly, aborting the model call or the tools.
 */
class AgentStreamingTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    /** Well under the 60 s a run takes that is not cancelled, and generous for a loaded machine. */
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    /** Records every event of a streamed run, in order. */
    private static class Recorder implements StreamHandler {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<String> text = Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<AgentResult> finished = new AtomicReference<>();

        @Override
        public void onText(String delta) {
            text.add(delta);
            events.add("text " + delta);
        }

        @Override
        public void onRequest(int step, ChatRequest request) {
            events.add("request " + step);
        }

        @Override
        public void onResponse(int step, ChatResponse response) {
            events.add("response " + step);
        }

        @Override
        public void onToolStarted(int step, ToolCall call) {
            events.add("started " + call.id());
        }

        @Override
        public void onToolFinished(int step, ToolCall call, ToolResult result, Duration duration) {
            events.add("finished " + call.id() + (result.failed() ? " failed" : "") + ": " + result.content());
        }

        @Override
        public void onFinished(AgentResult result) {
            finished.set(result);
            events.add("done");
        }
    }

    @Test
    void streamedRunWithTwoParallelToolCallsThenAStreamedAnswer() {
        String weatherArgs = "{\"city\":\"Seoul\",\"unit\":\"CELSIUS\"}";
        String timeArgs = "{\"city\":\"Seoul\"}";
        script(server, Sse.stream(events(Sse.chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                        text("Let me check "), text("both."),
                        toolDelta(0, "call_weather", "weather", ""),
                        toolDelta(0, null, null, weatherArgs.substring(0, 9)),
                        toolDelta(0, null, null, weatherArgs.substring(9)),
                        toolDelta(1, "call_time", "localTime", ""),
                        toolDelta(1, null, null, timeArgs.substring(0, 4)),
                        toolDelta(1, null, null, timeArgs.substring(4)),
                        finish("tool_calls"), usage(100, 20, 120))),
                Sse.stream(events(text("It is "), text("21 degrees"), text(" and 14:05 in Seoul."), finish("stop"),
                        usage(150, 10, 160))));
        TravelTools travel = new TravelTools();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(travel).build();
        Recorder handler = new Recorder();

        AgentResult result = agent.stream("Weather and time in Seoul?", handler);

        assertThat(handler.text).containsExactly("Let me check ", "both.", "It is ", "21 degrees",
                " and 14:05 in Seoul.");
        String forecast = "{\"city\":\"Seoul\",\"temperature\":21,\"unit\":\"CELSIUS\",\"conditions\":[\"sunny\"]}";
        assertThat(handler.events).containsExactly(
                "request 1", "text Let me check ", "text both.", "response 1",
                "started call_weather", "started call_time",
                "finished call_weather: " + forecast, "finished call_time: 14:05 in Seoul",
                "request 2", "text It is ", "text 21 degrees", "text  and 14:05 in Seoul.", "response 2",
                "done");
        assertThat(handler.finished.get()).isSameAs(result);
        assertThat(result.text()).isEqualTo("It is 21 degrees and 14:05 in Seoul.");
        assertThat(result.steps()).isEqualTo(2);
        assertThat(result.usage()).isEqualTo(Usage.of(250, 30));
        assertThat(travel.calls).containsExactlyInAnyOrder("weather:Seoul", "localTime:Seoul");
        assertThat(result.messages().get(1)).isEqualTo(new AssistantMessage("Let me check both.", List.of(
                new ToolCall("call_weather", "weather", weatherArgs), new ToolCall("call_time", "localTime", timeArgs))));
        assertThat(result.messages().get(2)).isEqualTo(new ToolMessage("call_weather", "weather", forecast));
        assertThat(result.messages().get(3)).isEqualTo(new ToolMessage("call_time", "localTime", "14:05 in Seoul"));

        List<JsonNode> sent = requests(server);
        assertThat(sent).hasSize(2);
        JsonNode second = sent.get(1);
        assertThat(second.path("stream").asBoolean()).isTrue();
        assertThat(second.path("stream_options").path("include_usage").asBoolean()).isTrue();
        JsonNode messages = second.path("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.get(0).toString()).isEqualTo("{\"role\":\"user\",\"content\":\"Weather and time in Seoul?\"}");
        assertThat(messages.get(1).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"Let me check both.\","
                + "\"tool_calls\":[{\"id\":\"call_weather\",\"type\":\"function\",\"function\":{\"name\":\"weather\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Seoul\\\",\\\"unit\\\":\\\"CELSIUS\\\"}\"}},{\"id\":\"call_time\","
                + "\"type\":\"function\",\"function\":{\"name\":\"localTime\",\"arguments\":\"{\\\"city\\\":\\\"Seoul\\\"}\"}}]}");
        assertThat(messages.get(2).path("role").asString()).isEqualTo("tool");
        assertThat(messages.get(2).path("tool_call_id").asString()).isEqualTo("call_weather");
        assertThat(messages.get(2).path("content").asString()).isEqualTo(forecast);
        assertThat(messages.get(3).toString())
                .isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"call_time\",\"content\":\"14:05 in Seoul\"}");
        assertThat(second.path("tools")).isEqualTo(sent.get(0).path("tools"));
        for (JsonNode body : sent) {
            assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", body)).isEmpty();
        }
    }

    /** Tools that block until interrupted, and say when they start and when they are interrupted. */
    public static final class SlowTools {
        final CountDownLatch started = new CountDownLatch(2);
        final CountDownLatch interrupted = new CountDownLatch(2);
        final List<String> completed = Collections.synchronizedList(new ArrayList<>());

        @Tool("Takes a long time")
        public String slow(String name) {
            started.countDown();
            try {
                Thread.sleep(60_000);
                completed.add(name);
                return "done " + name;
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }

    private static void cancelFromAnotherThread(Cancellation cancellation, CountDownLatch when) {
        Thread canceller = new Thread(() -> {
            try {
                when.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cancellation.cancel();
        }, "canceller");
        canceller.setDaemon(true);
        canceller.start();
    }

    @Test
    void cancellingARunStopsItsRunningToolsAndSendsNoFurtherRequest() throws Exception {
        script(server, Sse.stream(events(toolDelta(0, "call_a", "slow", "{\"name\":\"a\"}"),
                toolDelta(1, "call_b", "slow", "{\"name\":\"b\"}"), finish("tool_calls"))),
                Sse.stream(events(text("never asked"), finish("stop"))));
        SlowTools tools = new SlowTools();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(tools).build();
        Recorder handler = new Recorder();
        Cancellation cancellation = new Cancellation();
        cancelFromAnotherThread(cancellation, tools.started);

        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> agent.stream("run both", handler, cancellation));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
        assertThat(thrown).isInstanceOf(CancelledException.class);
        assertThat(tools.interrupted.await(5, TimeUnit.SECONDS)).as("both tools were interrupted").isTrue();
        assertThat(tools.completed).isEmpty();
        assertThat(handler.finished.get()).isNull();
        assertThat(handler.events).contains("started call_a", "started call_b").doesNotContain("request 2", "done");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void cancellingWhileTheModelStreamsEndsTheRunPromptlyWithoutRunningTools() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            body.append("data: ").append(text("token" + i + " ")).append("\n\n");
        }
        body.append("data: ").append(toolDelta(0, "call_1", "localTime", "{\"city\":\"Oslo\"}")).append("\n\n")
                .append("data: ").append(finish("tool_calls")).append("\n\n").append(Sse.DONE);
        script(server, Sse.stream(body.toString()).withChunkedDribbleDelay(20, 60_000));
        TravelTools travel = new TravelTools();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(travel).build();
        Cancellation cancellation = new Cancellation();
        CountDownLatch firstToken = new CountDownLatch(1);
        cancelFromAnotherThread(cancellation, firstToken);
        Recorder handler = new Recorder() {
            @Override
            public void onText(String delta) {
                super.onText(delta);
                firstToken.countDown();
            }
        };

        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> agent.stream("time in Oslo?", handler, cancellation));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
        assertThat(thrown).isInstanceOf(CancelledException.class);
        assertThat(handler.text).isNotEmpty().hasSizeLessThan(20);
        assertThat(handler.events).noneMatch(e -> e.startsWith("started") || e.startsWith("response"));
        assertThat(travel.calls).isEmpty();
        assertThat(requests(server)).hasSize(1);
    }
}
