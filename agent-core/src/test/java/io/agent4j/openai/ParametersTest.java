package io.agent4j.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.agent4j.testing.ChatServer.PATH;
import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.fixture;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.resource;
import static io.agent4j.testing.ChatServer.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.Logprobs;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.chat.internal.ChatJson;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.OpenAiSchemas;
import io.agent4j.usage.Price;
import io.agent4j.usage.PriceTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parameters beyond sampling and tools (reasoning effort, verbosity, service tier, logprobs,
 * metadata, storage, identifiers, prompt caching, predictions, several choices), the escape hatches
 * {@code extraBody} and {@code extraHeaders}, the rules of reasoning models, and what the response
 * carries back: logprobs, every choice, the fingerprint, the tier and the usage details, priced
 * with the cached-input price.
 */
class ParametersTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FIXTURES = "openai/params/";
    private static final List<io.agent4j.chat.Message> HELLO = List.of(new SystemMessage("Be brief."),
            new UserMessage("Say hello"));

    private static ChatOptions allParameters() {
        return ChatOptions.builder().reasoningEffort("low").verbosity("high").serviceTier("flex").logprobs(true)
                .topLogprobs(2).metadata(Map.of("team", "search", "run", "42")).store(true)
                .safetyIdentifier("user-hash-1").promptCacheKey("travel-v1").prediction("Hello there").n(2)
                .build();
    }

    // ---------------------------------------------------------------- request

    @Test
    void everyParameterIsWrittenUnderItsWireName() {
        script(server, answer("ok"));
        ChatServer.model(server).model("gpt-4o").build().chat(new ChatRequest(HELLO, List.of(), allParameters()));
        JsonNode body = requests(server).get(0);
        assertThat(body.path("reasoning_effort").asString()).isEqualTo("low");
        assertThat(body.path("verbosity").asString()).isEqualTo("high");
        assertThat(body.path("service_tier").asString()).isEqualTo("flex");
        assertThat(body.path("logprobs").isBoolean()).isTrue();
        assertThat(body.path("logprobs").asBoolean()).isTrue();
        assertThat(body.path("top_logprobs").asInt()).isEqualTo(2);
        assertThat(body.path("metadata")).isEqualTo(JSON.readTree("{\"team\":\"search\",\"run\":\"42\"}"));
        assertThat(body.path("store").asBoolean()).isTrue();
        assertThat(body.path("safety_identifier").asString()).isEqualTo("user-hash-1");
        assertThat(body.path("prompt_cache_key").asString()).isEqualTo("travel-v1");
        assertThat(body.path("prediction")).isEqualTo(JSON.readTree("{\"type\":\"content\",\"content\":\"Hello there\"}"));
        assertThat(body.path("n").asInt()).isEqualTo(2);
        assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", body)).isEmpty();
    }

    @Test
    void topLogprobsTurnsLogprobsOnAndUnsetParametersAreNotSent() {
        script(server, answer("ok"));
        OpenAiChatModel model = ChatServer.model(server).build();
        model.chat(new ChatRequest(HELLO, List.of(), ChatOptions.builder().topLogprobs(0).build()));
        model.chat(new ChatRequest(HELLO, List.of()));
        JsonNode withTop = requests(server).get(0);
        assertThat(withTop.path("logprobs").asBoolean()).isTrue();
        assertThat(withTop.path("top_logprobs").asInt()).isZero();
        assertThat(requests(server).get(1).propertyNames()).containsExactlyInAnyOrder("model", "messages");
    }

    @Test
    void theParametersMergeAcrossModelAgentAndRun() {
        script(server, answer("ok"));
        OpenAiChatModel model = ChatServer.model(server)
                .options(ChatOptions.builder().serviceTier("flex").store(false).metadata(Map.of("app", "demo"))
                        .build())
                .build();
        Agent agent = Agent.builder().model(model)
                .options(ChatOptions.builder().verbosity("low").store(true).build()).build();
        agent.withOptions(ChatOptions.builder().reasoningEffort("high").serviceTier("priority").build()).run("hi");
        JsonNode body = requests(server).get(0);
        assertThat(body.path("service_tier").asString()).isEqualTo("priority");
        assertThat(body.path("store").asBoolean()).isTrue();
        assertThat(body.path("metadata").path("app").asString()).isEqualTo("demo");
        assertThat(body.path("verbosity").asString()).isEqualTo("low");
        assertThat(body.path("reasoning_effort").asString()).isEqualTo("high");
    }

    @Test
    void extraBodyIsMergedLastKeyByKeyAndNullRemovesAField() {
        script(server, io.agent4j.openai.Sse.stream(Sse.events(Sse.text("ok"), Sse.finish("stop"))));
        Map<String, Object> modelExtra = new LinkedHashMap<>();
        modelExtra.put("top_k", 40);
        modelExtra.put("temperature", 0.9);
        modelExtra.put("chat_template_kwargs", Map.of("enable_thinking", false));
        Map<String, Object> runExtra = new LinkedHashMap<>();
        runExtra.put("top_k", 20);
        runExtra.put("stream_options", null);
        OpenAiChatModel model = ChatServer.model(server).temperature(0.2).extraBody(modelExtra).build();

        model.stream(new ChatRequest(HELLO, List.of(), ChatOptions.builder().extraBody(runExtra).build()),
                delta -> { }, new Cancellation());

        JsonNode body = requests(server).get(0);
        assertThat(body.path("top_k").asInt()).as("the run's value wins, key by key").isEqualTo(20);
        assertThat(body.path("temperature").asDouble()).as("extraBody goes in over the option").isEqualTo(0.9);
        assertThat(body.path("chat_template_kwargs")).isEqualTo(JSON.readTree("{\"enable_thinking\":false}"));
        assertThat(body.has("stream_options")).as("a null value removes the field").isFalse();
        assertThat(body.path("stream").asBoolean()).isTrue();
    }

    /** A value whose JSON cannot be written. */
    record Unwritable(String value) {
        @Override
        public String value() {
            throw new IllegalStateException("not today");
        }
    }

    @Test
    void extraBodyValuesThatAreNotJsonFailBeforeAnyRequest() {
        Throwable thrown = catchThrowable(() -> ChatOptions.builder().extraBody(Map.of("bad", new Unwritable("x"))));
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extraBody field 'bad' cannot be written as JSON");
    }

    @Test
    void extraHeadersAreSentWithEveryRequestAndSetLast() {
        script(server, answer("ok"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Gateway-Key", "gw-1");
        headers.put("User-Agent", "my-app/2");
        OpenAiChatModel model = ChatServer.model(server).extraHeaders(headers).build();
        model.chat(new ChatRequest(HELLO, List.of()));
        model.chat(new ChatRequest(HELLO, List.of()));
        List<LoggedRequest> all = server.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(all).hasSize(2).allSatisfy(request -> {
            assertThat(request.getHeader("X-Gateway-Key")).isEqualTo("gw-1");
            assertThat(request.getHeaders().getHeader("User-Agent").values()).containsExactly("my-app/2");
        });
    }

    @Test
    void withoutStreamingAStreamedCallIsAnOrdinaryRequestDeliveredAtOnce() {
        script(server, answer("Hello there"));
        List<String> deltas = Collections.synchronizedList(new ArrayList<>());
        ChatResponse response = ChatServer.model(server).streaming(false).build()
                .stream(new ChatRequest(HELLO, List.of()), deltas::add, new Cancellation());
        assertThat(deltas).containsExactly("Hello there");
        assertThat(response.message().content()).isEqualTo("Hello there");
        JsonNode body = requests(server).get(0);
        assertThat(body.has("stream")).isFalse();
        assertThat(body.has("stream_options")).isFalse();
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getHeader("Accept"))
                .isEqualTo("application/json");
    }

    // ---------------------------------------------------------------- reasoning models

    @Test
    void reasoningModelsGetMaxCompletionTokensAndTheDeveloperRole() {
        script(server, answer("ok"));
        OpenAiChatModel model = ChatServer.model(server).model("o3-mini").legacyMaxTokens(true).maxTokens(500)
                .build();
        model.chat(new ChatRequest(HELLO, List.of(), ChatOptions.builder().reasoningEffort("high").build()));
        JsonNode body = requests(server).get(0);
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(500);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.path("messages").get(0).toString()).isEqualTo("{\"role\":\"developer\",\"content\":\"Be brief.\"}");
        assertThat(body.path("messages").get(1).path("role").asString()).isEqualTo("user");
        assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", body)).isEmpty();
    }

    @Test
    void chatModelsKeepTheSystemRoleAndLegacyMaxTokens() {
        script(server, answer("ok"));
        for (String name : List.of("gpt-4o", "gpt-5-chat-latest", "llama3.1", "o")) {
            ChatServer.model(server).model(name).legacyMaxTokens(true).maxTokens(50).temperature(0.3).build()
                    .chat(new ChatRequest(HELLO, List.of()));
        }
        assertThat(requests(server)).hasSize(4).allSatisfy(body -> {
            assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
            assertThat(body.path("max_tokens").asInt()).isEqualTo(50);
            assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        });
    }

    @Test
    void temperatureOrTopPForAReasoningModelFailsBeforeAnyRequest() {
        script(server, answer("must not be asked"));
        for (String name : List.of("o1", "o3", "o4-mini-2025-04-16", "gpt-5", "gpt-5-mini", "openai/gpt-5.1")) {
            Throwable thrown = catchThrowable(() -> ChatServer.model(server).model(name).temperature(0.2).build()
                    .chat(new ChatRequest(HELLO, List.of())));
            assertThat(thrown).as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(name + " is a reasoning model, which rejects temperature")
                    .hasMessageContaining("reasoningModel(false)");
        }
        Throwable topP = catchThrowable(() -> ChatServer.model(server).model("o3").build()
                .chat(new ChatRequest(HELLO, List.of(), ChatOptions.builder().topP(0.5).build())));
        assertThat(topP).hasMessageContaining("o3 is a reasoning model, which rejects topP");
        assertThat(requests(server)).isEmpty();
    }

    @Test
    void reasoningModelCanBeForcedEitherWay() {
        script(server, answer("ok"));
        ChatServer.model(server).model("o3").reasoningModel(false).temperature(0.2).build()
                .chat(new ChatRequest(HELLO, List.of()));
        ChatServer.model(server).model("my-deployment").reasoningModel(true).build()
                .chat(new ChatRequest(HELLO, List.of()));
        ChatServer.model(server).model("gpt-5.1").temperature(0.2).build()
                .chat(new ChatRequest(HELLO, List.of(), ChatOptions.builder().reasoningEffort("none").build()));
        List<JsonNode> sent = requests(server);
        assertThat(sent.get(0).path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.get(0).path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(sent.get(1).path("messages").get(0).path("role").asString()).isEqualTo("developer");
        assertThat(sent.get(2).path("temperature").asDouble()).as("reasoning effort none samples again")
                .isEqualTo(0.2);
    }

    // ---------------------------------------------------------------- response

    @Test
    void aResponseCarriesEveryChoiceLogprobsFingerprintTierIdAndUsageDetails() {
        String body = resource(FIXTURES + "two-choices-with-logprobs.json");
        assertThat(OpenAiSchemas.problems("CreateChatCompletionResponse", JSON.readTree(body))).isEmpty();
        script(server, ChatServer.json(body));

        ChatResponse response = ChatServer.model(server).build()
                .chat(new ChatRequest(HELLO, List.of(), ChatOptions.builder().n(2).topLogprobs(2).build()));

        assertThat(response.message().content()).isEqualTo("Hello there");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.systemFingerprint()).isEqualTo("fp_f33640a400");
        assertThat(response.id()).isEqualTo("chatcmpl-params-1");
        assertThat(response.serviceTier()).isEqualTo("default");
        assertThat(response.choices()).hasSize(2);
        assertThat(response.choices().get(1).message().content()).isEqualTo("Hi!");
        assertThat(response.choices().get(1).finishReason()).isEqualTo(FinishReason.LENGTH);
        Logprobs logprobs = response.logprobs();
        assertThat(logprobs.content()).extracting(Logprobs.Token::token).containsExactly("Hello", " there");
        Logprobs.Token hello = logprobs.content().get(0);
        assertThat(hello.logprob()).isEqualTo(-0.0009);
        assertThat(hello.bytes()).containsExactly(72, 101, 108, 108, 111);
        assertThat(hello.top()).extracting(Logprobs.Token::token).containsExactly("Hello", "Hi");
        assertThat(hello.top().get(1).logprob()).isEqualTo(-7.25);
        assertThat(logprobs.refusal()).isEmpty();
        assertThat(response.choices().get(1).logprobs().content()).hasSize(2);
        Usage usage = response.usage();
        assertThat(usage.promptTokens()).isEqualTo(2006);
        assertThat(usage.cachedPromptTokens()).isEqualTo(1920);
        assertThat(usage.reasoningTokens()).isEqualTo(192);
        assertThat(usage.details()).isEqualTo(Usage.Details.builder().promptAudioTokens(3).completionAudioTokens(5)
                .acceptedPredictionTokens(7).rejectedPredictionTokens(11).build());
        assertThat(usage.known()).isTrue();
    }

    @Test
    void aStreamCarriesLogprobsFingerprintTierIdAndUsageDetails() {
        String body = resource(FIXTURES + "stream-with-logprobs.sse");
        for (JsonNode chunk : Sse.chunks(body)) {
            assertThat(OpenAiSchemas.problems("CreateChatCompletionStreamResponse", chunk)).as(chunk.toString())
                    .isEmpty();
        }
        script(server, Sse.stream(body));
        List<String> deltas = Collections.synchronizedList(new ArrayList<>());

        ChatResponse response = ChatServer.model(server).model("o3").build()
                .stream(new ChatRequest(HELLO, List.of(), ChatOptions.builder().logprobs(true).build()), deltas::add,
                        new Cancellation());

        assertThat(String.join("", deltas)).isEqualTo("Hello there");
        assertThat(response.systemFingerprint()).isEqualTo("fp_stream_1");
        assertThat(response.id()).isEqualTo("chatcmpl-params-2");
        assertThat(response.serviceTier()).isEqualTo("flex");
        assertThat(response.logprobs().content()).extracting(Logprobs.Token::token).containsExactly("Hello", " there");
        assertThat(response.logprobs().content().get(1).top()).hasSize(1);
        assertThat(response.usage().cachedPromptTokens()).isEqualTo(1024);
        assertThat(response.usage().reasoningTokens()).isEqualTo(200);
        assertThat(response.choices()).hasSize(1);
    }

    @Test
    void aStreamOfTwoChoicesReturnsBothAndForwardsOnlyTheFirst() {
        String body = resource("openai/recorded/stream-two-choices.sse");
        script(server, Sse.stream(body));
        List<String> deltas = Collections.synchronizedList(new ArrayList<>());

        ChatResponse response = ChatServer.model(server).build()
                .stream(new ChatRequest(HELLO, List.of(), ChatOptions.builder().n(2).build()), deltas::add,
                        new Cancellation());

        StringBuilder second = new StringBuilder();
        for (JsonNode chunk : Sse.chunks(body)) {
            for (JsonNode choice : chunk.path("choices")) {
                if (choice.path("index").asInt() == 1) {
                    second.append(choice.path("delta").path("content").asString(""));
                }
            }
        }
        assertThat(response.choices()).hasSize(2);
        assertThat(response.choices().get(0).message()).isEqualTo(response.message());
        assertThat(response.choices().get(1).message().content()).isEqualTo(second.toString()).isNotEmpty()
                .isNotEqualTo(response.message().content());
        assertThat(String.join("", deltas)).isEqualTo(response.message().content());
        assertThat(response.systemFingerprint()).isEqualTo("fp_0ba0d124f1");
    }

    @Test
    void theAgentAnswersWithTheFirstOfSeveralChoices() {
        script(server, fixture(FIXTURES + "two-choices-with-logprobs.json"));
        AgentResult result = Agent.builder().model(ChatServer.model(server).build())
                .options(ChatOptions.builder().n(2).build()).build().run("Say hello");
        assertThat(result.text()).isEqualTo("Hello there");
        assertThat(requests(server).get(0).path("n").asInt()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- usage and cost

    @Test
    void aRunThatHitsThePromptCacheIsPricedWithTheCachedInputPrice() {
        script(server, fixture(FIXTURES + "two-choices-with-logprobs.json"));
        PriceTable prices = PriceTable.empty().with("gpt-4o", Price.of("2.50", "1.25", "10.00"));
        AgentResult result = Agent.builder().model(ChatServer.model(server).model("gpt-4o").build()).prices(prices)
                .build().run("Say hello");
        // 86 uncached prompt tokens at 2.50, 1,920 cached at 1.25, 300 completion (192 of them reasoning) at 10.00
        BigDecimal expected = new BigDecimal("0.000215").add(new BigDecimal("0.0024")).add(new BigDecimal("0.003"));
        assertThat(result.cost()).hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo(expected));
        assertThat(result.usage().cachedPromptTokens()).isEqualTo(1920);
    }

    @Test
    void theCostExampleOfTheGuideIsRight() {
        // docs/memory.md, "Usage and cost"
        PriceTable prices = PriceTable.empty().with("gpt-4o", Price.of("2.50", "1.25", "10.00"));
        Usage usage = Usage.builder().promptTokens(2006).completionTokens(300).cachedPromptTokens(1920)
                .reasoningTokens(192).build();
        assertThat(prices.cost("gpt-4o", usage)).hasValue(new BigDecimal("0.005615"));
        assertThat(prices.cost("gpt-4o", Usage.of(2006, 300))).hasValue(new BigDecimal("0.008015"));
    }

    @Test
    void theExtraBodyExampleOfTheGuideSendsWhatItSays() {
        // docs/models.md, "Anything else: extraBody and extraHeaders", pointed at the test server
        script(server, Sse.stream(Sse.events(Sse.text("ok"), Sse.finish("stop"))));
        Map<String, Object> noUsageChunk = new java.util.HashMap<>();
        noUsageChunk.put("stream_options", null);
        OpenAiChatModel llama = OpenAiChatModel.builder()
                .baseUrl(ChatServer.baseUrl(server)).apiKey("none").model("qwen2.5")
                .extraBody(Map.of("top_k", 40, "chat_template_kwargs", Map.of("enable_thinking", false)))
                .extraHeaders(Map.of("X-Gateway-Key", "gw-1"))
                .options(ChatOptions.builder().extraBody(noUsageChunk).build())
                .build();
        llama.stream(new ChatRequest(HELLO, List.of()), delta -> { }, new Cancellation());
        JsonNode body = requests(server).get(0);
        assertThat(body.path("top_k").asInt()).isEqualTo(40);
        assertThat(body.path("chat_template_kwargs").path("enable_thinking").asBoolean(true)).isFalse();
        assertThat(body.has("stream_options")).isFalse();
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getHeader("X-Gateway-Key"))
                .isEqualTo("gw-1");
    }

    @Test
    void usageDetailsSurviveTheRecordingShape() {
        Usage usage = Usage.builder().promptTokens(30).completionTokens(15).cachedPromptTokens(12).reasoningTokens(5)
                .details(Usage.Details.builder().promptAudioTokens(11).completionAudioTokens(22)
                        .acceptedPredictionTokens(33).rejectedPredictionTokens(44).build())
                .build();
        JsonNode written = ChatJson.write(usage);
        assertThat(OpenAiSchemas.problems("CompletionUsage", written)).isEmpty();
        assertThat(ChatJson.readUsage(written)).isEqualTo(usage);
        assertThat(ChatJson.readUsage(ChatJson.write(Usage.UNKNOWN))).isEqualTo(Usage.UNKNOWN);
    }
}
