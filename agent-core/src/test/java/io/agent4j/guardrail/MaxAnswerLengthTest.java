package io.agent4j.guardrail;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.testing.ChatServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MaxAnswerLengthTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static Verdict check(OutputGuardrail guardrail, String text) {
        return guardrail.check(new FinalAnswer(text, null, List.of(new UserMessage("Hi"),
                AssistantMessage.of(text))));
    }

    @Test
    void anAnswerAtTheLimitPasses() {
        assertThat(check(Guardrails.maxAnswerLength(5), "12345")).isEqualTo(Verdict.pass());
    }

    @Test
    void aLongerAnswerIsSentBackSayingHowLongItIsAndMayBe() {
        assertThat(check(Guardrails.maxAnswerLength(1_000), "x".repeat(1_234))).isEqualTo(Verdict.retry(
                "Your answer has 1,234 characters; at most 1,000 are allowed. Answer again in at most 1,000 "
                        + "characters, keeping what matters most."));
    }

    @Test
    void charactersAreCodePointsSoThatEmojiCountOnce() {
        assertThat(check(Guardrails.maxAnswerLength(3), "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00"))
                .isEqualTo(Verdict.pass());
        assertThat(check(Guardrails.maxAnswerLength(2), "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00"))
                .isInstanceOf(Verdict.Retry.class);
    }

    @Test
    void aLimitBelowOneIsRefusedSayingWhy() {
        assertThatThrownBy(() -> Guardrails.maxAnswerLength(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAnswerLength must be at least 1 character, was 0");
    }

    @Test
    void itsEventsNameIt() {
        assertThat(Guardrails.maxAnswerLength(10).name()).isEqualTo("max-answer-length");
    }

    @Test
    void anAgentAsksForAShorterAnswerAndReturnsIt() {
        script(server, answer("A rambling answer that goes on for far too long."), answer("Paris."));

        AgentResult result = Agent.builder().model(ChatServer.model(server).build())
                .outputGuardrail(Guardrails.maxAnswerLength(20)).build().run("Capital of France?");

        assertThat(result.text()).isEqualTo("Paris.");
        assertThat(result.steps()).isEqualTo(2);
        assertThat(requests(server).get(1).path("messages").get(2).path("content").asString())
                .isEqualTo("Your answer was not accepted (guardrail 'max-answer-length'): Your answer has 48 "
                        + "characters; at most 20 are allowed. Answer again in at most 20 characters, keeping what "
                        + "matters most.");
    }
}
