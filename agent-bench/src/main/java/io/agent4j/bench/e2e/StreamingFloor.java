package io.agent4j.bench.e2e;

import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.StreamingRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The streaming floor: the streamed answers as a hand-written okhttp-sse + Jackson client with no
 * framework, on the OkHttp client it is given. It reads the events on the calling thread
 * ({@link EventSources#processResponse}), parses each with {@code readTree}, hands each text delta
 * to the caller and joins tool-call deltas by {@code index}; the tools are called directly. It
 * sends the bodies agent4j sends ({@code stream}, {@code stream_options.include_usage}).
 */
final class StreamingFloor implements StreamingRunner {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final OkHttpClient http;
    private final HttpUrl scenarioUrl;
    private final HttpUrl longUrl;
    private final JsonNode tools;

    /** One streamed assistant message, assembled. */
    private static final class Message {
        final StringBuilder text = new StringBuilder();
        final List<String[]> calls = new ArrayList<>();
        final List<StringBuilder> arguments = new ArrayList<>();
    }

    /**
     * @param baseUrl the stub's base URL, {@code http://127.0.0.1:PORT/v1}; the long answer is at
     *     {@code /long/v1} of the same server
     */
    StreamingFloor(String baseUrl, OkHttpClient http) {
        this.http = http;
        this.scenarioUrl = HttpUrl.get(baseUrl + "/chat/completions");
        this.longUrl = HttpUrl.get(StreamingRunner.longBaseUrl(baseUrl) + "/chat/completions");
        this.tools = JSON.readTree(FloorRunner.TOOLS);
    }

    /** The long answer: one streamed request without tools; returns the whole text. */
    @Override
    public String streamLong(Consumer<String> onText) {
        ObjectNode body = FloorRunner.body(Scenario.LONG_PROMPT);
        streamOptions(body);
        return stream(longUrl, body, onText).text.toString();
    }

    /** The scenario streamed: the tool calls as deltas, the tools, then the answer; returns the answer. */
    @Override
    public String streamScenario(Consumer<String> onText) {
        ObjectNode body = FloorRunner.body(Scenario.PROMPT);
        ArrayNode messages = (ArrayNode) body.get("messages");
        body.set("tools", tools);
        streamOptions(body);
        for (int step = 0; step < 4; step++) {
            Message message = stream(scenarioUrl, body, onText);
            if (message.calls.isEmpty()) {
                return message.text.toString();
            }
            ObjectNode assistant = messages.addObject().put("role", "assistant");
            ArrayNode calls = assistant.putArray("tool_calls");
            for (int i = 0; i < message.calls.size(); i++) {
                String[] call = message.calls.get(i);
                ObjectNode function = calls.addObject().put("id", call[0]).put("type", "function")
                        .putObject("function");
                function.put("name", call[1]).put("arguments", message.arguments.get(i).toString());
            }
            for (int i = 0; i < message.calls.size(); i++) {
                String[] call = message.calls.get(i);
                messages.addObject().put("role", "tool").put("tool_call_id", call[0])
                        .put("content", FloorRunner.callTool(call[1], message.arguments.get(i).toString()));
            }
        }
        throw new IllegalStateException("still calling tools after 4 steps");
    }

    private static void streamOptions(ObjectNode body) {
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
    }

    private Message stream(HttpUrl url, JsonNode body, Consumer<String> onText) {
        Request request = new Request.Builder().url(url)
                .header("Authorization", "Bearer sk-bench")
                .header("Accept", "text/event-stream")
                .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE))
                .build();
        Message message = new Message();
        Throwable[] failure = new Throwable[1];
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException("HTTP " + response.code());
            }
            EventSources.processResponse(response, new EventSourceListener() {
                @Override
                public void onEvent(EventSource source, String id, String type, String data) {
                    if (!data.equals("[DONE]")) {
                        accept(JSON.readTree(data), message, onText);
                    }
                }

                @Override
                public void onFailure(EventSource source, Throwable t, Response failed) {
                    failure[0] = t == null ? new IOException("the stream failed") : t;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (failure[0] != null) {
            throw new IllegalStateException("the stream failed", failure[0]);
        }
        return message;
    }

    private static void accept(JsonNode chunk, Message message, Consumer<String> onText) {
        JsonNode delta = chunk.path("choices").path(0).path("delta");
        JsonNode content = delta.path("content");
        if (content.isString() && !content.stringValue().isEmpty()) {
            message.text.append(content.stringValue());
            onText.accept(content.stringValue());
        }
        for (JsonNode call : delta.path("tool_calls")) {
            int index = call.path("index").asInt();
            if (index == message.calls.size()) {
                message.calls.add(new String[] {call.path("id").asString(),
                    call.path("function").path("name").asString()});
                message.arguments.add(new StringBuilder());
            }
            message.arguments.get(index).append(call.path("function").path("arguments").asString());
        }
    }
}
