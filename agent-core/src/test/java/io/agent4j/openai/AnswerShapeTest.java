package io.agent4j.openai;

import static io.agent4j.openai.Sse.events;
import static io.agent4j.openai.Sse.finish;
import static io.agent4j.openai.Sse.text;
import static io.agent4j.openai.Sse.toolDelta;
import static io.agent4j.openai.Sse.usage;
import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.StreamHandler;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.ModelConnectionException;
import io.agent4j.replay.RecordingChatModel;
import io.agent4j.replay.ReplayChatModel;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.TravelTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Every answer says how it ended: an answer without a choice or without a message is a typed
 * error, never an empty success; a usage the server got wrong loses neither the answer nor the
 * run, it is unknown (and so is the cost); a streamed tool call without a name goes back to the
 * model as it does from a whole response.
 */
class AnswerShapeTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static final ChatRequest HELLO = new ChatRequest(List.of(new UserMessage("Hello")), List.of());

    private ChatResponse streamed(String body) {
        script(server, Sse.stream(body));
        return ChatServer.model(server).build().stream(HELLO, delta -> { }, new Cancellation());
    }

    // ---------------------------------------------------------------- no choice, no message

    @Test
    void aStreamWithoutAnyChoiceIsATypedErrorNotAnEmptyAnswer() {
        script(server, Sse.stream(events(usage(9, 0, 9))));
        Throwable thrown = catchThrowable(() -> ChatServer.model(server).build().stream(HELLO, d -> { },
                new Cancellation()));
        assertThat(thrown).isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("ended without any choice");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void aChoiceWithoutAMessageIsATypedErrorNotAnEmptyAnswer() {
        script(server, ChatServer.json("{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"finish_reason\":\"stop\"}]}").withHeader("x-request-id", "req_no_message"));
        Throwable thrown = catchThrowable(() -> ChatServer.model(server).build().chat(HELLO));
        assertThat(thrown).isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("a choice that has no message (finish reason 'stop')")
                .hasMessageContaining("req_no_message");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void inAnAgentRunAStreamWithoutAChoiceEndsTheRunWithTheError() {
        script(server, Sse.stream(events(usage(9, 0, 9))));
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).build();
        assertThat(catchThrowable(() -> agent.stream("Hi", delta -> { })))
                .isExactlyInstanceOf(ModelConnectionException.class);
    }

    // ---------------------------------------------------------------- usage that cannot be used

    private static final String[] BAD_USAGES = {
        "{\"prompt_tokens\":-5,\"completion_tokens\":3,\"total_tokens\":-2}",
        "{\"prompt_tokens\":10,\"completion_tokens\":99999999999999999999,\"total_tokens\":10}",
        "{\"prompt_tokens\":3000000000,\"completion_tokens\":1,\"total_tokens\":3000000001}",
        "{\"prompt_tokens\":1e30,\"completion_tokens\":1,\"total_tokens\":1}",
        "{\"prompt_tokens\":10,\"completion_tokens\":\"many\",\"total_tokens\":10}",
        "{\"prompt_tokens\":10,\"completion_tokens\":2.5,\"total_tokens\":12.5}",
        "{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12,\"prompt_tokens_details\":"
                + "{\"cached_tokens\":-1}}",
    };

    private static String completion(String usage) {
        return "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Kept.\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":" + usage + "}";
    }

    private static String logged(Runnable run) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void anUnusableUsageKeepsTheAnswerAndIsUnknownAndLogged(int which) {
        script(server, ChatServer.json(completion(BAD_USAGES[which])));
        ChatResponse[] response = new ChatResponse[1];
        String logs = logged(() -> response[0] = ChatServer.model(server).build().chat(HELLO));
        assertThat(response[0].message().content()).isEqualTo("Kept.");
        assertThat(response[0].usage()).isEqualTo(Usage.UNKNOWN);
        assertThat(logs).contains("WARN").contains("usage that cannot be used");
    }

    @Test
    void anUnusableUsageInAStreamKeepsTheAnswerAndIsUnknown() {
        String badUsage = "{\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":"
                + BAD_USAGES[0] + "}";
        ChatResponse response = streamed(events(text("Kept."), finish("stop"), badUsage));
        assertThat(response.message().content()).isEqualTo("Kept.");
        assertThat(response.usage().known()).isFalse();
    }

    @Test
    void anAgentRunWithAnUnusableUsageKeepsItsAnswerAndClaimsNoCost() {
        script(server, ChatServer.json(completion(BAD_USAGES[0])));
        AgentResult result = Agent.builder().model(ChatServer.model(server).build()).build().run("Hi");
        assertThat(result.text()).isEqualTo("Kept.");
        assertThat(result.usage().known()).isFalse();
        assertThat(result.cost()).isEmpty();
    }

    @Test
    void aKnownUsageStaysKnownAndIsPriced() {
        script(server, ChatServer.json(completion("{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}")));
        AgentResult result = Agent.builder().model(ChatServer.model(server).build()).build().run("Hi");
        assertThat(result.usage()).isEqualTo(Usage.of(10, 2));
        assertThat(result.usage().known()).isTrue();
        assertThat(result.cost()).isPresent();
    }

    @Test
    void anUnknownUsageIsRecordedAsUnknownAndReplayedSo(@TempDir Path folder) {
        script(server, ChatServer.json(completion(BAD_USAGES[0])));
        Path file = folder.resolve("session.json");
        new RecordingChatModel(ChatServer.model(server).build(), file).chat(HELLO);
        ChatResponse replayed = ReplayChatModel.load(file).chat(HELLO);
        assertThat(replayed.message().content()).isEqualTo("Kept.");
        assertThat(replayed.usage()).isEqualTo(Usage.UNKNOWN);
    }

    @Test
    void unknownPlusKnownIsUnknownWithTheKnownCounts() {
        Usage sum = Usage.of(10, 2).plus(Usage.UNKNOWN);
        assertThat(sum.known()).isFalse();
        assertThat(sum.totalTokens()).isEqualTo(12);
    }

    // ---------------------------------------------------------------- a tool call without a name

    /** The tool message the model gets back for a call named {@code ""}, from a run streamed or not. */
    private String toolMessageForANamelessCall(boolean stream) {
        TravelTools travel = new TravelTools();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(travel).build();
        AgentResult result;
        if (stream) {
            script(server, Sse.stream(events(toolDelta(0, "call_1", null, "{}"), finish("tool_calls"))),
                    Sse.stream(events(text("Which tool did you mean?"), finish("stop"))));
            result = agent.stream("Weather in Seoul?", (StreamHandler) delta -> { });
        } else {
            script(server, ChatServer.toolCalls(new String[] {"call_1", "", "{}"}), answer("Which tool did you mean?"));
            result = agent.run("Weather in Seoul?");
        }
        assertThat(result.text()).isEqualTo("Which tool did you mean?");
        assertThat(travel.calls).isEmpty();
        List<JsonNode> sent = requests(server);
        assertThat(sent).hasSize(2);
        JsonNode messages = sent.get(1).path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        assertThat(last.path("role").asString()).isEqualTo("tool");
        assertThat(last.path("tool_call_id").asString()).isEqualTo("call_1");
        server.resetAll();
        return last.path("content").asString();
    }

    @Test
    void aStreamedToolCallWithoutANameIsFedBackToTheModelAsFromAWholeResponse() {
        String streamed = toolMessageForANamelessCall(true);
        String whole = toolMessageForANamelessCall(false);
        assertThat(streamed).isEqualTo(whole).contains("there is no tool named ''");
    }
}
