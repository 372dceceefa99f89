package io.agent4j.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.agent4j.testing.ChatServer.KEY;
import static io.agent4j.testing.ChatServer.PATH;
import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.agent4j.Agent;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ImagePart;
import io.agent4j.chat.Message;
import io.agent4j.chat.ResponseFormat;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.TextPart;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolChoice;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.Images;
import io.agent4j.testing.OpenAiSchemas;
import io.agent4j.testing.TravelTools;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the client sends: every body it can produce conforms to the official
 * CreateChatCompletionRequest schema and uses only parameter names that schema knows (the schema
 * alone allows unknown names, so a misspelt one would pass it); out-of-range parameters fail
 * before anything is sent; defaults, agent options and per-run overrides reach the body; the
 * headers for OpenAI, organizations and projects, gateways and Azure.
 */
class RequestSideTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<ToolDefinition> TOOLS = Toolbox.of(new TravelTools()).definitions();

    /** A conversation with every kind of message: system, user, assistant calling tools, tool results. */
    private static final List<Message> CONVERSATION = List.of(
            new SystemMessage("You are a concise travel assistant."),
            new UserMessage("Weather and time in Seoul?"),
            new AssistantMessage("Let me check.", List.of(
                    new ToolCall("call_1", "weather", "{\"city\":\"Seoul\",\"unit\":\"CELSIUS\"}"),
                    new ToolCall("call_2", "localTime", "{\"city\":\"Seoul\"}"))),
            new ToolMessage("call_1", "weather", "{\"city\":\"Seoul\",\"temperature\":21}"),
            new ToolMessage("call_2", "localTime", "14:05 in Seoul"),
            new AssistantMessage(null, List.of(new ToolCall("call_3", "add", "{\"a\":1,\"b\":2}"))),
            new ToolMessage("call_3", "add", "3"),
            new AssistantMessage("Sunny, 21 degrees, 14:05.", List.of()),
            new UserMessage("Thanks!"));

    private static final ImagePart PHOTO = ImagePart.fromBytes(Images.png(8, 8), "image/png", ImagePart.Detail.LOW);

    /**
     * {@link #CONVERSATION} and the messages that only some runs hold: a user message with images (a
     * {@code data:} URL and an https URL), a refusal, an empty answer, a tool's image after its tool message.
     */
    private static final List<Message> EVERY_KIND_OF_MESSAGE = Stream.concat(CONVERSATION.stream(), Stream.of(
            UserMessage.of(new TextPart("Where was this taken?"), PHOTO,
                    ImagePart.url(URI.create("https://example.com/seoul.jpg"), ImagePart.Detail.HIGH)),
            new AssistantMessage(null, List.of(), "I'm sorry, I cannot identify places in photos."),
            new UserMessage("Fine."),
            new AssistantMessage(null, List.of()),
            new UserMessage("Show me the street."),
            new AssistantMessage(null, List.of(new ToolCall("call_4", "weather", "{\"city\":\"Seoul\"}"))),
            new ToolMessage("call_4", "weather", "Sunny.\n[1 image(s): in the next user message]"),
            UserMessage.of(new TextPart("The image(s) returned by tool 'weather' (call call_4):"), PHOTO)))
            .toList();

    /** The top-level parameter names CreateChatCompletionRequest declares (through allOf and $ref). */
    private static final Set<String> KNOWN_PARAMETERS = knownParameters();

    private static Set<String> knownParameters() {
        JsonNode defs = JSON.readTree(ChatServer.resource("openai/chat-schemas.json")).path("$defs");
        Set<String> names = new HashSet<>();
        collect(defs, defs.path("CreateChatCompletionRequest"), names);
        return names;
    }

    private static void collect(JsonNode defs, JsonNode schema, Set<String> names) {
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asString();
            collect(defs, defs.path(ref.substring(ref.lastIndexOf('/') + 1)), names);
        }
        for (JsonNode part : schema.path("allOf")) {
            collect(defs, part, names);
        }
        schema.path("properties").propertyNames().forEach(names::add);
    }

    private static void assertConforms(JsonNode body) {
        assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", body)).as(body.toString()).isEmpty();
        Set<String> sent = new HashSet<>(body.propertyNames());
        assertThat(KNOWN_PARAMETERS).as("parameter names the spec knows").containsAll(sent);
        assertNoNulls(body);
        // the spec says so only in words, not in the schema, and llama-server refuses the message otherwise
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asString().equals("assistant")) {
                assertThat(message.has("content") || message.has("tool_calls"))
                        .as("an assistant message needs content unless it has tool_calls: %s", message).isTrue();
            }
        }
    }

    private static void assertNoNulls(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                assertThat(field.getValue().isNull()).as("null value of %s in %s", field.getKey(), node).isFalse();
                assertNoNulls(field.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(RequestSideTest::assertNoNulls);
        }
    }

    private static ObjectNode schema() {
        ObjectNode schema = JSON.createObjectNode().put("type", "object").put("additionalProperties", false);
        schema.putObject("properties").putObject("answer").put("type", "string");
        schema.putArray("required").add("answer");
        return schema;
    }

    // ---------------------------------------------------------------- every body conforms

    static Stream<Arguments> everyOption() {
        Map<String, Supplier<ChatOptions.Builder>> cases = new LinkedHashMap<>();
        cases.put("nothing set", ChatOptions::builder);
        cases.put("tool_choice auto", () -> ChatOptions.builder().toolChoice(ToolChoice.AUTO));
        cases.put("tool_choice none", () -> ChatOptions.builder().toolChoice(ToolChoice.NONE));
        cases.put("tool_choice required", () -> ChatOptions.builder().toolChoice(ToolChoice.REQUIRED));
        cases.put("tool_choice function", () -> ChatOptions.builder().toolChoice(ToolChoice.function("weather")));
        cases.put("parallel_tool_calls false", () -> ChatOptions.builder().parallelToolCalls(false));
        cases.put("parallel_tool_calls true", () -> ChatOptions.builder().parallelToolCalls(true));
        cases.put("response_format text", () -> ChatOptions.builder().responseFormat(ResponseFormat.text()));
        cases.put("response_format json_object",
                () -> ChatOptions.builder().responseFormat(ResponseFormat.jsonObject()));
        cases.put("response_format json_schema",
                () -> ChatOptions.builder().responseFormat(ResponseFormat.jsonSchema("travel_answer", schema(), true)));
        cases.put("seed", () -> ChatOptions.builder().seed(42L));
        cases.put("user", () -> ChatOptions.builder().user("user-1234"));
        cases.put("penalties", () -> ChatOptions.builder().frequencyPenalty(-2.0).presencePenalty(2.0));
        cases.put("logit_bias", () -> ChatOptions.builder().logitBias(Map.of(50256, -100, 1734, 100)));
        cases.put("stop", () -> ChatOptions.builder().stop(List.of("END", "STOP", "\n\n", "###")));
        cases.put("max tokens", () -> ChatOptions.builder().maxTokens(512));
        cases.put("sampling at the edges", () -> ChatOptions.builder().temperature(2.0).topP(1.0));
        cases.put("sampling at zero", () -> ChatOptions.builder().temperature(0.0).topP(0.01));
        for (String effort : ChatOptions.REASONING_EFFORTS) {
            cases.put("reasoning_effort " + effort, () -> ChatOptions.builder().reasoningEffort(effort));
        }
        for (String verbosity : ChatOptions.VERBOSITIES) {
            cases.put("verbosity " + verbosity, () -> ChatOptions.builder().verbosity(verbosity));
        }
        for (String tier : ChatOptions.SERVICE_TIERS) {
            cases.put("service_tier " + tier, () -> ChatOptions.builder().serviceTier(tier));
        }
        cases.put("logprobs", () -> ChatOptions.builder().logprobs(true).topLogprobs(20));
        cases.put("logprobs false", () -> ChatOptions.builder().logprobs(false));
        cases.put("metadata", () -> ChatOptions.builder().metadata(Map.of("team", "search", "k".repeat(64), "v")));
        cases.put("store", () -> ChatOptions.builder().store(true));
        cases.put("safety_identifier", () -> ChatOptions.builder().safetyIdentifier("s".repeat(64)));
        cases.put("prompt_cache_key", () -> ChatOptions.builder().promptCacheKey("travel-v1"));
        cases.put("prediction", () -> ChatOptions.builder().prediction("Sunny, 21 degrees."));
        cases.put("n", () -> ChatOptions.builder().n(128));
        cases.put("extra body", () -> ChatOptions.builder().extraBody(Map.of("modalities", List.of("text"))));
        cases.put("reasoning model", () -> ChatOptions.builder().model("o4-mini").maxTokens(2000)
                .reasoningEffort("high"));
        cases.put("everything", () -> ChatOptions.builder().model("gpt-4o").temperature(0.7).topP(0.9).maxTokens(100)
                .stop(List.of("END")).seed(-7L).toolChoice(ToolChoice.REQUIRED).parallelToolCalls(false)
                .responseFormat(ResponseFormat.jsonSchema("travel_answer", schema(), false)).user("u")
                .frequencyPenalty(0.5).presencePenalty(-0.5).logitBias(Map.of(1, 1)).reasoningEffort("low")
                .verbosity("low").serviceTier("auto").logprobs(true).topLogprobs(3).metadata(Map.of("a", "b"))
                .store(false).safetyIdentifier("hash-1").promptCacheKey("k").prediction("Sunny").n(3));
        cases.put("everything, reasoning model", () -> ChatOptions.builder().model("gpt-5").maxTokens(100)
                .stop(List.of("END")).seed(-7L).toolChoice(ToolChoice.REQUIRED).parallelToolCalls(false)
                .responseFormat(ResponseFormat.jsonSchema("travel_answer", schema(), false)).user("u")
                .reasoningEffort("minimal").verbosity("high").serviceTier("priority").metadata(Map.of("a", "b"))
                .store(true).safetyIdentifier("hash-1").promptCacheKey("k").n(2));
        return cases.entrySet().stream().flatMap(c -> Stream.of(
                Arguments.of(c.getKey(), c.getValue().get().build(), false, false),
                Arguments.of(c.getKey() + ", streamed", c.getValue().get().build(), true, false),
                Arguments.of(c.getKey() + ", legacy max_tokens", c.getValue().get().build(), false, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOption")
    void everyRequestBodyConformsToTheOfficialSchema(String name, ChatOptions options, boolean stream,
            boolean legacyMaxTokens) {
        script(server, stream ? Sse.stream(Sse.events(Sse.text("ok"), Sse.finish("stop"))) : answer("ok"));
        OpenAiChatModel model = ChatServer.model(server).legacyMaxTokens(legacyMaxTokens).build();
        ChatRequest request = new ChatRequest(EVERY_KIND_OF_MESSAGE, TOOLS, options);
        if (stream) {
            model.stream(request, delta -> { }, new Cancellation());
        } else {
            model.chat(request);
        }
        JsonNode body = requests(server).get(0);
        assertConforms(body);
        assertThat(body).isEqualTo(JSON.readTree(model.requestBody(request, stream).toString()));
        assertThat(body.path("messages")).hasSize(EVERY_KIND_OF_MESSAGE.size());
        assertThat(body.path("messages").toString()).contains("\"image_url\"").contains("\"refusal\"")
                .contains("data:image/png;base64,").contains("https://example.com/seoul.jpg");
        String instructionsRole = body.path("messages").get(0).path("role").asString();
        assertThat(instructionsRole).isEqualTo(options.model() != null && options.model().matches("o4-mini|gpt-5")
                ? "developer" : "system");
        assertThat(body.path("tools")).hasSize(TOOLS.size());
        assertThat(body.path("stream").asBoolean(false)).isEqualTo(stream);
        assertThat(body.path("stream_options").path("include_usage").asBoolean(false)).isEqualTo(stream);
        if (options.maxTokens() != null) {
            boolean legacy = legacyMaxTokens && instructionsRole.equals("system");
            assertThat(body.path(legacy ? "max_tokens" : "max_completion_tokens").asInt())
                    .isEqualTo(options.maxTokens());
            assertThat(body.has(legacy ? "max_completion_tokens" : "max_tokens")).isFalse();
        }
        // without tools the same options still give a valid body (tool parameters are left out)
        JsonNode withoutTools = model.requestBody(new ChatRequest(List.of(new UserMessage("Hi")), List.of(), options),
                stream);
        assertConforms(withoutTools);
        assertThat(withoutTools.has("tool_choice")).isFalse();
        assertThat(withoutTools.has("parallel_tool_calls")).isFalse();
    }

    @Test
    void eachOptionIsWrittenUnderItsWireNameWithItsValue() {
        script(server, answer("ok"));
        ChatOptions options = ChatOptions.builder().model("gpt-4o").temperature(0.7).topP(0.9).maxTokens(100)
                .stop(List.of("END")).seed(42L).toolChoice(ToolChoice.function("weather")).parallelToolCalls(false)
                .responseFormat(ResponseFormat.jsonSchema("travel_answer", schema(), true)).user("user-1234")
                .frequencyPenalty(0.5).presencePenalty(-0.5).logitBias(Map.of(50256, -100)).build();
        ChatServer.model(server).build().chat(new ChatRequest(CONVERSATION, TOOLS, options));
        JsonNode body = requests(server).get(0);
        assertThat(body.path("model").asString()).isEqualTo("gpt-4o");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(100);
        assertThat(body.path("stop").toString()).isEqualTo("[\"END\"]");
        assertThat(body.path("seed").asLong()).isEqualTo(42L);
        assertThat(body.path("tool_choice").toString())
                .isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"weather\"}}");
        assertThat(body.path("parallel_tool_calls").asBoolean(true)).isFalse();
        assertThat(body.path("response_format").path("type").asString()).isEqualTo("json_schema");
        assertThat(body.path("response_format").path("json_schema").path("name").asString()).isEqualTo("travel_answer");
        assertThat(body.path("response_format").path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(body.path("response_format").path("json_schema").path("schema")).isEqualTo(schema());
        assertThat(body.path("user").asString()).isEqualTo("user-1234");
        assertThat(body.path("frequency_penalty").asDouble()).isEqualTo(0.5);
        assertThat(body.path("presence_penalty").asDouble()).isEqualTo(-0.5);
        assertThat(body.path("logit_bias").toString()).isEqualTo("{\"50256\":-100}");
        assertThat(body.has("stream")).isFalse();
        assertThat(body.has("stream_options")).isFalse();
        JsonNode assistant = body.path("messages").get(2);
        assertThat(assistant.path("content").asString()).isEqualTo("Let me check.");
        assertThat(assistant.path("tool_calls").get(1).toString()).isEqualTo("{\"id\":\"call_2\",\"type\":\"function\","
                + "\"function\":{\"name\":\"localTime\",\"arguments\":\"{\\\"city\\\":\\\"Seoul\\\"}\"}}");
        assertThat(body.path("messages").get(5).has("content")).isFalse();
        assertThat(body.path("messages").get(4).toString())
                .isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"call_2\",\"content\":\"14:05 in Seoul\"}");
        assertConforms(body);
    }

    // ---------------------------------------------------------------- out of range: nothing sent

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().temperature(2.5).build(),
                        "temperature must be between 0 and 2, was 2.5"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().temperature(-0.1).build(),
                        "temperature must be between 0 and 2, was -0.1"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().topP(0.0).build(),
                        "topP must be greater than 0 and at most 1, was 0.0"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().topP(1.5).build(),
                        "topP must be greater than 0 and at most 1, was 1.5"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().maxTokens(0).build(),
                        "maxTokens must be at least 1, was 0"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().stop(List.of("a", "b", "c", "d", "e")).build(),
                        "stop takes 1 to 4 non-empty sequences"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().stop(List.of()).build(),
                        "stop takes 1 to 4 non-empty sequences"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().stop(List.of("")).build(),
                        "stop takes 1 to 4 non-empty sequences"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().frequencyPenalty(2.1).build(),
                        "frequencyPenalty must be between -2 and 2, was 2.1"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().presencePenalty(-3.0).build(),
                        "presencePenalty must be between -2 and 2, was -3.0"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().logitBias(Map.of(50256, 101)).build(),
                        "logitBias values must be between -100 and 100"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().user(" ").build(), "user must not be blank"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().model(" ").build(), "model must not be blank"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().reasoningEffort("extreme").build(),
                        "reasoningEffort must be one of none, minimal, low, medium, high, xhigh, max, was extreme"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().verbosity("loud").build(),
                        "verbosity must be one of low, medium, high, was loud"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().serviceTier("gold").build(),
                        "serviceTier must be one of auto, default, flex, scale, priority, fast, was gold"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().topLogprobs(21).build(),
                        "topLogprobs must be between 0 and 20, was 21"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().topLogprobs(-1).build(),
                        "topLogprobs must be between 0 and 20, was -1"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().logprobs(false).topLogprobs(3).build(),
                        "topLogprobs needs logprobs"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().metadata(manyTags(17)).build(),
                        "metadata takes at most 16 pairs, was 17"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().metadata(Map.of("k".repeat(65), "v")).build(),
                        "metadata keys must be 1 to 64 characters and values at most 512"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().metadata(Map.of("k", "v".repeat(513))).build(),
                        "metadata keys must be 1 to 64 characters and values at most 512"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().safetyIdentifier("s".repeat(65)).build(),
                        "safetyIdentifier must be 1 to 64 characters"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().promptCacheKey(" ").build(),
                        "promptCacheKey must not be blank"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().prediction("").build(),
                        "prediction must not be empty"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().n(0).build(), "n must be between 1 and 128, was 0"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().n(129).build(),
                        "n must be between 1 and 128, was 129"),
                Arguments.of((Supplier<?>) () -> ChatOptions.builder().extraBody(Map.of(" ", 1)).build(),
                        "extraBody field names must not be blank"),
                Arguments.of((Supplier<?>) () -> ChatServer.model(server).model("o3").temperature(1.0).build(),
                        "o3 is a reasoning model, which rejects temperature"),
                Arguments.of((Supplier<?>) () -> ToolChoice.function(" "), "a function name goes with tool choice"),
                Arguments.of((Supplier<?>) () -> new ToolChoice("any", null),
                        "tool choice must be auto, none, required or function"),
                Arguments.of((Supplier<?>) () -> ResponseFormat.jsonSchema("bad name!", schema(), true),
                        "json_schema needs a schema and a name matching"),
                Arguments.of((Supplier<?>) () -> ChatServer.model(server).temperature(3.0).build(),
                        "temperature must be between 0 and 2, was 3.0"),
                Arguments.of((Supplier<?>) () -> ChatServer.model(server).maxTokens(-1).build(),
                        "maxTokens must be at least 1, was -1"),
                Arguments.of((Supplier<?>) () -> ChatServer.model(server).stop("a", "b", "c", "d", "e").build(),
                        "stop takes 1 to 4 non-empty sequences"),
                Arguments.of((Supplier<?>) () -> ChatServer.model(server).maxRetries(-1).build(),
                        "maxRetries must not be negative, was -1"),
                Arguments.of((Supplier<?>) () -> ChatServer.model(server).readTimeout(Duration.ofSeconds(-1)).build(),
                        "readTimeout must be 0 (no limit) or between 1 ms and PT596H31M23.647S, was PT-1S"),
                Arguments.of((Supplier<?>) () -> ChatServer.model(server).connectTimeout(Duration.ofNanos(5)).build(),
                        "connectTimeout must be 0 (no limit) or between 1 ms"),
                Arguments.of((Supplier<?>) () -> ChatServer.model(server).callTimeout(Duration.ofDays(30)).build(),
                        "callTimeout must be 0 (no limit) or between 1 ms"),
                Arguments.of((Supplier<?>) () -> ChatServer.model(server)
                        .options(ChatOptions.builder().seed(1L).build()).topP(2.0).build(),
                        "topP must be greater than 0 and at most 1, was 2.0"));
    }

    private static Map<String, String> manyTags(int count) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            tags.put("tag" + i, "v");
        }
        return tags;
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("outOfRange")
    void parametersOutOfRangeFailBeforeAnyRequestNamingParameterAndRange(Supplier<?> attempt, String message) {
        script(server, answer("must not be asked"));
        Throwable thrown = catchThrowable(() -> {
            Object built = attempt.get();
            OpenAiChatModel model = built instanceof OpenAiChatModel m ? m : ChatServer.model(server).build();
            model.chat(new ChatRequest(List.of(new UserMessage("Hi")), TOOLS, built instanceof ChatOptions o ? o : null));
        });
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        assertThat(requests(server)).isEmpty();
    }

    // ---------------------------------------------------------------- defaults and overrides

    @Test
    void modelDefaultsAgentOptionsAndPerRunOverridesReachTheBody() {
        script(server, answer("ok"));
        OpenAiChatModel model = ChatServer.model(server).model("gpt-4o").temperature(1.0).topP(0.9).maxTokens(300)
                .stop("END").build();
        Agent agent = Agent.builder().model(model).tools(new TravelTools())
                .options(ChatOptions.builder().temperature(0.3).seed(7L).toolChoice(ToolChoice.REQUIRED)
                        .user("agent-user").build())
                .build();

        agent.run("first");
        agent.withOptions(ChatOptions.builder().temperature(0.0).maxTokens(50).model("gpt-4o-mini")
                .toolChoice(ToolChoice.AUTO).parallelToolCalls(false).build()).run("second");
        agent.run("third");

        List<JsonNode> sent = requests(server);
        assertThat(sent).hasSize(3);
        JsonNode first = sent.get(0);
        assertThat(first.path("model").asString()).isEqualTo("gpt-4o");
        assertThat(first.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(first.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(first.path("max_completion_tokens").asInt()).isEqualTo(300);
        assertThat(first.path("stop").toString()).isEqualTo("[\"END\"]");
        assertThat(first.path("seed").asLong()).isEqualTo(7L);
        assertThat(first.path("tool_choice").asString()).isEqualTo("required");
        assertThat(first.path("user").asString()).isEqualTo("agent-user");
        assertThat(first.has("parallel_tool_calls")).isFalse();
        JsonNode second = sent.get(1);
        assertThat(second.path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(second.path("temperature").asDouble()).isEqualTo(0.0);
        assertThat(second.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(second.path("max_completion_tokens").asInt()).isEqualTo(50);
        assertThat(second.path("seed").asLong()).isEqualTo(7L);
        assertThat(second.path("tool_choice").asString()).isEqualTo("auto");
        assertThat(second.path("parallel_tool_calls").asBoolean(true)).isFalse();
        assertThat(second.path("user").asString()).isEqualTo("agent-user");
        assertThat(sent.get(2)).as("withOptions leaves the agent unchanged")
                .isEqualTo(((ObjectNode) first.deepCopy()).set("messages", sent.get(2).path("messages")));
        assertThat(sent.get(2).path("messages").get(0).path("content").asString()).isEqualTo("third");
        sent.forEach(RequestSideTest::assertConforms);
    }

    @Test
    void agentOptionsReachEveryStepOfAStreamedRun() {
        script(server, Sse.stream(Sse.events(Sse.toolDelta(0, "call_1", "localTime", "{\"city\":\"Oslo\"}"),
                Sse.finish("tool_calls"))), Sse.stream(Sse.events(Sse.text("14:05"), Sse.finish("stop"))));
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(new TravelTools())
                .options(ChatOptions.builder().seed(11L).responseFormat(ResponseFormat.jsonObject()).build()).build();
        agent.withOptions(ChatOptions.builder().temperature(0.1).build()).stream("time in Oslo?", delta -> { });
        List<JsonNode> sent = requests(server);
        assertThat(sent).hasSize(2);
        for (JsonNode body : sent) {
            assertThat(body.path("seed").asLong()).isEqualTo(11L);
            assertThat(body.path("temperature").asDouble()).isEqualTo(0.1);
            assertThat(body.path("response_format").toString()).isEqualTo("{\"type\":\"json_object\"}");
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(body.path("stream_options").toString()).isEqualTo("{\"include_usage\":true}");
            assertConforms(body);
        }
    }

    @Test
    void builderDefaultsAreOverriddenByRequestOptionsWithoutLosingTheRest() {
        OpenAiChatModel model = ChatServer.model(server).options(ChatOptions.builder().seed(3L).user("d")
                .temperature(0.5).build()).build();
        ObjectNode body = model.requestBody(new ChatRequest(List.of(new UserMessage("Hi")), List.of(),
                ChatOptions.builder().temperature(1.5).build()), false);
        assertThat(body.path("model").asString()).isEqualTo(OpenAiChatModel.DEFAULT_MODEL);
        assertThat(body.path("seed").asLong()).isEqualTo(3L);
        assertThat(body.path("user").asString()).isEqualTo("d");
        assertThat(body.path("temperature").asDouble()).isEqualTo(1.5);
        assertConforms(body);
    }

    // ---------------------------------------------------------------- headers

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> all = server.findAll(postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void openAiRequestsCarryBearerKeyUserAgentAndContentType() {
        script(server, answer("ok"));
        ChatServer.model(server).environment(name -> null).build()
                .chat(new ChatRequest(List.of(new UserMessage("Hi")), List.of()));
        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.getHeader("User-Agent")).startsWith("agent4j/").matches("agent4j/\\S+");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
        assertThat(request.containsHeader("api-key")).isFalse();
        assertThat(request.containsHeader("OpenAI-Organization")).isFalse();
        assertThat(request.containsHeader("OpenAI-Project")).isFalse();
        assertThat(request.getUrl()).isEqualTo(PATH);
    }

    @Test
    void streamedRequestsAcceptEventStreams() {
        script(server, Sse.stream(Sse.events(Sse.text("ok"), Sse.finish("stop"))));
        ChatServer.model(server).build().stream(new ChatRequest(List.of(new UserMessage("Hi")), List.of()),
                delta -> { }, new Cancellation());
        assertThat(onlyRequest().getHeader("Accept")).isEqualTo("text/event-stream");
    }

    @Test
    void organizationAndProjectComeFromTheBuilder() {
        script(server, answer("ok"));
        ChatServer.model(server).environment(Map.of("OPENAI_ORG_ID", "org-env", "OPENAI_PROJECT_ID", "proj_env")::get)
                .organization("org-builder").project("proj_builder").build()
                .chat(new ChatRequest(List.of(new UserMessage("Hi")), List.of()));
        LoggedRequest request = onlyRequest();
        assertThat(request.getHeaders().getHeader("OpenAI-Organization").values()).containsExactly("org-builder");
        assertThat(request.getHeaders().getHeader("OpenAI-Project").values()).containsExactly("proj_builder");
    }

    @Test
    void organizationAndProjectComeFromTheEnvironment() {
        script(server, answer("ok"));
        ChatServer.model(server).environment(Map.of("OPENAI_ORG_ID", "org-env", "OPENAI_PROJECT_ID", "proj_env")::get)
                .build().chat(new ChatRequest(List.of(new UserMessage("Hi")), List.of()));
        server.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("OpenAI-Organization", equalTo("org-env"))
                .withHeader("OpenAI-Project", equalTo("proj_env")).withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    @Test
    void extraHeadersAreSentWithEveryRequest() {
        script(server, toolCalls(new String[] {"c1", "localTime", "{\"city\":\"Oslo\"}"}), answer("ok"));
        Agent.builder().model(ChatServer.model(server).header("X-Gateway-Key", "gw-1").header("X-Trace", "t-9")
                .build()).tools(new TravelTools()).build().run("time?");
        List<LoggedRequest> all = server.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(all).hasSize(2).allSatisfy(r -> {
            assertThat(r.getHeader("X-Gateway-Key")).isEqualTo("gw-1");
            assertThat(r.getHeader("X-Trace")).isEqualTo("t-9");
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        });
    }

    @Test
    void azureModeSendsApiKeyHeaderApiVersionAndUsesTheDeploymentUrl() {
        String deployment = "/openai/deployments/gpt-4o-mini-prod";
        server.stubFor(post(urlPathEqualTo(deployment + "/chat/completions"))
                .withQueryParam("api-version", equalTo("2024-10-21")).willReturn(answer("from azure")));
        OpenAiChatModel azure = OpenAiChatModel.builder().environment(name -> null).apiKey("azure-key-123")
                .azure("2024-10-21").baseUrl("http://127.0.0.1:" + server.getPort() + deployment).build();
        assertThat(azure.endpoint()).isEqualTo("http://127.0.0.1:" + server.getPort() + deployment
                + "/chat/completions?api-version=2024-10-21");

        String text = azure.chat(new ChatRequest(List.of(new UserMessage("Hi")), List.of())).message().content();

        assertThat(text).isEqualTo("from azure");
        List<LoggedRequest> all = server.findAll(postRequestedFor(urlPathEqualTo(deployment + "/chat/completions")));
        assertThat(all).hasSize(1);
        LoggedRequest request = all.get(0);
        assertThat(request.getHeader("api-key")).isEqualTo("azure-key-123");
        assertThat(request.containsHeader("Authorization")).isFalse();
        assertThat(request.getHeader("User-Agent")).startsWith("agent4j/");
        assertThat(request.queryParameter("api-version").firstValue()).isEqualTo("2024-10-21");
        assertConforms(JSON.readTree(request.getBodyAsString()));
        server.verify(0, postRequestedFor(urlPathEqualTo(PATH)));
        server.verify(postRequestedFor(urlPathEqualTo(deployment + "/chat/completions"))
                .withHeader("api-key", matching("azure-key-123")));
    }

    @Test
    void keyFromTheEnvironmentIsSentAndBuilderKeyWins() {
        script(server, answer("ok"));
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-from-env", "OPENAI_BASE_URL", ChatServer.baseUrl(server));
        OpenAiChatModel.builder().environment(env::get).build()
                .chat(new ChatRequest(List.of(new UserMessage("Hi")), List.of()));
        OpenAiChatModel.builder().environment(env::get).apiKey("sk-from-builder").build()
                .chat(new ChatRequest(List.of(new UserMessage("Hi")), List.of()));
        List<LoggedRequest> all = server.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(all).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("Bearer sk-from-env", "Bearer sk-from-builder");
    }

    @Test
    void theSchemaCheckRejectsWhatTheClientMustNeverSend() {
        // guards the guard: the checks above would catch these
        assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", JSON.readTree(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tool_choice\":\"sometimes\"}")))
                .isNotEmpty();
        assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", JSON.readTree(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}")))
                .isNotEmpty();
        assertThat(KNOWN_PARAMETERS).contains("max_completion_tokens", "stream_options").doesNotContain("max_completions_tokens");
        assertThatThrownBy(() -> ChatOptions.builder().temperature(9.0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
