package io.agent4j.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A Chat Completions server on 127.0.0.1 (WireMock) that plays a model using the consumers' one tool:
 * it asks for {@code multiply(1234, 5678)}, and once the request carries that tool's result, answers
 * in text. Only the application can have computed the product it then finds in the request.
 */
final class ChatStub implements AutoCloseable {

    static final String PATH = "/v1/chat/completions";
    static final String KEY = "sk-consumer-test-0123456789";
    /** What the tool returns for 1234 × 5678. */
    static final String PRODUCT = "7006652";
    /** The model's final answer. */
    static final String ANSWER = "1234 times 5678 is 7006652.";

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

    /** A tool call, then the answer once the tool's result has come back. */
    static ChatStub toolCallThenAnswer() {
        ChatStub stub = new ChatStub();
        stub.server.stubFor(post(urlEqualTo(PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                .willReturn(json("answer.json")));
        stub.server.stubFor(post(urlEqualTo(PATH)).atPriority(2).willReturn(json("tool-call.json")));
        return stub;
    }

    /**
     * First a call whose arguments do not match the tool's schema (a string for a number), then, once
     * the application has said so, the valid call, then the answer.
     */
    static ChatStub invalidCallThenValidCallThenAnswer() {
        ChatStub stub = new ChatStub();
        stub.server.stubFor(post(urlEqualTo(PATH)).atPriority(1)
                .withRequestBody(containing(PRODUCT)).willReturn(json("answer.json")));
        stub.server.stubFor(post(urlEqualTo(PATH)).atPriority(2)
                .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                .willReturn(json("tool-call.json")));
        stub.server.stubFor(post(urlEqualTo(PATH)).atPriority(3).willReturn(json("invalid-tool-call.json")));
        return stub;
    }

    private ChatStub() {
        server.start();
    }

    /** The base URL an application is given, as {@code OPENAI_BASE_URL} or a property. */
    String baseUrl() {
        return server.baseUrl() + "/v1";
    }

    /** The environment of an application configured from the environment. */
    Map<String, String> environment() {
        return Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", baseUrl());
    }

    /** The bodies of the requests received, in order. */
    List<String> requests() {
        return server.findAll(postRequestedFor(urlEqualTo(PATH))).stream().map(r -> r.getBodyAsString()).toList();
    }

    /** Whether some request carried a tool message with exactly this content, the tool's result. */
    boolean receivedToolResult(String content) {
        return !server.findAll(postRequestedFor(urlEqualTo(PATH)).withRequestBody(
                matchingJsonPath("$.messages[?(@.role == 'tool' && @.content == '" + content + "')]"))).isEmpty();
    }

    /** Whether every request carried the key as a bearer token. */
    boolean everyRequestAuthorized() {
        return server.findAll(postRequestedFor(urlEqualTo(PATH))).stream()
                .allMatch(r -> ("Bearer " + KEY).equals(r.getHeader("Authorization")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(fixture(fixture));
    }

    private static String fixture(String name) {
        try (InputStream in = ChatStub.class.getResourceAsStream("/stub/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture src/test/resources/stub/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
