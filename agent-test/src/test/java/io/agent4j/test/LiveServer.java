package io.agent4j.test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.agent4j.openai.OpenAiChatModel;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The "live" model of the kit's record-mode tests: a scripted Chat Completions server on loopback. */
final class LiveServer {

    static final String PATH = "/v1/chat/completions";
    static final String KEY = "sk-test-SECRET-0123456789abcdef";
    static final String ORGANIZATION = "org-LIVEORGANIZATION0123";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

    void start() {
        server.start();
    }

    void stop() {
        server.stop();
    }

    /** Serves these responses to successive requests; the last one repeats. */
    void script(ResponseDefinitionBuilder... responses) {
        server.resetAll();
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "step-" + i;
            server.stubFor(post(urlEqualTo(PATH)).inScenario("chat").whenScenarioStateIs(state)
                    .willReturn(responses[i])
                    .willSetStateTo(i + 1 < responses.length ? "step-" + (i + 1) : state));
        }
    }

    /** How many requests the server got. */
    int requests() {
        return server.findAll(postRequestedFor(urlEqualTo(PATH))).size();
    }

    /** The header {@code name} of the first request. */
    String header(String name) {
        return server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getHeader(name);
    }

    OpenAiChatModel model() {
        return OpenAiChatModel.builder().apiKey(KEY).organization(ORGANIZATION)
                .baseUrl("http://127.0.0.1:" + server.port() + "/v1").build();
    }

    static ResponseDefinitionBuilder answer(String text) {
        ObjectNode root = completion();
        ObjectNode message = root.withArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message");
        message.put("role", "assistant").put("content", text);
        return json(root.toString());
    }

    static ResponseDefinitionBuilder toolCall(String id, String name, String arguments) {
        ObjectNode root = completion();
        ObjectNode message = root.withArray("choices").addObject().put("index", 0)
                .put("finish_reason", "tool_calls").putObject("message");
        message.put("role", "assistant").putNull("content");
        ArrayNode calls = message.putArray("tool_calls");
        calls.addObject().put("id", id).put("type", "function").putObject("function").put("name", name)
                .put("arguments", arguments);
        return json(root.toString());
    }

    private static ObjectNode completion() {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-live").put("object", "chat.completion").put("created", 1732690000)
                .put("model", "gpt-4o-mini");
        root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return root;
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
