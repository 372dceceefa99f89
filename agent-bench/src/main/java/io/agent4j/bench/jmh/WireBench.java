package io.agent4j.bench.jmh;

import io.agent4j.bench.scenario.TravelTools;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.internal.ChatJson;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.openai.internal.StreamAssembler;
import io.agent4j.tool.Toolbox;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * two parallel tool calls, and a recorded stream of them. Each agent4j path has a floor beside it,
 * what a hand-written client does with the same bytes using Jackson trees.
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
    private ChatRequest request;
    private JsonNode floorBody;
    private String response;
    private byte[] responseBytes;
    private List<String> stream;

    @Setup
    public void setUp() {
        model = OpenAiChatModel.builder().apiKey("sk-bench").baseUrl("http://127.0.0.1:9/v1")
                .model("gpt-4o-mini").build();
        request = new ChatRequest(Fixtures.conversation(), Toolbox.of(new TravelTools()).definitions());
        floorBody = FLOOR.readTree(model.requestBody(request, false).toString());
        response = Fixtures.resource("tool-calls-parallel.json");
        responseBytes = response.getBytes(StandardCharsets.UTF_8);
        stream = Fixtures.sseData("stream-parallel-tool-calls.sse");
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

    /** A recorded response as OpenAiChatModel reads it: tree, assistant message, usage, finish reason. */
    @Benchmark
    public ChatResponse responseParse() {
        JsonNode root = ChatJson.MAPPER.readTree(response);
        JsonNode choice = root.path("choices").get(0);
        return new ChatResponse(ChatJson.readAssistant(choice.path("message")),
                FinishReason.fromWire(ChatJson.text(choice.get("finish_reason"))),
                ChatJson.readUsage(root.get("usage")), ChatJson.text(root.get("model")));
    }

    /** Floor: the response bytes to a tree. */
    @Benchmark
    public JsonNode responseFloor() {
        return FLOOR.readTree(responseBytes);
    }

    /** A recorded stream of two parallel tool calls (the data of each event) assembled into one response. */
    @Benchmark
    public ChatResponse sseAssemble() {
        StreamAssembler assembler = new StreamAssembler(text -> { });
        for (String data : stream) {
            assembler.accept(data);
        }
        return assembler.response();
    }
}
