package io.agent4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A scripted Chat Completions server on 127.0.0.1 (WireMock): responses are served in order. */
final class FakeOpenAi {

    static final String PATH = "/v1/chat/completions";
    static final String KEY = "sk-test-CLI-0123456789abcdef";
    /** The model every response names unless a test says otherwise. */
    static final String MODEL = "gpt-4o-mini-2024-07-18";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FakeOpenAi() {
    }

    /** A WireMock server bound to loopback only, on a free port. */
    static WireMockExtension extension() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                .build();
    }

    /** The base URL to pass as {@code --base-url}. */
    static String baseUrl(WireMockExtension server) {
        return server.baseUrl() + "/v1";
    }

    /** Serves these responses to successive requests; the last one repeats. */
    static void script(WireMockExtension server, ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "step-" + i;
            server.stubFor(post(urlEqualTo(PATH)).inScenario("chat").whenScenarioStateIs(state)
                    .willReturn(responses[i])
                    .willSetStateTo(i + 1 < responses.length ? "step-" + (i + 1) : state));
        }
    }

    /** One assistant message calling tools; each call is {id, name, arguments}. */
    static ResponseDefinitionBuilder toolCalls(String[]... calls) {
        ObjectNode root = completion();
        ObjectNode choice = root.withArray("choices").addObject().put("index", 0).put("finish_reason", "tool_calls");
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.putNull("content");
        ArrayNode array = message.putArray("tool_calls");
        for (String[] call : calls) {
            ObjectNode node = array.addObject().put("id", call[0]).put("type", "function");
            node.putObject("function").put("name", call[1]).put("arguments", call[2]);
        }
        return json(200, root.toString());
    }

    /** A final text answer of gpt-4o-mini-2024-07-18, 100 prompt and 20 completion tokens. */
    static ResponseDefinitionBuilder answer(String text) {
        return answer(MODEL, text);
    }

    /** A final text answer, the response naming this model. */
    static ResponseDefinitionBuilder answer(String model, String text) {
        ObjectNode root = completion().put("model", model);
        root.withArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message").put("role", "assistant").put("content", text);
        return json(200, root.toString());
    }

    /**
     * A streamed text answer, as a server sends it for {@code "stream": true}: a
     * {@code text/event-stream} of {@code chat.completion.chunk} events, one per delta, then one
     * with the finish reason, one with the usage (100 prompt and 20 completion tokens), and
     * {@code data: [DONE]}.
     */
    static ResponseDefinitionBuilder stream(String... deltas) {
        return streamEndingWith("stop", deltas);
    }

    /** A streamed text answer as {@link #stream}, its last chunk giving this finish reason ({@code length} ...). */
    static ResponseDefinitionBuilder streamEndingWith(String finishReason, String... deltas) {
        StringBuilder body = new StringBuilder();
        body.append(event(chunk().set("choices", JSON.createArrayNode().add(choice(
                JSON.createObjectNode().put("role", "assistant").put("content", ""), null)))));
        for (String delta : deltas) {
            body.append(event(chunk().set("choices", JSON.createArrayNode().add(choice(
                    JSON.createObjectNode().put("content", delta), null)))));
        }
        body.append(event(chunk().set("choices", JSON.createArrayNode().add(choice(JSON.createObjectNode(),
                finishReason)))));
        ObjectNode usage = chunk();
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        body.append(event(usage)).append("data: [DONE]\n\n");
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body.toString());
    }

    private static ObjectNode chunk() {
        return JSON.createObjectNode().put("id", "chatcmpl-cli-stream").put("object", "chat.completion.chunk")
                .put("created", 1732690000).put("model", MODEL);
    }

    private static ObjectNode choice(ObjectNode delta, String finishReason) {
        ObjectNode choice = JSON.createObjectNode().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return choice;
    }

    private static String event(ObjectNode data) {
        return "data: " + data + "\n\n";
    }

    /** One assistant message with text and tool calls; each call is {id, name, arguments}. */
    static ResponseDefinitionBuilder textAndToolCalls(String text, String[]... calls) {
        ObjectNode root = completion();
        ObjectNode choice = root.withArray("choices").addObject().put("index", 0).put("finish_reason", "tool_calls");
        ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", text);
        ArrayNode array = message.putArray("tool_calls");
        for (String[] call : calls) {
            ObjectNode node = array.addObject().put("id", call[0]).put("type", "function");
            node.putObject("function").put("name", call[1]).put("arguments", call[2]);
        }
        return json(200, root.toString());
    }

    /** An error response in the API's shape. */
    static ResponseDefinitionBuilder error(int status, String message, String type, String code) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).put("code", code).putNull("param");
        return json(status, root.toString());
    }

    /** The JSON bodies of the chat requests the server received, in order. */
    static List<JsonNode> requests(WireMockExtension server) {
        return server.findAll(postRequestedFor(urlEqualTo(PATH))).stream()
                .map(request -> JSON.readTree(request.getBodyAsString()))
                .toList();
    }

    /** A refusal, as OpenAI sends it: {@code content: null} and {@code refusal}, with the usual usage. */
    static ResponseDefinitionBuilder refusal(String refusal) {
        ObjectNode root = completion();
        root.withArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message").put("role", "assistant").putNull("content").put("refusal", refusal);
        return json(200, root.toString());
    }

    /** A streamed text answer as {@link #stream}, but without the usage chunk (as some servers send it). */
    static ResponseDefinitionBuilder streamWithoutUsage(String... deltas) {
        StringBuilder body = new StringBuilder();
        for (String delta : deltas) {
            body.append(event(chunk().set("choices", JSON.createArrayNode().add(choice(
                    JSON.createObjectNode().put("content", delta), null)))));
        }
        body.append(event(chunk().set("choices", JSON.createArrayNode().add(choice(JSON.createObjectNode(),
                "stop"))))).append("data: [DONE]\n\n");
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body.toString());
    }

    private static ObjectNode completion() {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-cli-test").put("object", "chat.completion").put("created", 1732690000)
                .put("model", MODEL);
        root.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        return root;
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
