package io.agent4j.test;

import static io.agent4j.test.AgentAssertions.assertThat;
import static io.agent4j.test.ScriptedChatModel.reply;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.TypedResult;
import io.agent4j.usage.Price;
import io.agent4j.usage.PriceTable;
import org.junit.jupiter.api.Test;

class AgentAssertionsTest {

    private final RecordingListener events = new RecordingListener();

    private AgentResult run(ScriptedChatModel.Script script) {
        return Agent.builder().model(ScriptedChatModel.of(script)).tools(new Calculator()).listener(events)
                .prices(PriceTable.empty().with("priced", Price.of("1", "0.5", "2"))).build()
                .run("What is 1 + 2, and 6 / 3?");
    }

    @Test
    void aRunThatCalledItsToolsPassesEveryAssertionAboutThem() {
        AgentResult result = run(reply().model("priced").usage(100, 10)
                .toolCall("add", "{\"a\":1,\"b\":2}").toolCall("divide", "{\"a\":6,\"b\":3}")
                .then().usage(200, 20).text("3 and 2"));

        assertThat(result)
                .calledTools("add", "divide")
                .hasSteps(2)
                .hasAtMostSteps(3)
                .hasText("3 and 2")
                .hasNoToolErrors()
                .answered()
                .usedAtMostTokens(330)
                .costsAtMost("0.001");
        assertThat(result).calledTool("add").withArguments("{ \"b\": 2, \"a\": 1 }").returning("3").times(1)
                .and().calledTool("divide").withArguments("{\"a\":6,\"b\":3}").returning("2");
        assertThat(result).text().contains("3", "2");
    }

    @Test
    void wrongToolsOrArgumentsFailWithWhatTheRunDid() {
        AgentResult result = run(reply().toolCall("add", "{\"a\":1,\"b\":2}").then().text("3"));

        assertThatThrownBy(() -> assertThat(result).calledTools("divide", "add"))
                .hasMessageContaining("Expected the run to call the tools [divide, add] in this order, but it called [add]");
        assertThatThrownBy(() -> assertThat(result).calledTool("divide"))
                .hasMessageContaining("Expected the run to call tool 'divide', but it called [add]");
        assertThatThrownBy(() -> assertThat(result).calledTool("add").withArguments("{\"a\":2,\"b\":2}"))
                .hasMessageContaining("with the arguments")
                .hasMessageContaining("{\"a\":1,\"b\":2}");
        assertThatThrownBy(() -> assertThat(result).hasSteps(1))
                .hasMessageContaining("Expected the run to take 1 step(s), but it took 2");
    }

    @Test
    void aToolThatThrewIsAToolErrorInTheTranscriptAndInTheEvents() {
        AgentResult result = run(reply().toolCall("divide", "{\"a\":1,\"b\":0}").then().text("cannot"));

        assertThatThrownBy(() -> assertThat(result).hasNoToolErrors())
                .hasMessageContaining("1 call(s) went wrong")
                .hasMessageContaining("divide: Error: tool 'divide' failed: ArithmeticException");
        assertThatThrownBy(() -> assertThat(events).hasNoToolErrors())
                .hasMessageContaining("step 1, divide: Error: tool 'divide' failed");
    }

    @Test
    void unknownUsageOrCostIsAFailureNotAPass() {
        AgentResult result = run(reply().text("hi"));

        assertThatThrownBy(() -> assertThat(result).usedAtMostTokens(1_000))
                .hasMessageContaining("its usage is unknown");
        assertThatThrownBy(() -> assertThat(result).costsAtMost("1"))
                .hasMessageContaining("its cost is unknown");
    }

    @Test
    void aCostOverTheBoundFailsWithTheCost() {
        AgentResult result = run(reply().model("priced").usage(1_000_000, 0).text("hi"));

        assertThatThrownBy(() -> assertThat(result).costsAtMost("0.5"))
                .hasMessageContaining("Expected the run to cost at most $0.5, but it cost $1");
    }

    @Test
    void theListenerKeepsEveryEventInOrder() {
        run(reply().toolCall("add", "{\"a\":1,\"b\":2}").then().text("3"));

        assertThat(events).kinds().containsExactly("request", "response", "tool-started add", "tool-finished add",
                "request", "response", "finished");
        assertThat(events).ranTools("add").hasNoToolErrors().hasRetries(0).finished();
        assertThatThrownBy(() -> assertThat(events).failedWith(RuntimeException.class))
                .hasMessageContaining("Expected the run to fail with RuntimeException");
    }

    @Test
    void aFailedRunEndsTheEventsWithItsException() {
        ScriptedChatModel once = ScriptedChatModel.of(reply().toolCall("add", "{\"a\":1,\"b\":2}"));
        Agent agent = Agent.builder().model(once).tools(new Calculator()).listener(events).build();

        assertThatThrownBy(() -> agent.run("1 + 2?")).isInstanceOf(AssertionError.class);

        assertThat(events).failedWith(AssertionError.class);
    }

    record Sum(long value) {
    }

    @Test
    void aTypedAnswerIsCheckedByItsValue() {
        TypedResult<Sum> result = Agent.builder().model(ScriptedChatModel.of(reply().text("{\"value\":3}"))).build()
                .run("1 + 2 as JSON", Sum.class);

        assertThat(result).hasValue(new Sum(3)).hasAtMostRepairs(0).result().hasSteps(1).calledNoTools();
        assertThat(result).value().extracting(Sum::value).isEqualTo(3L);
        assertThatThrownBy(() -> assertThat(result).hasValue(new Sum(4)))
                .hasMessageContaining("Sum[value=4]")
                .hasMessageContaining("Sum[value=3]");
    }
}
