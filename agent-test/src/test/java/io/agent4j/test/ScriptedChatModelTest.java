package io.agent4j.test;

import static io.agent4j.test.ScriptedChatModel.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolMessage;
import io.agent4j.usage.Price;
import io.agent4j.usage.PriceTable;
import org.junit.jupiter.api.Test;

class ScriptedChatModelTest {

    @Test
    void servesTheScriptedTurnsAndTheToolsRunForReal() {
        ScriptedChatModel model = ScriptedChatModel.of(reply().toolCall("add", "{\"a\":1,\"b\":2}").then().text("3"));
        Agent agent = Agent.builder().model(model).tools(new Calculator()).build();

        AgentResult result = agent.run("What is 1 + 2?");

        assertThat(result.text()).isEqualTo("3");
        assertThat(result.steps()).isEqualTo(2);
        Message toolResult = model.request(2).messages().get(model.request(2).messages().size() - 1);
        assertThat(toolResult).isInstanceOfSatisfying(ToolMessage.class, m -> assertThat(m.content()).isEqualTo("3"));
        assertThat(model.requests()).hasSize(2);
        assertThat(model.remaining()).isZero();
    }

    @Test
    void sendsTheRequestsItGotToTheTest() {
        ScriptedChatModel model = ScriptedChatModel.of(reply().text("hello"));
        Agent.builder().model(model).instructions("Be brief.").tools(new Calculator()).build().run("Hi");

        assertThat(model.request(1).messages()).extracting(m -> m.role().wireName()).containsExactly("system", "user");
        assertThat(model.request(1).tools()).extracting(t -> t.name()).containsExactlyInAnyOrder("add", "divide");
    }

    @Test
    void aRunThatAsksForMoreTurnsThanTheScriptHasFailsSayingSo() {
        ScriptedChatModel model = ScriptedChatModel.of(reply().toolCall("add", "{\"a\":1,\"b\":2}"));
        Agent agent = Agent.builder().model(model).tools(new Calculator()).build();

        assertThatThrownBy(() -> agent.run("What is 1 + 2?"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("has 1 reply but the agent asked for reply 2")
                .hasMessageContaining("Add a turn to the script");
    }

    @Test
    void aTurnWithNothingInItIsRefusedWhenTheModelIsMade() {
        assertThatThrownBy(() -> ScriptedChatModel.of(reply().text("a").then()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Turn 2 of the script has neither text, tool calls nor a refusal");
    }

    @Test
    void scriptedUsageAndModelArePricedLikeAServersReply() {
        ScriptedChatModel model = ScriptedChatModel.of(reply().model("m").usage(1_000_000, 0).text("ok"));
        PriceTable prices = PriceTable.empty().with("m", Price.of("2", "1", "8"));

        AgentResult result = Agent.builder().model(model).prices(prices).build().run("Hi");

        assertThat(result.usage().totalTokens()).isEqualTo(1_000_000);
        assertThat(result.cost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("2"));
    }
}
