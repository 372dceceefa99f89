package io.agent4j.test;

import static io.agent4j.test.AgentAssertions.assertThat;
import static io.agent4j.test.ScriptedChatModel.reply;

import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.ChatModel;
import org.junit.jupiter.api.Test;

/**
 * The kit used as an application uses it: the run replays the committed cassette
 * {@code cassettes/CalculatorAgentTest/addsWithItsTool.json}, and the tool runs for real. Its live model
 * is a script, so that the cassette can be recorded again without a key.
 */
@AgentTest
class CalculatorAgentTest {

    @LiveModel
    static ChatModel live() {
        return ScriptedChatModel.of(reply().model("gpt-4o-mini").usage(60, 18).toolCall("add", "{\"a\":19,\"b\":23}")
                .then().usage(90, 4).text("42"));
    }

    private final RecordingListener events = new RecordingListener();

    @Test
    void addsWithItsTool(ChatModel model) {
        Agent agent = Agent.builder().model(model).instructions("Use the tools for arithmetic.")
                .tools(new Calculator()).listener(events).build();

        AgentResult result = agent.run("What is 19 + 23?");

        assertThat(result).calledTools("add").hasSteps(2).hasText("42").hasNoToolErrors().usedAtMostTokens(200)
                .costsAtMost("0.001");
        assertThat(result).calledTool("add").withArguments("{\"a\":19,\"b\":23}").returning("42");
        assertThat(events).ranTools("add").hasNoToolErrors().finished();
    }
}
