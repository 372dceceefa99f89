package io.agent4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.approval.PendingCall;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.Message;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AgentResultTest {

    @Test
    void aResultBuiltWithNothingSetIsAnEmptyAnswerOfNoCostKnown() {
        AgentResult result = AgentResult.builder().build();

        assertThat(result.text()).isEmpty();
        assertThat(result.messages()).isEmpty();
        assertThat(result.steps()).isZero();
        assertThat(result.usage()).isEqualTo(Usage.ZERO);
        assertThat(result.cost()).isEmpty();
        assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(result.refusal()).isEmpty();
        assertThat(result.runId()).isEmpty();
        assertThat(result.waiting()).isFalse();
        assertThat(result.refused()).isFalse();
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void aCostAndARefusalAreGivenPlainAndReturnedAsOptionals() {
        AgentResult result = AgentResult.builder().cost(new BigDecimal("0.0125")).refusal("I can't help with that.")
                .finishReason(FinishReason.LENGTH).build();

        assertThat(result.cost()).contains(new BigDecimal("0.0125"));
        assertThat(result.refusal()).contains("I can't help with that.");
        assertThat(result.refused()).isTrue();
        assertThat(result.truncated()).isTrue();
    }

    @Test
    void equalValuesAreEqualAndToBuilderGivesTheSameResult() {
        AgentResult result = AgentResult.builder().text("42").messages(List.of(UserMessage.of("6 * 7?"),
                AssistantMessage.of("42"))).steps(1).usage(Usage.of(120, 8)).cost(BigDecimal.ONE).runId("run-1")
                .pending(List.of(new PendingCall("call_1", "transfer", "{}", "moves money"))).build();

        assertThat(result.toBuilder().build()).isEqualTo(result).hasSameHashCodeAs(result);
        assertThat(result.toBuilder().cost(null).build()).isNotEqualTo(result);
        assertThat(result.waiting()).isTrue();
        assertThat(result.toString()).startsWith("AgentResult[text=42, messages=[").contains(", cost=Optional[1], ");
    }

    @Test
    void jacksonWritesAFieldForEachValueWithAnUnknownCostAsNull() {
        JsonNode json = JsonMapper.builder().build().valueToTree(AgentResult.builder().text("42").refusal("no")
                .build());

        assertThat(json.path("text").asString()).isEqualTo("42");
        assertThat(json.path("usage").path("known").asBoolean()).isTrue();
        assertThat(json.path("cost").isNull()).isTrue();
        assertThat(json.path("refusal").asString()).isEqualTo("no");
        assertThat(json.path("finishReason").asString()).isEqualTo("STOP");
        assertThat(json.properties()).hasSize(9);
    }

    @Test
    void theTranscriptIsCopiedAtBuild() {
        List<Message> transcript = new ArrayList<>(List.of(UserMessage.of("Hi")));
        AgentResult result = AgentResult.builder().messages(transcript).build();

        transcript.add(AssistantMessage.of("Hello"));

        assertThat(result.messages()).containsExactly(UserMessage.of("Hi"));
    }

    @Test
    void aNullIsRefusedByItsSetterAndANegativeStepCountAtBuild() {
        assertThatThrownBy(() -> AgentResult.builder().text(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("text");
        assertThatThrownBy(() -> AgentResult.builder().usage(null)).hasMessage("usage");
        AgentResult.Builder builder = AgentResult.builder().steps(-1);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("steps must not be negative, was -1");
    }
}
