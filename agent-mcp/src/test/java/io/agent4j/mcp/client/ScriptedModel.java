package io.agent4j.mcp.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.agent4j.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The model side of an agent under test: a scripted Chat Completions server on loopback (WireMock). */
final class ScriptedModel {

    static final String PATH = "/v1/chat/completions";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScriptedModel() {
    }

    /** A WireMock extension bound to 127.0.0.1 only. */
    static WireMockExtension extension() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                .build();
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

    /** A model pointed at the server. */
    static OpenAiChatModel model(WireMockExtension server) {
        return OpenAiChatModel.builder().apiKey("sk-test-0123456789abcdef")
                .baseUrl("http://127.0.0.1:" + server.getPort() + "/v1")
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build();
    }

    /** A final text answer. */
    static ResponseDefinitionBuilder answer(String text) {
        ObjectNode root = completion("stop");
        root.withArray("choices").get(0).withObject("message").put("role", "assistant").put("content", text);
        return json(root);
    }

    /** One assistant message calling tools; each call is {id, name, arguments}. */
    static ResponseDefinitionBuilder toolCalls(String[]... calls) {
        ObjectNode root = completion("tool_calls");
        ObjectNode message = root.withArray("choices").get(0).withObject("message");
        message.put("role", "assistant").putNull("content");
        ArrayNode array = message.putArray("tool_calls");
        for (String[] call : calls) {
            array.addObject().put("id", call[0]).put("type", "function").putObject("function").put("name", call[1])
                    .put("arguments", call[2]);
        }
        return json(root);
    }

    private static ObjectNode completion(String finishReason) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-scripted").put("object", "chat.completion").put("created", 1732690000)
                .put("model", "gpt-4o-mini");
        root.putArray("choices").addObject().put("index", 0).put("finish_reason", finishReason).putObject("message");
        root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return root;
    }

    private static ResponseDefinitionBuilder json(JsonNode body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString());
    }

    /** The JSON bodies of every request the server received, in order. */
    static List<JsonNode> requests(WireMockExtension server) {
        return server.findAll(postRequestedFor(urlEqualTo(PATH))).stream().map(LoggedRequest::getBodyAsString)
                .map(JSON::readTree).toList();
    }

    /** The names of the tools a request offered, in order. */
    static List<String> toolNames(JsonNode request) {
        return request.path("tools").valueStream().map(tool -> tool.at("/function/name").asString()).toList();
    }
}
