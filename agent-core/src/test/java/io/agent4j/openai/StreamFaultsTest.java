package io.agent4j.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.agent4j.openai.Sse.chunk;
import static io.agent4j.openai.Sse.events;
import static io.agent4j.openai.Sse.eventsWithoutDone;
import static io.agent4j.openai.Sse.finish;
import static io.agent4j.openai.Sse.text;
import static io.agent4j.openai.Sse.toolDelta;
import static io.agent4j.openai.Sse.usage;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.resource;
import static io.agent4j.testing.ChatServer.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.StreamHandler;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.ModelConnectionException;
import io.agent4j.errors.ModelTimeoutException;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.TravelTools;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Streams that break, stall or deviate from OpenAI's shape. A broken stream is never retried (its
 * text was already delivered) and nothing of it is returned; the listener only ever sees whole
 * deltas. Deviations of compatible servers listed in docs/models.md are assembled exactly.
 */
class StreamFaultsTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static final ChatRequest HELLO = new ChatRequest(List.of(new UserMessage("Hello")), List.of());

    private final List<String> deltas = Collections.synchronizedList(new ArrayList<>());

    private ChatResponse stream(String body) {
        script(server, Sse.stream(body));
        return ChatServer.model(server).build().stream(HELLO, deltas::add, new Cancellation());
    }

    private Throwable streamFailure(String body) {
        script(server, Sse.stream(body));
        return catchThrowable(() -> ChatServer.model(server).build().stream(HELLO, deltas::add, new Cancellation()));
    }

    // ---------------------------------------------------------------- broken streams

    @Test
    void truncatedStreamWithoutDoneOrFinishReasonIsAConnectionExceptionAndNotRetried() {
        Throwable thrown = streamFailure(eventsWithoutDone(text("The weather "), text("in Seoul"),
                toolDelta(0, "call_1", "weather", "{\"city\":\"Seoul\",\"unit\":\"CELSIUS\"}")));
        assertThat(thrown).isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("without [DONE] or a finish reason")
                .hasMessageContaining("after 3 chunk(s)")
                .hasMessageContaining("nothing of the broken response was used");
        assertThat(deltas).containsExactly("The weather ", "in Seoul");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void truncatedStreamInAnAgentRunExecutesNoTool() {
        TravelTools travel = new TravelTools();
        script(server, Sse.stream(eventsWithoutDone(text("Checking."),
                toolDelta(0, "call_1", "weather", "{\"city\":\"Seoul\",\"unit\":\"CELSIUS\"}"),
                toolDelta(1, "call_2", "localTime", "{\"city\":\"Seoul\"}"))));
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        StreamHandler handler = new StreamHandler() {
            @Override
            public void onText(String delta) {
                events.add("text " + delta);
            }

            @Override
            public void onToolStarted(int step, ToolCall call) {
                events.add("tool " + call.name());
            }

            @Override
            public void onFinished(AgentResult result) {
                events.add("finished");
            }
        };
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(travel).build();

        Throwable thrown = catchThrowable(() -> agent.stream("Weather in Seoul?", handler));

        assertThat(thrown).isExactlyInstanceOf(ModelConnectionException.class).hasMessageContaining("broke off");
        assertThat(events).containsExactly("text Checking.");
        assertThat(travel.calls).isEmpty();
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void streamCutMidEventDeliversNoPartialDelta() throws Exception {
        String partial = text("and this one is cut");
        try (LoopbackServer loopback = new LoopbackServer(out -> {
            LoopbackServer.head(out, 200, "text/event-stream");
            LoopbackServer.write(out, eventsWithoutDone(text("Hello"), text(", world")));
            LoopbackServer.write(out, "data: " + partial.substring(0, partial.length() / 2));
        })) {
            OpenAiChatModel model = ChatServer.model(server).baseUrl(loopback.baseUrl()).build();
            Throwable thrown = catchThrowable(() -> model.stream(HELLO, deltas::add, new Cancellation()));
            assertThat(thrown).isExactlyInstanceOf(ModelConnectionException.class);
            assertThat(deltas).containsExactly("Hello", ", world");
            assertThat(loopback.requests()).hasSize(1);
        }
    }

    @Test
    void streamStallingPastTheReadTimeoutIsAModelTimeoutExceptionNotAHang() throws Exception {
        LoopbackServer[] holder = new LoopbackServer[1];
        try (LoopbackServer loopback = new LoopbackServer(out -> {
            LoopbackServer.head(out, 200, "text/event-stream");
            LoopbackServer.write(out, eventsWithoutDone(text("One"), text(" two")));
            holder[0].awaitClose();
        })) {
            holder[0] = loopback;
            OpenAiChatModel model = ChatServer.model(server).baseUrl(loopback.baseUrl())
                    .readTimeout(Duration.ofMillis(300)).build();
            // the server stalls until it is closed (60 s at most): the exception says the read timeout ended it
            Throwable thrown = catchThrowable(() -> model.stream(HELLO, deltas::add, new Cancellation()));
            assertThat(thrown).isExactlyInstanceOf(ModelTimeoutException.class)
                    .hasMessageContaining("stalled longer than the read timeout (300 ms)")
                    .hasMessageContaining("after 2 chunk(s)");
            assertThat(deltas).containsExactly("One", " two");
            assertThat(loopback.requests()).hasSize(1);
        }
    }

    @Test
    void streamOutlivingTheWholeCallTimeoutIsAModelTimeoutExceptionNamingIt() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            body.append("data: ").append(text("t" + i)).append("\n\n");
        }
        body.append("data: ").append(finish("stop")).append("\n\n").append(Sse.DONE);
        // each piece arrives well within the read timeout, the whole stream would take 5 s; the message and the
        // deltas cut short show that the whole-call timeout ended it, without timing the test
        script(server, Sse.stream(body.toString()).withChunkedDribbleDelay(10, 5000));
        Throwable thrown = catchThrowable(() -> ChatServer.model(server).readTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofMillis(1500)).build().stream(HELLO, deltas::add, new Cancellation()));
        assertThat(thrown).isExactlyInstanceOf(ModelTimeoutException.class)
                .hasMessageContaining("did not finish within the whole-call timeout (1500 ms) after ")
                .hasMessageContaining("chunk(s)");
        assertThat(deltas).isNotEmpty().hasSizeLessThan(10);
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void malformedChunkMidStreamIsAClearExceptionAndStopsDelivery() {
        Throwable thrown = streamFailure("data: " + text("before") + "\n\ndata: {\"choices\":[{\"delta\":\n\n"
                + "data: " + text("after") + "\n\n" + Sse.DONE);
        assertThat(thrown).isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("chunk 2 is not JSON").hasMessageContaining("after 1 chunk(s)");
        assertThat(deltas).containsExactly("before");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void errorEventMidStreamIsReportedWithTheServersMessage() {
        Throwable thrown = streamFailure(eventsWithoutDone(text("Par"),
                "{\"error\":{\"message\":\"The server had an error while processing your request.\","
                        + "\"type\":\"server_error\"}}"));
        // typed by its content, as the HTTP error it stands for: a server_error is a ServerException
        assertThat(thrown).isExactlyInstanceOf(io.agent4j.errors.ServerException.class)
                .hasMessageContaining("The server had an error while processing your request.");
        assertThat(deltas).containsExactly("Par");
    }

    @Test
    void streamWhoseToolCallNeverNamesItsFunctionKeepsTheCallWithAnEmptyName() {
        // the loop tells the model there is no tool named '' (AnswerShapeTest), as for a whole response
        ChatResponse response = stream(events(toolDelta(0, "call_1", null, "{}"), finish("tool_calls")));
        assertThat(response.message().toolCalls()).containsExactly(new ToolCall("call_1", "", "{}"));
    }

    @Test
    void errorStatusBeforeTheStreamStartsIsRetriedAndTheTextArrivesOnce() {
        script(server, aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"overloaded\"}}"),
                Sse.stream(events(text("Hello"), text(" again"), finish("stop"), usage(3, 2, 5))));
        ChatResponse response = ChatServer.model(server).build().stream(HELLO, deltas::add, new Cancellation());
        assertThat(deltas).containsExactly("Hello", " again");
        assertThat(response.message().content()).isEqualTo("Hello again");
        assertThat(response.usage()).isEqualTo(Usage.of(3, 2));
        assertThat(requests(server)).hasSize(2);
    }

    @Test
    void connectionResetBeforeTheStreamStartsIsRetried() {
        script(server, aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER),
                Sse.stream(events(text("Hello"), finish("stop"))));
        ChatResponse response = ChatServer.model(server).build().stream(HELLO, deltas::add, new Cancellation());
        assertThat(deltas).containsExactly("Hello");
        assertThat(response.message().content()).isEqualTo("Hello");
        assertThat(requests(server)).hasSize(2);
    }

    @Test
    void streamThatBreaksBeforeItsFirstEventIsRetried() throws Exception {
        // docs/models.md: a stream is retried only if it fails before its first event
        try (LoopbackServer loopback = new LoopbackServer(out -> {
            LoopbackServer.head(out, 200, "text/event-stream");
            // the connection closes before any event
        }, out -> {
            LoopbackServer.head(out, 200, "text/event-stream");
            LoopbackServer.write(out, events(text("Hello"), finish("stop"), usage(1, 1, 2)));
        })) {
            List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
            ChatResponse response = ChatServer.model(server).baseUrl(loopback.baseUrl()).sleeper(waits::add).build()
                    .stream(HELLO, deltas::add, new Cancellation());
            assertThat(deltas).containsExactly("Hello");
            assertThat(response.message().content()).isEqualTo("Hello");
            assertThat(response.usage()).isEqualTo(Usage.of(1, 1));
            assertThat(loopback.requests()).hasSize(2);
            assertThat(waits).hasSize(1);
        }
    }

    @Test
    void streamThatBreaksAfterItsFirstEventIsNotRetried() throws Exception {
        try (LoopbackServer loopback = new LoopbackServer(out -> {
            LoopbackServer.head(out, 200, "text/event-stream");
            LoopbackServer.write(out, eventsWithoutDone(Sse.chunk("{\"role\":\"assistant\",\"content\":\"\"}", null)));
        }, out -> {
            LoopbackServer.head(out, 200, "text/event-stream");
            LoopbackServer.write(out, events(text("Hello"), finish("stop")));
        })) {
            OpenAiChatModel model = ChatServer.model(server).baseUrl(loopback.baseUrl()).build();
            assertThat(catchThrowable(() -> model.stream(HELLO, deltas::add, new Cancellation())))
                    .isExactlyInstanceOf(ModelConnectionException.class).hasMessageContaining("after 1 chunk(s)");
            assertThat(loopback.requests()).hasSize(1);
            assertThat(deltas).isEmpty();
        }
    }

    // ---------------------------------------------------------------- tool-call deltas at every boundary

    @Test
    void argumentsSplitIntoOneCharacterDeltasAreAssembledExactly() {
        String first = "{\"city\": \"서울 / Zürich\", \"unit\": \"CELSIUS\", \"note\": \"say \\\"hi\\\" \\\\ bye\"}";
        String second = "{\"city\":\"Oslo\"}";
        List<String> chunks = new ArrayList<>();
        chunks.add(toolDelta(0, "call_A", "weather", ""));
        for (int i = 0; i < first.length(); i++) {
            chunks.add(toolDelta(0, null, null, first.substring(i, i + 1)));
        }
        chunks.add(toolDelta(1, "call_B", "localTime", ""));
        for (int i = 0; i < second.length(); i++) {
            chunks.add(toolDelta(1, null, null, second.substring(i, i + 1)));
        }
        chunks.add(finish("tool_calls"));
        chunks.add(usage(20, 30, 50));

        ChatResponse response = stream(events(chunks.toArray(String[]::new)));

        assertThat(response.message().toolCalls()).containsExactly(new ToolCall("call_A", "weather", first),
                new ToolCall("call_B", "localTime", second));
        assertThat(response.message().content()).isNull();
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.usage()).isEqualTo(Usage.of(20, 30));
        assertThat(deltas).isEmpty();
    }

    @Test
    void interleavedDeltasOfTwoCallsAreJoinedByIndex() {
        ChatResponse response = stream(events(toolDelta(0, "call_A", "weather", "{\"ci"),
                toolDelta(1, "call_B", "localTime", "{\"ci"), toolDelta(0, null, null, "ty\":\"Seoul\"}"),
                toolDelta(1, null, null, "ty\":\"Oslo\"}"), finish("tool_calls")));
        assertThat(response.message().toolCalls()).containsExactly(
                new ToolCall("call_A", "weather", "{\"city\":\"Seoul\"}"),
                new ToolCall("call_B", "localTime", "{\"city\":\"Oslo\"}"));
    }

    @Test
    void continuationDeltasWithEmptyIdAndEmptyNameAreJoined() {
        // seen from compatible servers: every delta repeats the fields, empty after the first
        ChatResponse response = stream(events(toolDelta(0, "call_1", "weather", "{\"city\""),
                toolDelta(0, "", "", ":\"Seoul\""), toolDelta(0, "", "", "}"),
                toolDelta(1, "call_2", "localTime", ""), toolDelta(1, "", "", "{\"city\":\"Seoul\"}"),
                finish("tool_calls")));
        assertThat(response.message().toolCalls()).containsExactly(
                new ToolCall("call_1", "weather", "{\"city\":\"Seoul\"}"),
                new ToolCall("call_2", "localTime", "{\"city\":\"Seoul\"}"));
    }

    @Test
    void repeatedIdAndNameOnContinuationDeltasAreNotDuplicated() {
        ChatResponse response = stream(events(toolDelta(0, "call_1", "weather", "{\"city\""),
                toolDelta(0, "call_1", "weather", ":\"Seoul\"}"), finish("tool_calls")));
        assertThat(response.message().toolCalls()).containsExactly(
                new ToolCall("call_1", "weather", "{\"city\":\"Seoul\"}"));
    }

    @Test
    void deltasWithoutIndexAreJoinedByIdAndOrder() {
        // no index at all: a new id starts a new call, deltas without id continue the last one
        ChatResponse response = stream(events(toolDelta(null, "call_1", "weather", "{\"city\""),
                toolDelta(null, null, null, ":\"Seoul\"}"), toolDelta(null, "call_2", "localTime", "{\"city\""),
                toolDelta(null, "call_2", null, ":\"Oslo\"}"), finish("tool_calls")));
        assertThat(response.message().toolCalls()).containsExactly(
                new ToolCall("call_1", "weather", "{\"city\":\"Seoul\"}"),
                new ToolCall("call_2", "localTime", "{\"city\":\"Oslo\"}"));
    }

    @Test
    void toolCallWithoutIdAndWithoutIndexGetsAnIdMadeUp() {
        ChatResponse response = stream(events(toolDelta(null, null, "localTime", "{\"city\":\"Oslo\"}"),
                finish("tool_calls")));
        ToolCall call = response.message().toolCalls().get(0);
        assertThat(call.id()).startsWith("call_").hasSizeGreaterThan(10);
        assertThat(call.name()).isEqualTo("localTime");
        assertThat(call.arguments()).isEqualTo("{\"city\":\"Oslo\"}");
    }

    @Test
    void argumentsSentAsAJsonObjectInADeltaAreReadAsTheirJsonText() {
        ChatResponse response = stream(events(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"weather\",\"arguments\":{\"city\":\"Seoul\",\"unit\":\"CELSIUS\"}}}]}", null),
                finish("tool_calls")));
        assertThat(response.message().toolCalls()).containsExactly(
                new ToolCall("call_1", "weather", "{\"city\":\"Seoul\",\"unit\":\"CELSIUS\"}"));
    }

    @Test
    void emptyContentBesideToolCallsIsNoContentAndNoDelta() {
        ChatResponse response = stream(events(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                chunk("{\"content\":\"\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"localTime\",\"arguments\":\"{}\"}}]}", null), finish("tool_calls")));
        assertThat(response.message().content()).isNull();
        assertThat(response.message().toolCalls()).hasSize(1);
        assertThat(deltas).isEmpty();
    }

    @Test
    void textAndToolCallsInOneStreamAreBothKept() {
        ChatResponse response = stream(events(text("Let me "), text("check."),
                toolDelta(0, "call_1", "localTime", "{\"city\":\"Oslo\"}"), finish("tool_calls")));
        assertThat(deltas).containsExactly("Let me ", "check.");
        assertThat(response.message().content()).isEqualTo("Let me check.");
        assertThat(response.message().toolCalls()).hasSize(1);
    }

    // ---------------------------------------------------------------- chunks of other shapes

    @Test
    void usageChunkLastWithEmptyChoicesIsRead() {
        ChatResponse response = stream(events(text("Hi"), finish("stop"), usage(11, 1, 12)));
        assertThat(response.usage()).isEqualTo(Usage.of(11, 1));
        assertThat(response.message().content()).isEqualTo("Hi");
    }

    @Test
    void absentUsageIsUnknown() {
        ChatResponse response = stream(events(text("Hi"), finish("stop")));
        assertThat(response.usage()).isEqualTo(Usage.UNKNOWN);
    }

    @Test
    void chunksWithEmptyChoicesOrNoDeltaAreSkipped() {
        ChatResponse response = stream(events("{\"id\":\"\",\"object\":\"\",\"model\":\"\",\"choices\":[]}",
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"finish_reason\":null,\"content_filter_results\":{}}]}",
                text("Hello"), "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":null}]}", text(" there"),
                "{\"id\":\"x\"}", finish("stop")));
        assertThat(response.message().content()).isEqualTo("Hello there");
        assertThat(deltas).containsExactly("Hello", " there");
        assertThat(response.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    }

    @Test
    void contentAsAnArrayOfTextPartsIsJoined() {
        // some gateways (and Mistral's reasoning models) send content as parts; thinking parts carry no text
        script(server, ChatServer.json("{\"model\":\"m\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
                + "\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hello \"},"
                + "{\"type\":\"text\",\"text\":\"world\"}]}}]}"));
        ChatResponse response = ChatServer.model(server).build().chat(HELLO);
        assertThat(response.message().content()).isEqualTo("Hello world");
    }

    @Test
    void streamedContentAsAnArrayOfPartsIsJoinedAndDelivered() {
        ChatResponse response = stream(events(
                chunk("{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\","
                        + "\"text\":\"hmm\"}]}]}", null),
                chunk("{\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]}", null),
                chunk("{\"content\":[{\"type\":\"text\",\"text\":\" world\"},{\"type\":\"text\",\"text\":\"!\"}]}", null),
                finish("stop")));
        assertThat(deltas).containsExactly("Hello", " world!");
        assertThat(response.message().content()).isEqualTo("Hello world!");
    }

    @Test
    void otherChoicesOfAStreamAreIgnoredEvenWithToolCalls() {
        String otherChoice = "{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other\",\"tool_calls\":[{\"index\":0,"
                + "\"id\":\"call_X\",\"function\":{\"name\":\"explode\",\"arguments\":\"{}\"}}]}}]}";
        ChatResponse response = stream(events(text("mine"), otherChoice, finish("stop")));
        assertThat(response.message().content()).isEqualTo("mine");
        assertThat(response.message().toolCalls()).isEmpty();
        assertThat(deltas).containsExactly("mine");
    }

    @ParameterizedTest(name = "finish_reason {0} -> {1}")
    @CsvSource({"stop, STOP", "eos, STOP", "end_turn, STOP", "length, LENGTH", "max_tokens, LENGTH",
            "tool_calls, TOOL_CALLS", "tool_use, TOOL_CALLS", "function_call, TOOL_CALLS",
            "content_filter, CONTENT_FILTER", "something_new, OTHER"})
    void finishReasonsOfCompatibleServersAreMapped(String wire, FinishReason expected) {
        ChatResponse response = stream(events(text("x"), finish(wire)));
        assertThat(response.finishReason()).isEqualTo(expected);
    }

    @Test
    void toolCallsWithFinishReasonStopAreStillToolCalls() {
        ChatResponse response = stream(events(toolDelta(0, "call_1", "localTime", "{\"city\":\"Oslo\"}"),
                finish("stop")));
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.message().hasToolCalls()).isTrue();
    }

    @Test
    void finishReasonWithoutDoneIsComplete() {
        ChatResponse response = stream(eventsWithoutDone(text("Done"), finish("stop")));
        assertThat(response.message().content()).isEqualTo("Done");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void doneWithoutFinishReasonIsComplete() {
        ChatResponse response = stream(events(text("Done")));
        assertThat(response.message().content()).isEqualTo("Done");
        assertThat(response.finishReason()).isEqualTo(FinishReason.OTHER);
    }

    @Test
    void anythingAfterDoneIsIgnored() {
        ChatResponse response = stream(events(text("Done"), finish("stop")) + "data: " + text("late") + "\n\n"
                + "data: {broken\n\n");
        assertThat(response.message().content()).isEqualTo("Done");
        assertThat(deltas).containsExactly("Done");
    }

    @Test
    void commentsEventNamesAndCrlfLineEndingsAreTolerated() {
        String body = ": OPENROUTER PROCESSING\r\n\r\n" + "event: message\r\ndata: " + text("Hel") + "\r\n\r\n"
                + "data:" + text("lo") + "\r\n\r\n" + ": keep-alive\n\n" + "data: " + finish("stop") + "\r\n\r\n"
                + "data: [DONE]\r\n\r\n";
        ChatResponse response = stream(body);
        assertThat(response.message().content()).isEqualTo("Hello");
        assertThat(deltas).containsExactly("Hel", "lo");
    }

    @Test
    void jsonAnswerToAStreamRequestIsParsedAndDeliveredOnce() {
        script(server, ChatServer.fixture("openai/recorded/tool-calls-followup-answer.json"));
        ChatResponse response = ChatServer.model(server).build().stream(HELLO, deltas::add, new Cancellation());
        assertThat(response.message().content()).startsWith("Today, the weather in Seattle is 50 degrees");
        assertThat(deltas).containsExactly(response.message().content());
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(requests(server).get(0).path("stream").asBoolean()).isTrue();
    }

    @Test
    void jsonAnswerWithToolCallsToAStreamRequestIsParsed() {
        script(server, ChatServer.fixture("openai/recorded/tool-calls-parallel.json"));
        ChatResponse response = ChatServer.model(server).build().stream(HELLO, deltas::add, new Cancellation());
        assertThat(response.message().toolCalls()).hasSize(2);
        assertThat(response.usage()).isEqualTo(Usage.of(75, 51));
        assertThat(deltas).isEmpty();
    }

    // ---------------------------------------------------------------- fields in any order, unknown fields

    @Test
    void indexAfterTheDeltaStillDecidesTheChoiceAndTheCall() {
        // JSON objects are unordered: a server may write the index last, in a choice and in a call delta
        String first = "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":\"{\\\"ci\",\"name\":\"weather\"},"
                + "\"type\":\"function\",\"id\":\"call_A\",\"index\":0},{\"id\":\"call_B\",\"function\":{\"name\":"
                + "\"localTime\",\"arguments\":\"{}\"},\"index\":1}]},\"index\":0},"
                + "{\"delta\":{\"content\":\"the other choice\"},\"index\":1}]}";
        String second = "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":\"ty\\\":\\\"Seoul\\\"}\"},"
                + "\"index\":0}]},\"finish_reason\":\"tool_calls\",\"index\":0},"
                + "{\"finish_reason\":\"stop\",\"index\":1}]}";
        ChatResponse response = stream(events(first, second));
        assertThat(response.message().toolCalls()).containsExactly(
                new ToolCall("call_A", "weather", "{\"city\":\"Seoul\"}"), new ToolCall("call_B", "localTime", "{}"));
        assertThat(response.choices()).hasSize(2);
        assertThat(response.choices().get(1).message().content()).isEqualTo("the other choice");
        assertThat(deltas).isEmpty();
    }

    @Test
    void errorKeyAfterTheChunksOtherFieldsIsAnErrorEventThatDeliversNothingOfIt() {
        Throwable thrown = streamFailure(eventsWithoutDone(text("Par"), "{\"id\":\"chatcmpl-x\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"is\"}}],\"error\":{\"message\":\"The server had an error while processing "
                + "your request.\",\"type\":\"server_error\"}}"));
        assertThat(thrown).isExactlyInstanceOf(io.agent4j.errors.ServerException.class)
                .hasMessageContaining("The server had an error while processing your request.")
                .hasMessageContaining("after 1 chunk(s)");
        assertThat(deltas).containsExactly("Par");
    }

    @Test
    void chunkBrokenAfterItsTextDeliversNoneOfItAndKeepsWhatCameBefore() {
        // the text of the broken chunk was parsed before the break: it is not forwarded
        Throwable thrown = streamFailure("data: " + text("before") + "\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"half\"}}],\"id\":\n\n"
                + "data: " + text("after") + "\n\n" + Sse.DONE);
        assertThat(thrown).isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("chunk 2 is not JSON").hasMessageContaining("after 1 chunk(s)");
        assertThat(deltas).containsExactly("before");
    }

    @Test
    void chunkWithMoreAfterItsObjectIsNotJson() {
        Throwable thrown = streamFailure(events(text("Hi"), text(" there") + " {\"choices\":[]}", finish("stop")));
        assertThat(thrown).isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("chunk 2 is not JSON").hasMessageContaining("after 1 chunk(s)");
        assertThat(deltas).containsExactly("Hi");
    }

    @Test
    void chunkThatIsNotAnObjectIsNamedByItsNumber() {
        Throwable thrown = streamFailure(events(text("Hi"), "[\"Hi\"]", finish("stop")));
        assertThat(thrown).isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("chunk 2 is not a JSON object").hasMessageContaining("after 1 chunk(s)");
        assertThat(deltas).containsExactly("Hi");
    }

    @Test
    void unknownFieldsHoldingObjectsAndArraysAreSkippedAtEveryLevel() {
        // each unknown field holds what the assembler would take, were it read as the chunk's own
        String decoy = "{\"content\":\"no\",\"index\":3,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"no\"}}],"
                + "\"name\":\"no\",\"arguments\":\"no\",\"tool_calls\":[{\"index\":0}],\"error\":{}}";
        String chunk = "{\"x_meta\":" + decoy + ",\"x_list\":[" + decoy + ",[1,[2]]],\"choices\":[{\"index\":0,"
                + "\"content_filter_results\":" + decoy + ",\"delta\":{\"audio\":" + decoy + ",\"annotations\":[" + decoy
                + "],\"content\":\"Hello\",\"tool_calls\":[{\"index\":0,\"extra\":[" + decoy + "],\"id\":\"call_1\","
                + "\"type\":\"function\",\"function\":{\"meta\":" + decoy + ",\"name\":\"localTime\",\"arguments\":"
                + "\"{}\",\"more\":[" + decoy + "]}}]}}],\"model\":\"m\",\"x_after\":" + decoy + "}";
        ChatResponse response = stream(events(chunk, finish("tool_calls")));
        assertThat(deltas).containsExactly("Hello");
        assertThat(response.message().content()).isEqualTo("Hello");
        assertThat(response.message().toolCalls()).containsExactly(new ToolCall("call_1", "localTime", "{}"));
        assertThat(response.choices()).hasSize(1);
        assertThat(response.model()).isEqualTo("m");
    }

    @Test
    void aCustomToolCallWhoseTypeComesAfterItsObjectIsTheSameClearError() {
        Throwable thrown = streamFailure(events(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
                + "\"custom\":{\"input\":\"print(1)\",\"name\":\"code_exec\"},\"type\":\"custom\"}]}", null),
                finish("tool_calls")));
        assertThat(thrown).isInstanceOf(ModelConnectionException.class).hasMessageContaining("custom tool 'code_exec'");
    }

    @Test
    void usageIsReadFromItsChunkWithItsDetailsAndNullUsageElsewhereChangesNothing() {
        // with include_usage OpenAI writes "usage": null in every other chunk
        String usage = "{\"id\":\"x\",\"choices\":[],\"usage\":{\"prompt_tokens_details\":{\"cached_tokens\":4},"
                + "\"prompt_tokens\":11,\"completion_tokens\":2,\"total_tokens\":13}}";
        ChatResponse response = stream(events(text("Hi").replace("{\"id\"", "{\"usage\":null,\"id\""), finish("stop"),
                usage, "{\"id\":\"x\",\"choices\":[],\"usage\":null}"));
        assertThat(response.usage().promptTokens()).isEqualTo(11);
        assertThat(response.usage().completionTokens()).isEqualTo(2);
        assertThat(response.usage().cachedPromptTokens()).isEqualTo(4);
    }

    // ---------------------------------------------------------------- transport: every byte boundary

    @Test
    void recordedStreamWrittenOneByteAtATimeIsAssembledExactly() throws Exception {
        byte[] body = resource("openai/recorded/stream-parallel-tool-calls.sse").getBytes(StandardCharsets.UTF_8);
        try (LoopbackServer loopback = new LoopbackServer(out -> {
            LoopbackServer.head(out, 200, "text/event-stream; charset=utf-8");
            for (byte b : body) {
                out.write(b);
                out.flush();
            }
        })) {
            ChatResponse response = ChatServer.model(server).baseUrl(loopback.baseUrl()).build()
                    .stream(HELLO, deltas::add, new Cancellation());
            assertThat(response.message().toolCalls()).containsExactly(
                    new ToolCall("call_fHCjJqt9Pysde6vcJcvbXGBx", "get_current_weather",
                            "{\"location\": \"Seattle, WA\"}"),
                    new ToolCall("call_3J9foSw3CUb48lrqIXoTky6U", "get_current_weather",
                            "{\"location\": \"San Francisco, CA\"}"));
            assertThat(response.usage()).isEqualTo(Usage.of(75, 51));
        }
    }

    @Test
    void multiByteCharactersSplitAcrossWritesArriveWhole() throws Exception {
        String[] pieces = {"서울의 ", "날씨는 ", "맑음 ☀️", " — 21 °C"};
        List<String> chunks = new ArrayList<>();
        for (String piece : pieces) {
            chunks.add(text(piece));
        }
        chunks.add(finish("stop"));
        byte[] body = events(chunks.toArray(String[]::new)).getBytes(StandardCharsets.UTF_8);
        try (LoopbackServer loopback = new LoopbackServer(out -> {
            LoopbackServer.head(out, 200, "text/event-stream");
            for (byte b : body) {
                out.write(b);
                out.flush();
            }
        })) {
            ChatResponse response = ChatServer.model(server).baseUrl(loopback.baseUrl()).build()
                    .stream(HELLO, deltas::add, new Cancellation());
            assertThat(deltas).containsExactly(pieces);
            assertThat(response.message().content()).isEqualTo(String.join("", pieces));
        }
    }
}
