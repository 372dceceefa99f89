package io.agent4j.testing;

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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A scripted Chat Completions server on loopback: responses are served in order. */
public final class ChatServer {

    public static final String PATH = "/v1/chat/completions";
    public static final String KEY = "sk-test-SECRET-0123456789abcdef";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChatServer() {
    }

    /** A WireMock extension bound to 127.0.0.1 only. */
    public static WireMockExtension extension() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                .build();
    }

    /** Serves these responses to successive requests; the last one repeats. */
    public static void script(WireMockExtension server, ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "step-" + i;
            server.stubFor(post(urlEqualTo(PATH)).inScenario("chat").whenScenarioStateIs(state)
                    .willReturn(responses[i])
                    .willSetStateTo(i + 1 < responses.length ? "step-" + (i + 1) : state));
        }
    }

    /** A model pointed at the server, with fast retries. */
    public static OpenAiChatModel.Builder model(WireMockExtension server) {
        return OpenAiChatModel.builder()
                .apiKey(KEY)
                .baseUrl(baseUrl(server))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    /** The server's base URL on the loopback address, with the API's {@code /v1} prefix. */
    public static String baseUrl(WireMockExtension server) {
        return "http://127.0.0.1:" + server.getPort() + "/v1";
    }

    /** A 200 response with a JSON body. */
    public static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** A 200 response with a fixture file from {@code src/test/resources}. */
    public static ResponseDefinitionBuilder fixture(String resource) {
        return json(resource(resource));
    }

    /** A final text answer. */
    public static ResponseDefinitionBuilder answer(String text) {
        ObjectNode root = completion();
        ObjectNode message = root.withArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message");
        message.put("role", "assistant").put("content", text);
        return json(root.toString());
    }

    /** One assistant message calling tools; each call is {id, name, arguments}. */
    public static ResponseDefinitionBuilder toolCalls(String[]... calls) {
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

    private static ObjectNode completion() {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-scripted").put("object", "chat.completion").put("created", 1732690000)
                .put("model", "gpt-4o-mini");
        root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return root;
    }

    /** The JSON bodies of every request the server received, in order. */
    public static List<JsonNode> requests(WireMockExtension server) {
        return server.findAll(postRequestedFor(urlEqualTo(PATH))).stream()
                .map(LoggedRequest::getBodyAsString)
                .map(JSON::readTree)
                .toList();
    }

    /** A resource of the test class path as text. */
    public static String resource(String name) {
        try (InputStream in = ChatServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
