package io.agent4j.examples;

import static io.agent4j.test.AgentAssertions.assertThat;
import static io.agent4j.test.ScriptedChatModel.reply;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.AgentResult;
import io.agent4j.chat.ChatModel;
import io.agent4j.test.AgentTest;
import io.agent4j.test.Cassette;
import io.agent4j.test.RecordingListener;
import io.agent4j.test.ScriptedChatModel;
import org.junit.jupiter.api.Test;

/**
 * The calc example tested with the testing kit: its shipped session replayed as a cassette (every
 * request matched in full, tool schemas included), and its tools driven by a scripted model.
 */
@AgentTest(cassettes = "sessions")
class CalcAgentTest {

    @Test
    @Cassette("calc.json")
    void answersTheSamplePromptFromItsShippedSession(ChatModel model) {
        RecordingListener events = new RecordingListener();

        AgentResult result = CalcExample.builder().model(model).listener(events).build().run(CalcExample.SAMPLE_PROMPT);

        assertThat(result).calledTools("evaluate", "convert").hasSteps(2).hasText(CalcSession.ANSWER)
                .hasNoToolErrors();
        assertThat(result).calledTool("evaluate").returning("409.64");
        assertThat(events).ranTools("evaluate", "convert").hasNoToolErrors().finished();
    }

    @Test
    void aConversionBetweenDifferentKindsOfUnitIsAToolErrorTheModelSees() {
        ScriptedChatModel model = ScriptedChatModel.of(reply().toolCall("convert",
                "{\"value\": 1, \"from\": \"kg\", \"to\": \"m\"}").then().text("Those units cannot be converted."));

        AgentResult result = CalcExample.builder().model(model).build().run("How many metres is 1 kg?");

        assertThat(result).calledTools("convert").hasSteps(2).text().contains("cannot");
        assertThatThrownBy(() -> assertThat(result).hasNoToolErrors()).hasMessageContaining("convert: Error");
    }
}
