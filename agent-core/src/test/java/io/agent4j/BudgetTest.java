package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.json;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.Usage;
import io.agent4j.errors.BudgetExceededException;
import io.agent4j.testing.ChatServer;
import io.agent4j.tool.Tool;
import io.agent4j.usage.Budget;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Budgets of runs and conversations: checked before each model call (its prompt counted), after it, and before tools. */
class BudgetTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    public static class Counter {
        final AtomicInteger runs = new AtomicInteger();

        @Tool("Counts one up")
        public int count() {
            return runs.incrementAndGet();
        }
    }

    private static String[] call(String id) {
        return new String[] {id, "count", "{}"};
    }

    @Test
    void aRequestThatWouldGoOverTheTokenBudgetIsNotMade() {
        // the first request counts about 56 tokens (the tool included), the second more than the 55 left after
        // the first call's reported 15
        script(server, toolCalls(call("c1")), answer("done"));
        Counter counter = new Counter();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(counter)
                .budget(Budget.NONE.withMaxTokens(70)).build();

        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class,
                () -> agent.run("Count once, then say done."));

        assertThat(e.limit()).isEqualTo("tokens");
        assertThat(e.conversation()).isFalse();
        assertThat(e.getMessage()).contains("run reached its tokens budget").contains("15 token(s) used")
                .contains("prompt tokens").contains("the limit is 70");
        assertThat(requests(server)).hasSize(1);
        assertThat(counter.runs).hasValue(1);
        assertThat(e.usage()).isEqualTo(Usage.of(10, 5));
        assertThat(e.transcript()).hasSize(3);
    }

    @Test
    void aCostBudgetSmallerThanThePromptsPriceMakesNoRequestAtAll() {
        script(server, answer("done"));
        Agent agent = Agent.builder().model(ChatServer.model(server).build())
                .options(ChatOptions.builder().model("gpt-4o-mini").build())
                .budget(Budget.NONE.withMaxCost(new BigDecimal("0.0000001"))).build();

        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class,
                () -> agent.run("A question whose prompt costs more than a ten-millionth of a dollar."));

        assertThat(e.limit()).isEqualTo("cost");
        assertThat(e.getMessage()).contains("$0 spent").contains("the limit is $0.0000001");
        assertThat(requests(server)).isEmpty();
    }

    @Test
    void aCostBudgetIsKeptAcrossStepsWithThePricesOfTheModelThatAnswered() {
        script(server, toolCalls(call("c1")), toolCalls(call("c2")), answer("done"));
        Counter counter = new Counter();
        // gpt-4o-mini: 10 prompt + 5 completion tokens cost $0.0000045 a call
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(counter)
                .budget(Budget.NONE.withMaxCost(new BigDecimal("0.000008"))).build();

        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class, () -> agent.run("Count."));

        assertThat(e.limit()).isEqualTo("cost");
        assertThat(requests(server)).hasSizeLessThan(3);
        assertThat(e.cost()).isPresent();
        assertThat(e.cost().get()).isLessThanOrEqualTo(new BigDecimal("0.000008"));
    }

    @Test
    void noToolOfAStepRunsWhenItsCallsWouldGoOverTheToolCallBudget() {
        script(server, toolCalls(call("c1")), toolCalls(call("c2"), call("c3")), answer("done"));
        Counter counter = new Counter();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(counter)
                .budget(Budget.NONE.withMaxToolCalls(2)).build();

        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class, () -> agent.run("Count."));

        assertThat(e.limit()).isEqualTo("tool calls");
        assertThat(e.getMessage()).contains("1 tool call(s) made and 2 more asked for, the limit is 2");
        assertThat(counter.runs).hasValue(1);
        assertThat(e.transcript().get(e.transcript().size() - 1)).isInstanceOf(AssistantMessage.class);
    }

    @Test
    void aSlowModelCallThatUsesUpTheTimeStopsTheRunBeforeItsToolsRun() {
        script(server, toolCalls(call("c1")).withFixedDelay(400), answer("done"));
        Counter counter = new Counter();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(counter)
                .budget(Budget.NONE.withMaxTime(Duration.ofMillis(200))).build();

        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class, () -> agent.run("Count."));

        assertThat(e.limit()).isEqualTo("time");
        assertThat(e.getMessage()).contains("the limit is 200 ms");
        assertThat(counter.runs).hasValue(0);
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void aConversationsBudgetCountsEverySendOfTheConversation() {
        script(server, answer("first"), answer("second"));
        Agent agent = Agent.builder().model(ChatServer.model(server).build())
                .conversationBudget(Budget.NONE.withMaxTokens(20)).build();
        Conversation chat = agent.conversation();

        assertThat(chat.send("Hi").text()).isEqualTo("first");
        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class, () -> chat.send("Again"));

        assertThat(e.limit()).isEqualTo("tokens");
        assertThat(e.conversation()).isTrue();
        assertThat(e.getMessage()).contains("conversation reached its tokens budget").contains("15 token(s) used");
        assertThat(requests(server)).hasSize(1);
        // a one-off run of the same agent is no conversation: its budget does not apply
        assertThat(agent.run("Alone").text()).isEqualTo("second");
    }

    @Test
    void aTokenBudgetFailsClosedWhenTheServerReportsNoUsage() {
        script(server, json("""
                {"id":"x","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,
                "finish_reason":"tool_calls","message":{"role":"assistant","content":null,"tool_calls":[{"id":"c1",
                "type":"function","function":{"name":"count","arguments":"{}"}}]}}]}"""), answer("done"));
        Counter counter = new Counter();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(counter)
                .budget(Budget.NONE.withMaxTokens(1_000)).build();

        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class, () -> agent.run("Count."));

        assertThat(e.getMessage()).contains("did not report the tokens");
        assertThat(counter.runs).hasValue(0);
    }

    @Test
    void limitsMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> Budget.NONE.withMaxCost(BigDecimal.ZERO))
                .withMessageContaining("maxCost");
        assertThatIllegalArgumentException().isThrownBy(() -> Budget.NONE.withMaxTime(Duration.ZERO))
                .withMessageContaining("maxTime");
        assertThatIllegalArgumentException().isThrownBy(() -> Budget.NONE.withMaxTokens(0))
                .withMessageContaining("maxTokens");
        assertThat(Budget.NONE.isUnlimited()).isTrue();
        assertThat(Budget.NONE.withMaxToolCalls(0).isUnlimited()).isFalse();
    }

    public static class Writer {
        final AtomicInteger runs = new AtomicInteger();

        @Tool(value = "Writes one line", approval = "writes")
        public int write() {
            return runs.incrementAndGet();
        }
    }

    @Test
    void aResumedRunKeepsTheToolCallsItMadeBeforeItWaitedAgainstItsBudget() {
        script(server, toolCalls(call("c1"), call("c2")), toolCalls(new String[] {"w1", "write", "{}"},
                new String[] {"w2", "write", "{}"}), answer("done"));
        Counter counter = new Counter();
        Writer writer = new Writer();
        io.agent4j.memory.InMemoryConversationStore store = new io.agent4j.memory.InMemoryConversationStore();
        Agent unlimited = Agent.builder().model(ChatServer.model(server).build()).tools(counter, writer).store(store)
                .build();
        // the same tools on the same store, held to 3 tool calls: the 2 made before the wait count
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(counter, writer).store(store)
                .budget(Budget.NONE.withMaxToolCalls(3)).build();

        AgentResult waiting = unlimited.run("Count twice, then write twice.");
        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class, () -> agent.resume(
                waiting.runId(), java.util.List.of(io.agent4j.approval.Decision.approve("w1"),
                        io.agent4j.approval.Decision.approve("w2"))));

        assertThat(counter.runs).hasValue(2);
        assertThat(e.limit()).isEqualTo("tool calls");
        assertThat(e.getMessage()).contains("2 tool call(s) made and 2 more asked for, the limit is 3");
        assertThat(writer.runs).hasValue(0);
    }

    @Test
    void aConversationResumedAfterApprovalIsStillHeldToItsBudget() {
        script(server, toolCalls(new String[] {"w1", "write", "{}"}), answer("written"));
        Writer writer = new Writer();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(writer)
                .conversationBudget(Budget.NONE.withMaxTokens(60)).build();
        Conversation chat = agent.conversation();

        // the first request counts about 51 tokens and reports 15; the request after the write would pass 60
        AgentResult waiting = chat.send("Write.");
        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class,
                () -> chat.resume(java.util.List.of(io.agent4j.approval.Decision.approve("w1"))));

        assertThat(waiting.waiting()).isTrue();
        assertThat(e.conversation()).isTrue();
        assertThat(e.limit()).isEqualTo("tokens");
        assertThat(writer.runs).hasValue(1);
        assertThat(requests(server)).hasSize(1);
    }
}
