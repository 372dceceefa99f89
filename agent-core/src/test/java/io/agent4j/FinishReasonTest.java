package io.agent4j;

import static io.agent4j.testing.ChatServer.fixture;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.openai.Sse;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.TravelTools;
import io.agent4j.tool.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Every answer says how it ended: a text answer cut at the token limit or by a content filter is
 * returned with that finish reason, and the tool calls of a cut reply are not run, the model being
 * told why. Responses are real JSON bodies served over HTTP to {@link io.agent4j.openai.OpenAiChatModel}.
 */
class FinishReasonTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private final TravelTools travel = new TravelTools();

    private Agent agent(AgentListener listener) {
        Agent.Builder builder = Agent.builder().model(ChatServer.model(server).build()).tools(travel);
        if (listener != null) {
            builder.listener(listener);
        }
        return builder.build();
    }

    private static List<ToolMessage> toolMessages(AgentResult result) {
        return result.messages().stream().filter(ToolMessage.class::isInstance).map(ToolMessage.class::cast)
                .toList();
    }

    @Test
    void aCompleteAnswerEndsWithStop() {
        script(server, fixture("openai/final-answer.json"));

        AgentResult result = agent(null).run("Umbrella?");

        assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void anAnswerCutAtTheTokenLimitSaysSo() {
        script(server, fixture("openai/length-answer.json"));

        AgentResult result = agent(null).run("Umbrella?");

        assertThat(result.text()).isEqualTo("It is 21 degrees and sunny in Seoul, and the local");
        assertThat(result.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(result.truncated()).isTrue();
    }

    @Test
    void anAnswerCutByTheContentFilterSaysSo() {
        script(server, fixture("openai/content-filter-answer.json"));

        AgentResult result = agent(null).run("Umbrella?");

        assertThat(result.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(result.truncated()).isTrue();
    }

    @Test
    void noCallOfAReplyCutAtTheTokenLimitRunsAndTheModelIsToldWhy() {
        script(server, fixture("openai/cut-tool-calls.json"), fixture("openai/final-answer.json"));
        List<String> finished = Collections.synchronizedList(new ArrayList<>());

        AgentResult result = agent(new AgentListener() {
            @Override
            public void onToolFinished(int step, ToolCall call, ToolResult toolResult, Duration duration) {
                finished.add(call.id() + (toolResult.failed() ? " failed" : " ran"));
            }
        }).run("What time is it in Seoul and Busan?");

        assertThat(travel.calls).as("not even the complete-looking call ran").isEmpty();
        assertThat(result.steps()).isEqualTo(2);
        assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(finished).containsExactly("call_time_1 failed", "call_time_2 failed");
        List<ToolMessage> told = toolMessages(result);
        assertThat(told).extracting(ToolMessage::toolCallId).containsExactly("call_time_1", "call_time_2");
        assertThat(told).allSatisfy(message -> assertThat(message.content())
                .contains("was not run").contains("cut off at the token limit").contains("shorter"));
        JsonNode sent = requests(server).get(1).path("messages");
        assertThat(sent.get(1).path("tool_calls")).hasSize(2);
        assertThat(sent.get(2).path("role").asString()).isEqualTo("tool");
        assertThat(sent.get(2).path("content").asString()).contains("cut off at the token limit");
        assertThat(sent.get(3).path("tool_call_id").asString()).isEqualTo("call_time_2");
    }

    @Test
    void noCallOfAStreamedReplyCutAtTheTokenLimitRuns() {
        String chunk = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":%s,\"finish_reason\":%s}]}";
        String body = Sse.events(
                chunk.formatted("{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_time_1\","
                        + "\"type\":\"function\",\"function\":{\"name\":\"localTime\",\"arguments\":\"\"}}]}", "null"),
                chunk.formatted("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":"
                        + "\\\"Seoul\\\"}\"}}]}", "null"),
                chunk.formatted("{\"tool_calls\":[{\"index\":1,\"id\":\"call_time_2\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"localTime\",\"arguments\":\"{\\\"city\\\":\\\"Bu\"}}]}", "null"),
                chunk.formatted("{}", "\"length\""));
        script(server, Sse.stream(body), fixture("openai/final-answer.json"));

        AgentResult result = agent(null).stream("What time is it in Seoul and Busan?", delta -> { });

        assertThat(travel.calls).isEmpty();
        assertThat(toolMessages(result)).extracting(ToolMessage::toolCallId).containsExactly("call_time_1",
                "call_time_2");
        assertThat(toolMessages(result)).allSatisfy(message -> assertThat(message.content())
                .contains("cut off at the token limit"));
    }

    @Test
    void noCallOfAReplyCutByTheContentFilterRuns() {
        script(server, fixture("openai/filtered-tool-calls.json"), fixture("openai/final-answer.json"));

        AgentResult result = agent(null).run("What time is it in Seoul and Busan?");

        assertThat(travel.calls).isEmpty();
        assertThat(toolMessages(result)).hasSize(2).allSatisfy(message -> assertThat(message.content())
                .contains("was not run").contains("content filter"));
    }
}
