package io.agent4j.bench.jmh;

import io.agent4j.bench.scenario.TravelTools;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.StreamListener;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.tool.Toolbox;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
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
 * two parallel tool calls, and a recorded stream of them, answered from memory by an OkHttp
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

    private OpenAiChatModel model;
    private OpenAiChatModel answering;
    private OpenAiChatModel streaming;
    private ChatRequest request;
    private JsonNode floorBody;
    private byte[] responseBytes;

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
}
