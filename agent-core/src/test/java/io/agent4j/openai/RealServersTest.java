package io.agent4j.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.agent4j.openai.Sse.chunk;
import static io.agent4j.openai.Sse.events;
import static io.agent4j.openai.Sse.eventsWithoutDone;
import static io.agent4j.openai.Sse.finish;
import static io.agent4j.openai.Sse.text;
import static io.agent4j.openai.Sse.usage;
import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.json;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.resource;
import static io.agent4j.testing.ChatServer.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.Conversation;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.Message;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.AuthenticationException;
import io.agent4j.errors.BadRequestException;
import io.agent4j.errors.ModelConnectionException;
import io.agent4j.errors.RateLimitException;
import io.agent4j.errors.ServerException;
import io.agent4j.memory.InMemoryConversationStore;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.OpenAiSchemas;
import io.agent4j.testing.TravelTools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * What running against servers nobody here wrote showed: llama.cpp's {@code llama-server}, Prism
 * serving the official spec with request validation, an npm (Express) mock server, and OpenAI's own
 * refusals and error events. The bodies are the servers' own (test resources under
 * {@code openai/servers}).
 */
class RealServersTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static final ChatRequest HELLO = new ChatRequest(List.of(new UserMessage("Hello")), List.of());
    private static final String REFUSAL = "I'm sorry, I cannot help with that.";

    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final List<String> deltas = Collections.synchronizedList(new ArrayList<>());

    private OpenAiChatModel model() {
        return ChatServer.model(server).sleeper(waits::add).build();
    }

    private static ResponseDefinitionBuilder error(int status, String resource) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(resource("openai/servers/" + resource));
    }

    private static String completion(String message) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1732690000,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":" + message + "}]}";
    }

    private static JsonNode lastAssistant(JsonNode request) {
        JsonNode found = null;
        for (JsonNode message : request.path("messages")) {
            if (message.path("role").asString().equals("assistant")) {
                found = message;
            }
        }
        return found;
    }

    // ---------------------------------------------------------------- an empty answer

    @Test
    void anEmptyStreamedAnswerIsResentWithEmptyContentSoTheSessionGoesOn() {
        script(server, Sse.stream(events(finish("stop"), usage(5, 0, 5))), answer("Hi again."));
        Conversation chat = Agent.builder().model(model()).build().conversation();

        assertThat(chat.stream("Hello", deltas::add, new Cancellation()).text()).isEmpty();
        assertThat(chat.send("Are you there?").text()).isEqualTo("Hi again.");

        JsonNode resent = lastAssistant(requests(server).get(1));
        assertThat(resent.path("content").isString()).as("content of %s", resent).isTrue();
        assertThat(resent.path("content").asString()).isEmpty();
        assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", requests(server).get(1))).isEmpty();
    }

    @Test
    void aNonStreamedNullContentIsResentWithEmptyContent() {
        script(server, json(completion("{\"role\":\"assistant\",\"content\":null}")), answer("Hi again."));
        Conversation chat = Agent.builder().model(model()).build().conversation();

        chat.send("Hello");
        chat.send("Are you there?");

        assertThat(lastAssistant(requests(server).get(1)).path("content").isString()).isTrue();
    }

    @Test
    void aStoredSessionHoldingAnEmptyAnswerIsSentValid() {
        InMemoryConversationStore store = new InMemoryConversationStore();
        List<Message> earlier = List.of(new UserMessage("Hello"), new AssistantMessage(null, List.of()));
        store.append("s", 0, earlier);
        script(server, answer("Hi again."));

        Agent.builder().model(model()).store(store).build().conversation("s").send("Are you there?");

        JsonNode resent = lastAssistant(requests(server).get(0));
        assertThat(resent.path("content").isString()).as("content of %s", resent).isTrue();
    }

    // ---------------------------------------------------------------- refusal

    @Test
    void aRefusalIsCarriedOnTheMessageAndTheResultWithAnEmptyText() {
        script(server, json(completion("{\"role\":\"assistant\",\"content\":null,\"refusal\":\"" + REFUSAL + "\"}")));
        AgentResult result = Agent.builder().model(model()).build().run("Help me with something bad.");

        assertThat(result.refusal()).contains(REFUSAL);
        assertThat(result.text()).isEmpty();
        assertThat(((AssistantMessage) result.messages().get(result.messages().size() - 1)).refusal())
                .isEqualTo(REFUSAL);
    }

    @Test
    void aStreamedRefusalIsAssembledAndNotDeliveredAsText() {
        script(server, Sse.stream(events(chunk("{\"role\":\"assistant\",\"content\":null,\"refusal\":\"\"}", null),
                chunk("{\"refusal\":\"I'm sorry, \"}", null), chunk("{\"refusal\":\"I cannot help with that.\"}", null),
                finish("stop"))));
        ChatResponse response = model().stream(HELLO, deltas::add, new Cancellation());

        assertThat(response.message().refusal()).isEqualTo(REFUSAL);
        assertThat(response.message().content()).isNull();
        assertThat(deltas).isEmpty();
    }

    @Test
    void aRefusalIsResentAsARefusalWithEmptyContent() {
        script(server, json(completion("{\"role\":\"assistant\",\"content\":null,\"refusal\":\"" + REFUSAL + "\"}")),
                answer("Fine."));
        Conversation chat = Agent.builder().model(model()).build().conversation();
        chat.send("Help me with something bad.");
        chat.send("Something else then.");

        JsonNode resent = lastAssistant(requests(server).get(1));
        assertThat(resent.path("refusal").asString()).isEqualTo(REFUSAL);
        assertThat(resent.path("content").isString()).isTrue();
        assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", requests(server).get(1))).isEmpty();
    }

    // ---------------------------------------------------------------- missing usage

    @Test
    void aStreamWithoutAUsageChunkHasUnknownUsage() {
        script(server, Sse.stream(events(text("Hi"), finish("stop"))));
        assertThat(model().stream(HELLO, deltas::add, new Cancellation()).usage()).isEqualTo(Usage.UNKNOWN);
    }

    @Test
    void aBodyWithoutUsageHasUnknownUsage() {
        script(server, json(completion("{\"role\":\"assistant\",\"content\":\"Hi\"}")));
        assertThat(model().chat(HELLO).usage()).isEqualTo(Usage.UNKNOWN);
    }

    @Test
    void aRunWithoutUsageReportsUnknownUsageAndNoCost() {
        script(server, Sse.stream(events(text("Hi"), finish("stop"))));
        AgentResult result = Agent.builder().model(model()).build().stream("Hello", deltas::add);

        assertThat(result.usage().known()).isFalse();
        assertThat(result.cost()).isEmpty();
    }

    // ---------------------------------------------------------------- error bodies

    @Test
    void llamaServersNumericCodeIsShownOnceWithItsMessage() {
        script(server, error(400, "llama-server-400.json"));
        assertThat(catchThrowable(() -> model().chat(HELLO)))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("400");
                    assertThat(e.errorType()).isEqualTo("invalid_request_error");
                    assertThat(e.getMessage()).contains("(HTTP 400: Assistant message must contain either "
                            + "'content' or 'tool_calls')").doesNotContain("400 400");
                });
    }

    @Test
    void anExpressErrorNameAndMessageAreBothShown() {
        script(server, error(500, "express-500.json"));
        assertThat(catchThrowable(() -> ChatServer.model(server).maxRetries(0).build().chat(HELLO)))
                .isInstanceOfSatisfying(ServerException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("TypeError");
                    assertThat(e.getMessage()).contains(
                            "HTTP 500: TypeError: Cannot read properties of undefined (reading 'map')");
                });
    }

    @Test
    void prismsValidationListIsShownWithTheParameterAtFault() {
        script(server, aResponse().withStatus(422).withHeader("Content-Type", "application/problem+json")
                .withBody(resource("openai/servers/prism-422.json")));
        assertThat(catchThrowable(() -> model().chat(HELLO)))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(422);
                    assertThat(e.param()).isEqualTo("messages[1]");
                    assertThat(e.errorCode()).isEqualTo("required");
                    assertThat(e.getMessage())
                            .contains("HTTP 422 required: Invalid request: must have required property 'content'")
                            .contains("the parameter at fault is 'messages[1]'");
                });
    }

    @Test
    void theParamOfA401IsKept() {
        script(server, error(401, "unauthorized-401.json"));
        assertThat(catchThrowable(() -> model().chat(HELLO)))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.param()).isEqualTo("Authorization");
                    assertThat(e.errorCode()).isEqualTo("invalid_api_key");
                    assertThat(e.getMessage()).contains("'Authorization'");
                });
    }

    @Test
    void theParamOfA429IsKept() {
        script(server, error(429, "rate-limit-429.json"));
        assertThat(catchThrowable(() -> ChatServer.model(server).maxRetries(0).build().chat(HELLO)))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.param()).isEqualTo("messages");
                    assertThat(e.errorCode()).isEqualTo("rate_limit_exceeded");
                    assertThat(e.getMessage()).contains("HTTP 429 rate_limit_exceeded: Rate limit reached")
                            .contains("'messages'");
                });
    }

    @Test
    void eachMessageIsShownOnce() {
        for (String body : List.of("llama-server-400.json", "express-500.json", "prism-422.json")) {
            server.resetAll();
            script(server, error(400, body));
            String message = catchThrowable(() -> ChatServer.model(server).maxRetries(0).build().chat(HELLO))
                    .getMessage();
            String text = body.startsWith("llama") ? "must contain" : body.startsWith("express") ? "Cannot read"
                    : "required property";
            assertThat(message.split(java.util.regex.Pattern.quote(text), -1)).as(message).hasSize(2);
        }
    }

    // ---------------------------------------------------------------- error events in a 200 stream

    @Test
    void aRateLimitErrorEventBeforeAnythingWasDeliveredIsRetried() {
        String event = resource("openai/servers/rate-limit-429.json").strip();
        script(server, Sse.stream(eventsWithoutDone(event)),
                Sse.stream(events(text("Hello"), finish("stop"), usage(3, 1, 4))));

        ChatResponse response = model().stream(HELLO, deltas::add, new Cancellation());

        assertThat(response.message().content()).isEqualTo("Hello");
        assertThat(deltas).containsExactly("Hello");
        assertThat(requests(server)).hasSize(2);
        assertThat(waits).hasSize(1);
    }

    @Test
    void aRateLimitErrorEventOnEveryAttemptIsARateLimitException() {
        String event = resource("openai/servers/rate-limit-429.json").strip();
        script(server, Sse.stream(eventsWithoutDone(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null), event)));

        Throwable thrown = catchThrowable(() -> model().stream(HELLO, deltas::add, new Cancellation()));

        assertThat(thrown).isInstanceOfSatisfying(RateLimitException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("rate_limit_exceeded");
            assertThat(e.param()).isEqualTo("messages");
        }).hasMessageContaining("Rate limit reached");
        assertThat(requests(server)).hasSize(3);
    }

    @Test
    void anErrorEventAfterTextWasDeliveredIsMappedByItsContentAndNotRetried() {
        script(server, Sse.stream(eventsWithoutDone(text("Par"),
                "{\"error\":{\"code\":500,\"message\":\"Context size has been exceeded.\",\"type\":\"server_error\"}}")));

        Throwable thrown = catchThrowable(() -> model().stream(HELLO, deltas::add, new Cancellation()));

        assertThat(thrown).isInstanceOfSatisfying(ServerException.class,
                        e -> assertThat(e.errorType()).isEqualTo("server_error"))
                .hasMessageContaining("Context size has been exceeded.");
        assertThat(deltas).containsExactly("Par");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void anInvalidRequestErrorEventIsABadRequest() {
        script(server, Sse.stream(eventsWithoutDone("{\"error\":{\"message\":\"Invalid 'messages[1].content'\","
                + "\"type\":\"invalid_request_error\",\"param\":\"messages[1].content\",\"code\":null}}")));
        assertThat(catchThrowable(() -> model().stream(HELLO, deltas::add, new Cancellation())))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.param()).isEqualTo("messages[1].content"));
        assertThat(requests(server)).hasSize(1);
    }

    // ---------------------------------------------------------------- custom tool calls

    @Test
    void aCustomToolCallIsAClearErrorSayingCustomToolsAreNotSupported() {
        TravelTools travel = new TravelTools();
        script(server, json(completion("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
                + "\"type\":\"custom\",\"custom\":{\"name\":\"code_exec\",\"input\":\"print(1)\"}}]}")));

        Throwable thrown = catchThrowable(() -> Agent.builder().model(model()).tools(travel).build().run("Go"));

        assertThat(thrown).isInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("custom tool 'code_exec'")
                .hasMessageContaining("only function tools");
        assertThat(travel.calls).isEmpty();
    }

    @Test
    void aStreamedCustomToolCallIsTheSameClearError() {
        script(server, Sse.stream(events(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"custom\","
                + "\"custom\":{\"name\":\"code_exec\",\"input\":\"print(1)\"}}]}", null), finish("tool_calls"))));
        assertThat(catchThrowable(() -> model().stream(HELLO, deltas::add, new Cancellation())))
                .isInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("custom tool 'code_exec'");
    }
}
