package io.agent4j.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.agent4j.testing.ChatServer.KEY;
import static io.agent4j.testing.ChatServer.PATH;
import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.fixture;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.resource;
import static io.agent4j.testing.ChatServer.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.AuthenticationException;
import io.agent4j.errors.MissingApiKeyException;
import io.agent4j.errors.ModelApiException;
import io.agent4j.errors.ModelConnectionException;
import io.agent4j.errors.RateLimitException;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.OpenAiSchemas;
import io.agent4j.tool.Tool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenAiChatModelTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static final ChatRequest HELLO = new ChatRequest(List.of(new UserMessage("Hello")), List.of());

    private OpenAiChatModel model() {
        return ChatServer.model(server).build();
    }

    public static class SeattleWeather {
        @Tool("Get the current weather in a given location")
        public String get_current_weather(String location) {
            return location.startsWith("Seattle") ? "50 degrees and raining" : "70 degrees and sunny";
        }
    }

    @Test
    void followUpRequestCarriesTheSameMessagesAsTheOfficialClient() {
        script(server, fixture("openai/recorded/tool-calls-parallel.json"),
                fixture("openai/recorded/tool-calls-followup-answer.json"));
        AgentResult result = Agent.builder().model(model()).instructions("You're a helpful assistant.")
                .tools(new SeattleWeather()).build()
                .run("What's the weather in Seattle and San Francisco today?");

        JsonNode recorded = JsonMapper.builder().build()
                .readTree(resource("openai/recorded/tool-calls-followup-request.json"));
        assertThat(requests(server).get(1).path("messages")).isEqualTo(recorded.path("messages"));
        for (String response : List.of("tool-calls-parallel.json", "tool-calls-followup-answer.json")) {
            assertThat(OpenAiSchemas.problems("CreateChatCompletionResponse",
                    JsonMapper.builder().build().readTree(resource("openai/recorded/" + response)))).isEmpty();
        }
        for (JsonNode body : requests(server)) {
            assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", body)).isEmpty();
        }
        assertThat(result.text()).startsWith("Today, the weather in Seattle is 50 degrees and raining");
    }

    @Test
    void compatibleServerWithoutToolCallIdGetsOneMadeUp() {
        script(server, fixture("openai/recorded/compatible-tool-calls-without-id.json"));
        ToolCall call = model().chat(HELLO).message().toolCalls().get(0);
        assertThat(call.id()).startsWith("call_").hasSizeGreaterThan(10);
        assertThat(call.name()).isEqualTo("get_current_time");
        assertThat(call.arguments()).isEqualTo("{}");
    }

    @Test
    void argumentsSentAsAnObjectAreReadAsTheirJsonText() {
        script(server, ChatServer.json("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"\","
                + "\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\","
                + "\"arguments\":{\"x\":1}}}]},\"finish_reason\":\"tool_calls\"}]}"));
        ChatResponse response = model().chat(HELLO);
        assertThat(response.message().toolCalls().get(0).arguments()).isEqualTo("{\"x\":1}");
        assertThat(response.message().content()).isNull();
        assertThat(response.usage()).isEqualTo(Usage.UNKNOWN);
    }

    @Test
    void requestCarriesKeyModelAndSamplingParameters() {
        script(server, answer("hi"));
        ChatServer.model(server).model("gpt-4o").temperature(0.2).topP(0.9).maxTokens(256).stop("END", "STOP")
                .build().chat(HELLO);
        server.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + KEY)));
        JsonNode body = requests(server).get(0);
        assertThat(body.path("model").asString()).isEqualTo("gpt-4o");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("stop").toString()).isEqualTo("[\"END\",\"STOP\"]");
        assertThat(body.has("tools")).isFalse();
        assertThat(body.path("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"Hello\"}]");
        assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", body)).isEmpty();
    }

    @Test
    void theSchemaCheckUsedAboveRejectsAnInvalidBody() {
        JsonNode invalid = JsonMapper.builder().build().readTree(
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}],\"temperature\":5}");
        assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", invalid)).isNotEmpty();
    }

    @Test
    void legacyServersGetMaxTokens() {
        script(server, answer("hi"));
        ChatServer.model(server).maxTokens(64).legacyMaxTokens(true).build().chat(HELLO);
        JsonNode body = requests(server).get(0);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.has("max_completion_tokens")).isFalse();
    }

    @Test
    void rejectedKeyRaisesAuthenticationErrorWithoutRetrying() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(PATH).willReturn(aResponse()
                .withStatus(401).withHeader("x-request-id", "req_c45bfc7515dca54ef87c667f8210af23")
                .withBody(resource("openai/recorded/401-invalid-api-key.json"))));
        assertThatThrownBy(() -> model().chat(HELLO))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo("invalid_api_key");
                    assertThat(e.errorType()).isEqualTo("invalid_request_error");
                    assertThat(e.requestId()).isEqualTo("req_c45bfc7515dca54ef87c667f8210af23");
                })
                .hasMessageContaining("The API key was rejected")
                .hasMessageContaining("OPENAI_API_KEY");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void unknownModelNamesTheModel() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(PATH).willReturn(aResponse()
                .withStatus(404).withBody(resource("openai/recorded/404-model-not-found.json"))));
        assertThatThrownBy(() -> model().chat(HELLO))
                .isInstanceOfSatisfying(ModelApiException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo("model_not_found");
                })
                .hasMessageContaining("this-model-does-not-exist");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void rateLimitIsRetriedHonouringRetryAfter() {
        script(server, aResponse().withStatus(429).withHeader("retry-after-ms", "20")
                .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"),
                answer("after the wait"));
        assertThat(model().chat(HELLO).message().content()).isEqualTo("after the wait");
        assertThat(requests(server)).hasSize(2);
    }

    @Test
    void persistentRateLimitRaisesRateLimitException() {
        script(server, aResponse().withStatus(429).withHeader("retry-after", "0")
                .withBody("{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\","
                        + "\"code\":\"rate_limit_exceeded\"}}"));
        assertThatThrownBy(() -> model().chat(HELLO)).isInstanceOfSatisfying(RateLimitException.class,
                e -> assertThat(e.errorCode()).isEqualTo("rate_limit_exceeded"));
        assertThat(requests(server)).hasSize(3);
    }

    @Test
    void exhaustedQuotaIsNotRetried() {
        script(server, aResponse().withStatus(429)
                .withBody("{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\","
                        + "\"code\":\"insufficient_quota\"}}"));
        assertThatThrownBy(() -> model().chat(HELLO)).isInstanceOf(io.agent4j.errors.QuotaExceededException.class)
                .hasMessageContaining("waiting will not help");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void serverErrorsAreRetried() {
        script(server, aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"oops\"}}"),
                aResponse().withStatus(503).withBody("upstream unavailable"), answer("recovered"));
        assertThat(model().chat(HELLO).message().content()).isEqualTo("recovered");
        assertThat(requests(server)).hasSize(3);
    }

    @Test
    void serverErrorsGiveUpAfterTheConfiguredRetries() {
        script(server, aResponse().withStatus(502).withBody("<html>Bad gateway</html>"));
        assertThatThrownBy(() -> ChatServer.model(server).maxRetries(1).build().chat(HELLO))
                .isInstanceOfSatisfying(ModelApiException.class, e -> assertThat(e.statusCode()).isEqualTo(502))
                .hasMessageContaining("Bad gateway");
        assertThat(requests(server)).hasSize(2);
    }

    @Test
    void badRequestIsNotRetriedAndNamesTheParameter() {
        script(server, aResponse().withStatus(400).withBody("{\"error\":{\"message\":\"Invalid value for 'temperature'\","
                + "\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":\"invalid_value\"}}"));
        assertThatThrownBy(() -> model().chat(HELLO))
                .isInstanceOfSatisfying(ModelApiException.class, e -> assertThat(e.param()).isEqualTo("temperature"))
                .hasMessageContaining("'temperature'");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void connectionResetIsRetriedThenReported() {
        script(server, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThatThrownBy(() -> model().chat(HELLO)).isInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("Cannot reach the model server").hasMessageContaining("3 attempt(s)");
        assertThat(requests(server)).hasSize(3);
    }

    @Test
    void resetThenSuccessRecovers() {
        script(server, aResponse().withFault(Fault.EMPTY_RESPONSE), answer("second try"));
        assertThat(model().chat(HELLO).message().content()).isEqualTo("second try");
    }

    @Test
    void malformedBodyIsAClearError() {
        script(server, ChatServer.json("this is not json"));
        assertThatThrownBy(() -> model().chat(HELLO)).isInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void truncatedBodyIsAClearError() {
        String full = resource("openai/recorded/tool-calls-parallel.json");
        script(server, ChatServer.json(full.substring(0, full.length() / 2)));
        assertThatThrownBy(() -> model().chat(HELLO)).isInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void garbageThenCloseIsRetriedThenReported() {
        script(server, aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
        assertThatThrownBy(() -> ChatServer.model(server).maxRetries(1).build().chat(HELLO))
                .isInstanceOf(ModelConnectionException.class);
        assertThat(requests(server)).hasSize(2);
    }

    @Test
    void responseWithoutChoicesIsAClearError() {
        script(server, ChatServer.json("{\"object\":\"list\",\"data\":[]}"));
        assertThatThrownBy(() -> model().chat(HELLO)).isInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("without any choice");
    }

    @Test
    void slowServerTimesOut() {
        script(server, answer("late").withFixedDelay(1500));
        assertThatThrownBy(() -> ChatServer.model(server).readTimeout(Duration.ofMillis(200)).maxRetries(0)
                .build().chat(HELLO))
                .isInstanceOf(io.agent4j.errors.ModelTimeoutException.class).hasMessageContaining("did not answer in time")
                .hasMessageContaining("read timeout 200 ms");
    }

    @Test
    void unreachableServerIsAClearError() {
        OpenAiChatModel model = OpenAiChatModel.builder().apiKey(KEY).baseUrl("http://127.0.0.1:1/v1")
                .maxRetries(0).build();
        assertThatThrownBy(() -> model.chat(HELLO)).isInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("http://127.0.0.1:1/v1/chat/completions")
                .hasMessageContaining("Check the base URL and your network.");
    }

    @Test
    void missingKeyFailsAtBuildNamingTheVariable() {
        assertThatThrownBy(() -> OpenAiChatModel.builder().environment(name -> null).build())
                .isInstanceOf(MissingApiKeyException.class).hasMessageContaining("OPENAI_API_KEY");
        assertThatThrownBy(() -> OpenAiChatModel.builder().apiKey("  ").environment(name -> null).build())
                .isInstanceOf(MissingApiKeyException.class);
    }

    @Test
    void environmentProvidesKeyAndBaseUrl() {
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-env", "OPENAI_BASE_URL", ChatServer.baseUrl(server));
        OpenAiChatModel model = OpenAiChatModel.builder().environment(env::get).build();
        assertThat(model.endpoint()).isEqualTo(ChatServer.baseUrl(server) + "/chat/completions");
        script(server, answer("from env"));
        model.chat(HELLO);
        server.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer sk-env")));
        OpenAiChatModel defaults = OpenAiChatModel.builder().environment(Map.of("OPENAI_API_KEY", "k")::get).build();
        assertThat(defaults.endpoint()).isEqualTo("https://api.openai.com/v1/chat/completions");
        assertThat(defaults.model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void theModelsShortcutsSpellTheirOptionsAsChatOptionsDoesAndTheLastGivenWins() {
        OpenAiChatModel model = OpenAiChatModel.builder().apiKey("k").stop(java.util.List.of("END")).temperature(0.5)
                .options(io.agent4j.chat.ChatOptions.builder().seed(7L).temperature(0.9).build()).temperature(null)
                .build();

        assertThat(model.options()).isEqualTo(io.agent4j.chat.ChatOptions.builder().model(model.options().model())
                .stop("END").seed(7L).build());
    }

    @Test
    void settingsOutOfRangeFailAtBuild() {
        assertThatThrownBy(() -> OpenAiChatModel.builder().apiKey("k").temperature(2.5).build())
                .hasMessageContaining("temperature must be between 0 and 2");
        assertThatThrownBy(() -> OpenAiChatModel.builder().apiKey("k").topP(0.0).build())
                .hasMessageContaining("topP");
        assertThatThrownBy(() -> OpenAiChatModel.builder().apiKey("k").stop("a", "b", "c", "d", "e").build())
                .hasMessageContaining("1 to 4");
        assertThatThrownBy(() -> OpenAiChatModel.builder().apiKey("k").baseUrl("not a url").build())
                .hasMessageContaining("not an http(s) URL");
    }

    @Test
    void keyNeverAppearsInToStringLogsOrErrors() {
        String echoed = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ". Also sk-live-abcdef123456\","
                + "\"code\":\"invalid_api_key\"}}";
        script(server, aResponse().withStatus(500).withBody(echoed), aResponse().withStatus(401).withBody(echoed));
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Throwable thrown;
        try {
            OpenAiChatModel model = model();
            assertThat(model.toString()).doesNotContain(KEY).contains("127.0.0.1");
            thrown = org.assertj.core.api.Assertions.catchThrowable(() -> model.chat(HELLO));
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("retry 1 of 2").doesNotContain(KEY).doesNotContain("sk-live-abcdef123456");
        assertThat(thrown).isInstanceOf(AuthenticationException.class);
        assertThat(thrown.getMessage()).doesNotContain(KEY).doesNotContain("sk-live-abcdef123456").contains("sk-***");
    }

    @Test
    void aRedirectIsReportedNotFollowedSoTheKeyGoesOnlyWhereItWasConfiguredTo() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo(PATH)).willReturn(aResponse()
                .withStatus(308).withHeader("Location", "https://127.0.0.1:" + server.getPort() + PATH)));
        OpenAiChatModel model = ChatServer.model(server).build();
        assertThatThrownBy(() -> model.chat(new ChatRequest(List.of(new UserMessage("Hi")), List.of())))
                .isInstanceOf(ModelApiException.class)
                .hasMessage("The model server at " + model.endpoint() + " redirected the request (HTTP 308) to "
                        + "https://127.0.0.1:" + server.getPort() + PATH + ". API calls are not redirected, so that the "
                        + "key only goes where it was configured to; set the base URL to the new address.");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void anHttpsBaseUrlGetsAClientThatSpeaksTls() throws Exception {
        OpenAiChatModel model = OpenAiChatModel.builder().apiKey(KEY).baseUrl("https://127.0.0.1:" + server.getPort())
                .maxRetries(0).connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2)).build();
        // WireMock here speaks plain HTTP, so the TLS handshake fails: proof that TLS was attempted
        assertThatThrownBy(() -> model.chat(new ChatRequest(List.of(new UserMessage("Hi")), List.of())))
                .isInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("SSL");
    }
}
