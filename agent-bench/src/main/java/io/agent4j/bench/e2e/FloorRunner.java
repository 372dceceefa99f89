package io.agent4j.bench.e2e;

import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.ScenarioRunner;
import io.agent4j.bench.scenario.Travel;
import io.agent4j.bench.scenario.TravelTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The floor: the same scenario as a hand-written OkHttp + Jackson loop with no framework. The
 * request and the response are JSON trees, the tool definitions a fixed JSON text (the very
 * definitions agent4j generates for {@link TravelTools}, strict mode), and the tools are called
 * directly. It sends the same bytes agent4j sends, minus nothing but agent4j's {@code User-Agent}.
 */
public final class FloorRunner implements ScenarioRunner {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    /** agent4j's definitions of the two tools (strict), copied as text: a hand-written client would have this. */
    static final String TOOLS = """
            [{"type":"function","function":{"name":"packingList","description":"A packing list for a trip",\
            "parameters":{"type":"object","properties":{"trip":{"type":"object","properties":{"city":{"type":"string"},\
            "days":{"type":"integer"},"rain":{"type":"boolean"},"activities":{"type":"array","items":{"type":"string"}}},\
            "required":["city","days","rain","activities"],"additionalProperties":false,\
            "description":"The trip to pack for"}},"required":["trip"],"additionalProperties":false},"strict":true}},\
            {"type":"function","function":{"name":"weather","description":"Current weather for a city",\
            "parameters":{"type":"object","properties":{"city":{"type":"string","description":"City name, e.g. Seoul"},\
            "unit":{"type":"string","enum":["CELSIUS","FAHRENHEIT"],"description":"Temperature unit"}},\
            "required":["city","unit"],"additionalProperties":false},"strict":true}}]""";

    private final OkHttpClient http;
    private final HttpUrl url;
    private final JsonNode tools;

    /**
     * @param baseUrl the stub's base URL, {@code http://127.0.0.1:PORT/v1}
     * @param http the OkHttp client, or null for a default one
     */
    public FloorRunner(String baseUrl, OkHttpClient http) {
        this.http = http == null ? new OkHttpClient() : http;
        this.url = HttpUrl.get(baseUrl + "/chat/completions");
        this.tools = JSON.readTree(TOOLS);
    }

    @Override
    public String run() {
        ObjectNode body = firstRequest();
        for (int step = 0; step < 4; step++) {
            String answer = next(body, post(body));
            if (answer != null) {
                return answer;
            }
        }
        throw new IllegalStateException("still calling tools after 4 steps");
    }

    /** A request body of the model, the system message and the user's {@code prompt}. */
    static ObjectNode body(String prompt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", Scenario.MODEL);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", Scenario.INSTRUCTIONS);
        messages.addObject().put("role", "user").put("content", prompt);
        return body;
    }

    /** The request of step 1: the system message, the prompt and the tools. */
    ObjectNode firstRequest() {
        ObjectNode body = body(Scenario.PROMPT);
        body.set("tools", tools);
        return body;
    }

    /**
     * Reads a response to {@code body}: its text when it calls no tools, else null once its calls and
     * their results are appended to the messages of {@code body}, the request of the next step.
     */
    String next(ObjectNode body, byte[] response) {
        JsonNode message = JSON.readTree(response).path("choices").path(0).path("message");
        JsonNode calls = message.path("tool_calls");
        if (!calls.isArray() || calls.isEmpty()) {
            return message.path("content").asString();
        }
        ArrayNode messages = (ArrayNode) body.get("messages");
        ObjectNode assistant = messages.addObject().put("role", "assistant");
        assistant.set("tool_calls", calls);
        for (JsonNode call : calls) {
            JsonNode function = call.path("function");
            String result = callTool(function.path("name").asString(), function.path("arguments").asString());
            messages.addObject().put("role", "tool").put("tool_call_id", call.path("id").asString())
                    .put("content", result);
        }
        return null;
    }

    /** Calls the tool {@code name} directly, its arguments read with {@code readTree}/{@code treeToValue}. */
    static String callTool(String name, String arguments) {
        JsonNode args = JSON.readTree(arguments);
        return switch (name) {
            case "weather" -> JSON.writeValueAsString(Travel.weather(args.path("city").asString(),
                    Travel.Unit.valueOf(args.path("unit").asString())));
            case "packingList" -> Travel.packingList(JSON.treeToValue(args.path("trip"), Travel.Trip.class));
            default -> "Error: no tool named " + name;
        };
    }

    private byte[] post(JsonNode body) {
        try (Response response = http.newCall(request(body)).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException("HTTP " + response.code());
            }
            return response.body().bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP request that sends {@code body}. */
    Request request(JsonNode body) {
        return new Request.Builder().url(url)
                .header("Authorization", "Bearer sk-bench")
                .header("Accept", "application/json")
                .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE))
                .build();
    }

    @Override
    public String name() {
        return "floor";
    }

    /** Cold start: one run in a fresh JVM, the answer printed. Argument: the base URL. */
    public static void main(String[] args) {
        System.out.println(new FloorRunner(args[0], null).run());
        System.out.flush();
        System.exit(0);
    }
}
