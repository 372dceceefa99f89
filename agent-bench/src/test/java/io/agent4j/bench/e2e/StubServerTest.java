package io.agent4j.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.bench.scenario.Scenario;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.UserMessage;
import io.agent4j.openai.OpenAiChatModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The stub streams when asked to, with events that agent4j's client assembles into the scenario's steps. */
class StubServerTest {

    @Test
    void aStreamIsAskedForWithOrWithoutSpacesAroundTheColon() {
        assertThat(StubServer.streams(bytes("{\"model\":\"m\",\"stream\":true}"))).isTrue();
        assertThat(StubServer.streams(bytes("{\n  \"stream\" : true\n}"))).isTrue();
        assertThat(StubServer.streams(bytes("{\"stream\" : false, \"stream_options\":{}}"))).isFalse();
        assertThat(StubServer.streams(bytes("{\"content\":\"a stream\",\"model\":\"m\"}"))).isFalse();
    }

    @Test
    void theStreamedFirstStepAssemblesIntoTheScenariosTwoToolCalls() {
        ChatResponse step1 = assemble(StubStreams.STEP1, new ArrayList<>());

        assertThat(step1.message().toolCalls()).extracting(ToolCall::name, ToolCall::arguments).containsExactly(
                Tuple.tuple("weather", Scenario.WEATHER_ARGUMENTS),
                Tuple.tuple("packingList", Scenario.PACKING_ARGUMENTS));
    }

    @Test
    void theLongAnswerComesInItsChunksAndAddsUpToItsText() {
        List<String> deltas = new ArrayList<>();
        ChatResponse answer = assemble(StubStreams.longAnswerEvents(), deltas);

        assertThat(deltas).hasSize(Scenario.LONG_CHUNKS);
        assertThat(answer.message().content()).isEqualTo(Scenario.longAnswer());
        assertThat(assemble(StubStreams.STEP2, new ArrayList<>()).message().content()).isEqualTo(Scenario.ANSWER);
    }

    /** Streams {@code events} through {@link OpenAiChatModel}, answered from memory by an interceptor. */
    private static ChatResponse assemble(byte[] events, List<String> deltas) {
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> new Response.Builder()
                .request(chain.request()).protocol(Protocol.HTTP_1_1).code(200).message("OK")
                .body(ResponseBody.create(events, MediaType.get("text/event-stream"))).build()).build();
        OpenAiChatModel model = OpenAiChatModel.builder().apiKey("sk-bench").baseUrl("http://127.0.0.1:9/v1")
                .model(Scenario.MODEL).httpClient(http).maxRetries(0).build();
        return model.stream(new ChatRequest(List.of(new UserMessage(Scenario.PROMPT)), List.of()), deltas::add,
                Cancellation.NEVER);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
