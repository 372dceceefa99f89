package io.agent4j.opentelemetry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.agent4j.openai.OpenAiChatModel;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scripted Chat Completions server on loopback (the shape of agent-core's test helper of the
 * same name): responses are served in order, the last one repeating.
 */
final class ChatServer {

    static final String PATH = "/v1/chat/completions";
    static final String KEY = "sk-test-SECRET-0123456789abcdef";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChatServer() {
    }

    static WireMockExtension extension() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                .build();
    }

    static void script(WireMockExtension server, ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "step-" + i;
            server.stubFor(post(urlEqualTo(PATH)).inScenario("chat").whenScenarioStateIs(state)
                    .willReturn(responses[i])
                    .willSetStateTo(i + 1 < responses.length ? "step-" + (i + 1) : state));
        }
    }

    static OpenAiChatModel.Builder model(WireMockExtension server) {
        return OpenAiChatModel.builder().apiKey(KEY).baseUrl("http://127.0.0.1:" + server.getPort() + "/v1")
                .model("gpt-4o-mini").backoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder answer(String text) {
        ObjectNode root = completion();
        root.withArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("message")
                .put("role", "assistant").put("content", text);
        return json(root.toString());
    }

    /** One assistant message calling tools; each call is {id, name, arguments}. */
    static ResponseDefinitionBuilder toolCalls(String[]... calls) {
        ObjectNode root = completion();
        ObjectNode message = root.withArray("choices").addObject().put("index", 0)
                .put("finish_reason", "tool_calls").putObject("message");
        message.put("role", "assistant").putNull("content");
        ArrayNode array = message.putArray("tool_calls");
        for (String[] call : calls) {
            ObjectNode node = array.addObject().put("id", call[0]).put("type", "function");
            node.putObject("function").put("name", call[1]).put("arguments", call[2]);
        }
        return json(root.toString());
    }

    static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"try again later\",\"type\":\"server_error\"}}");
    }

    /** A streamed answer: its text in two chunks, the finish reason, then the usage chunk. */
    static ResponseDefinitionBuilder streamedAnswer(String first, String second) {
        StringBuilder body = new StringBuilder();
        for (String chunk : new String[] {chunk(JSON.createObjectNode().put("role", "assistant").put("content", first),
                null), chunk(JSON.createObjectNode().put("content", second), null),
                chunk(JSON.createObjectNode(), "stop"), usageChunk()}) {
            body.append("data: ").append(chunk).append("\n\n");
        }
        body.append("data: [DONE]\n\n");
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body.toString());
    }

    private static String chunk(ObjectNode delta, String finishReason) {
        ObjectNode root = envelope();
        ObjectNode choice = root.withArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return root.toString();
    }

    private static String usageChunk() {
        ObjectNode root = envelope();
        root.putArray("choices");
        root.putObject("usage").put("prompt_tokens", 12).put("completion_tokens", 4).put("total_tokens", 16);
        return root.toString();
    }

    private static ObjectNode envelope() {
        return JSON.createObjectNode().put("id", "chatcmpl-streamed").put("object", "chat.completion.chunk")
                .put("created", 1732690000).put("model", "gpt-4o-mini-2024-07-18");
    }

    private static ObjectNode completion() {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-scripted").put("object", "chat.completion").put("created", 1732690000)
                .put("model", "gpt-4o-mini-2024-07-18");
        root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return root;
    }
}
