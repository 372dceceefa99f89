package io.agent4j.bench.jmh;

import io.agent4j.bench.e2e.StubStreams;
import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.TravelTools;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.StreamListener;
import io.agent4j.chat.UserMessage;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.tool.Toolbox;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire: a request body for a 20-message conversation with two tools, a recorded response with
 * two parallel tool calls, a recorded stream of them, and the long streamed answer of the
 * {@code streaming} command, answered from memory by an OkHttp
 * interceptor so that no socket is measured. Each agent4j path has a floor beside it, what a
 * hand-written client does with the same bytes using Jackson trees.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WireBench {

    private static final JsonMapper FLOOR = JsonMapper.builder().build();
    private static final MediaType EVENT_STREAM = MediaType.get("text/event-stream");

    private OpenAiChatModel model;
    private OpenAiChatModel answering;
    private OpenAiChatModel streaming;
    private ChatRequest request;
    private JsonNode floorBody;
    private byte[] responseBytes;
    private OpenAiChatModel streamingLong;
    private ChatRequest longRequest;
    private byte[] longEvents;
    private Request floorRequest;

    @Setup
    public void setUp() {
        model = OpenAiChatModel.builder().apiKey("sk-bench").baseUrl("http://127.0.0.1:9/v1")
                .model("gpt-4o-mini").build();
        request = new ChatRequest(Fixtures.conversation(), Toolbox.of(new TravelTools()).definitions());
        floorBody = FLOOR.readTree(model.requestBody(request, false).toString());
        responseBytes = Fixtures.resource("tool-calls-parallel.json").getBytes(StandardCharsets.UTF_8);
        answering = answeredFromMemory(responseBytes, "application/json");
        streaming = answeredFromMemory(Fixtures.resource("stream-parallel-tool-calls.sse")
                .getBytes(StandardCharsets.UTF_8), "text/event-stream");
        longEvents = StubStreams.longAnswerEvents();
        streamingLong = answeredFromMemory(longEvents, "text/event-stream");
        longRequest = new ChatRequest(List.of(new UserMessage(Scenario.LONG_PROMPT)), List.of());
        floorRequest = new Request.Builder().url("http://127.0.0.1:9/v1/chat/completions").build();
    }

    /** A model whose every call is answered with {@code body} by an interceptor, without a connection. */
    private static OpenAiChatModel answeredFromMemory(byte[] body, String type) {
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> new Response.Builder()
                .request(chain.request()).protocol(Protocol.HTTP_1_1).code(200).message("OK")
                .body(ResponseBody.create(body, MediaType.get(type))).build()).build();
        return OpenAiChatModel.builder().apiKey("sk-bench").baseUrl("http://127.0.0.1:9/v1").model("gpt-4o-mini")
                .httpClient(http).maxRetries(0).build();
    }

    /** The request as a JSON tree: options merged, messages and tools converted. */
    @Benchmark
    public ObjectNode requestTree() {
        return model.requestBody(request, false);
    }

    /** The request as OpenAiChatModel sends it: the tree, then its text. */
    @Benchmark
    public String requestText() {
        return model.requestBody(request, false).toString();
    }

    /** Floor: a client that keeps its conversation as a JSON tree only serialises it. */
    @Benchmark
    public byte[] requestFloor() {
        return FLOOR.writeValueAsBytes(floorBody);
    }

    /**
     * One call of {@code OpenAiChatModel.chat}, answered from memory with a recorded response:
     * the request written, OkHttp's interceptor chain, the response read into a {@code ChatResponse}.
     */
    @Benchmark
    public ChatResponse chatFromMemory() {
        return answering.chat(request);
    }

    /** Floor: the response bytes to a tree. */
    @Benchmark
    public JsonNode responseFloor() {
        return FLOOR.readTree(responseBytes);
    }

    /** The same for {@code stream}, answered with a recorded stream of two parallel tool calls (19 events). */
    @Benchmark
    public ChatResponse streamFromMemory() {
        return streaming.stream(request, StreamListener.NONE, Cancellation.NEVER);
    }

    /** The long streamed answer ({@value Scenario#LONG_CHUNKS} text chunks) through {@code stream}, from memory. */
    @Benchmark
    public ChatResponse streamLongFromMemory() {
        return streamingLong.stream(longRequest, StreamListener.NONE, Cancellation.NEVER);
    }

    /** Floor: the same events read by okhttp-sse, each parsed with {@code readTree}, the text joined. */
    @Benchmark
    public String streamLongFloor() {
        Response response = new Response.Builder().request(floorRequest).protocol(Protocol.HTTP_1_1).code(200)
                .message("OK").body(ResponseBody.create(longEvents, EVENT_STREAM)).build();
        StringBuilder text = new StringBuilder();
        EventSources.processResponse(response, new EventSourceListener() {
            @Override
            public void onEvent(EventSource source, String id, String type, String data) {
                if (!data.equals("[DONE]")) {
                    JsonNode content = FLOOR.readTree(data).path("choices").path(0).path("delta").path("content");
                    if (content.isString()) {
                        text.append(content.stringValue());
                    }
                }
            }
        });
        return text.toString();
    }
}
