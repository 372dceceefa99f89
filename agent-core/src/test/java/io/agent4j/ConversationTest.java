package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.BadRequestException;
import io.agent4j.errors.ConcurrentConversationException;
import io.agent4j.errors.ContextOverflowException;
import io.agent4j.memory.ChatMemory;
import io.agent4j.memory.ConversationStore;
import io.agent4j.memory.HistoryRepair;
import io.agent4j.memory.JdbcConversationStore;
import io.agent4j.memory.TokenCounter;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.TravelTools;
import io.agent4j.usage.Price;
import io.agent4j.usage.PriceTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ConversationTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    @TempDir
    Path dir;

    private Agent.Builder agent() {
        return Agent.builder().model(ChatServer.model(server).build()).instructions("You are terse.")
                .tools(new TravelTools());
    }

    @Test
    void eachSendResendsTheWholeHistoryWithTheInstructionsFirst() {
        script(server, toolCalls(new String[] {"c1", "localTime", "{\"city\":\"Oslo\"}"}), answer("14:05."),
                answer("Still 14:05."));
        Conversation chat = agent().build().conversation();
        assertThat(chat.send("Time in Oslo?").text()).isEqualTo("14:05.");
        assertThat(chat.send("And now?").text()).isEqualTo("Still 14:05.");

        JsonNode third = requests(server).get(2).path("messages");
        assertThat(third).hasSize(6);
        assertThat(third.get(0).path("role").asString()).isEqualTo("system");
        assertThat(third.get(2).path("tool_calls").get(0).path("id").asString()).isEqualTo("c1");
        assertThat(third.get(3).path("tool_call_id").asString()).isEqualTo("c1");
        assertThat(third.get(5).path("content").asString()).isEqualTo("And now?");
        assertThat(chat.messages()).hasSize(7);
        assertThat(chat.usage().totalTokens()).isEqualTo(45);
    }

    @Test
    void aConversationResumesFromItsStoreInANewAgent() {
        ConversationStore store = JdbcConversationStore.sqlite(dir.resolve("chat.db"));
        script(server, answer("Hello, Ada."), answer("Your name is Ada."));
        Conversation first = agent().store(store).build().conversation("ada");
        first.send("I am Ada.");

        Conversation resumed = agent().store(JdbcConversationStore.sqlite(dir.resolve("chat.db"))).build()
                .conversation("ada");
        assertThat(resumed.messages()).hasSize(3);
        resumed.send("What is my name?");
        JsonNode second = requests(server).get(1).path("messages");
        assertThat(second).hasSize(4);
        assertThat(second.get(1).path("content").asString()).isEqualTo("I am Ada.");
        assertThat(second.get(2).path("content").asString()).isEqualTo("Hello, Ada.");
        assertThat(store.load("ada")).hasSize(5);
    }

    @Test
    void aCrashInTheMiddleKeepsEveryCompletedStep() {
        ConversationStore store = JdbcConversationStore.sqlite(dir.resolve("crash.db"));
        script(server, toolCalls(new String[] {"c1", "localTime", "{\"city\":\"Oslo\"}"}),
                WireMock.aResponse().withStatus(400).withBody("{\"error\":{\"message\":\"boom\"}}"));
        Conversation chat = agent().store(store).build().conversation("crash");
        assertThatThrownBy(() -> chat.send("Time in Oslo?")).isInstanceOf(BadRequestException.class);

        List<Message> stored = store.load("crash");
        assertThat(stored).hasSize(4);
        assertThat(stored.get(1)).isEqualTo(new UserMessage("Time in Oslo?"));
        assertThat(((AssistantMessage) stored.get(2)).toolCalls()).hasSize(1);
        assertThat(stored.get(3)).isEqualTo(new ToolMessage("c1", "localTime", "14:05 in Oslo"));
        assertThat(chat.messages()).isEqualTo(stored);
    }

    @Test
    void aFailedFirstStepStoresNothing() {
        ConversationStore store = JdbcConversationStore.sqlite(dir.resolve("none.db"));
        script(server, WireMock.aResponse().withStatus(400).withBody("{\"error\":{\"message\":\"boom\"}}"));
        assertThatThrownBy(() -> agent().store(store).build().conversation("x").send("hi"))
                .isInstanceOf(BadRequestException.class);
        assertThat(store.load("x")).isEmpty();
    }

    @Test
    void aHistoryWithAnUnansweredCallIsRepairedBeforeItIsSent() {
        ConversationStore store = JdbcConversationStore.sqlite(dir.resolve("broken.db"));
        store.append("broken", 0, List.of(new io.agent4j.chat.SystemMessage("You are terse."),
                new UserMessage("Time?"), new AssistantMessage(null, List.of(new io.agent4j.chat.ToolCall("c9",
                        "localTime", "{\"city\":\"Oslo\"}"))), new ToolMessage("zz", "x", "stray")));
        script(server, answer("Sorry, try again."));
        Conversation chat = agent().store(store).build().conversation("broken");
        chat.send("Hello?");
        JsonNode sent = requests(server).get(0).path("messages");
        assertThat(sent).hasSize(5);
        assertThat(sent.get(3).path("tool_call_id").asString()).isEqualTo("c9");
        assertThat(sent.get(3).path("content").asString()).isEqualTo(HistoryRepair.MISSING_RESULT);
        assertThat(sent.get(4).path("content").asString()).isEqualTo("Hello?");
        assertThat(store.load("broken")).hasSize(6);
    }

    @Test
    void twoWritersOnOneConversationAreDetected() {
        Path file = dir.resolve("race.db");
        script(server, answer("one"), answer("two"));
        Conversation a = agent().store(JdbcConversationStore.sqlite(file)).build().conversation("shared");
        Conversation b = agent().store(JdbcConversationStore.sqlite(file)).build().conversation("shared");
        a.send("from a");
        assertThatThrownBy(() -> b.send("from b")).isInstanceOf(ConcurrentConversationException.class)
                .hasMessageContaining("Load the conversation again");
        assertThat(JdbcConversationStore.sqlite(file).load("shared")).hasSize(3)
                .extracting(Message::content).containsExactly("You are terse.", "from a", "one");
    }

    @Test
    void aTurnThatCannotFitFailsBeforeAnyRequest() {
        script(server, answer("never"));
        Agent agent = agent().memory(ChatMemory.tokenWindow(TokenCounter.forModel("gpt-4o"), 1_000, 200)).build();
        assertThatThrownBy(() -> agent.conversation().send("word ".repeat(2_000)))
                .isInstanceOf(ContextOverflowException.class);
        assertThat(requests(server)).isEmpty();
    }

    @Test
    void memoryDecidesWhatIsSentButTheStoreKeepsEverything() {
        script(server, answer("a1"), answer("a2"), answer("a3"));
        Conversation chat = agent().memory(ChatMemory.lastMessages(2)).build().conversation();
        chat.send("q1");
        chat.send("q2");
        chat.send("q3");
        JsonNode third = requests(server).get(2).path("messages");
        assertThat(third).extracting(m -> m.path("content").asString()).containsExactly("You are terse.", "a2", "q3");
        assertThat(chat.messages()).hasSize(7);
    }

    @Test
    void costIsSummedPerRunAndPerConversation() {
        script(server, answer("one"), answer("two"));
        PriceTable prices = PriceTable.empty().with("gpt-4o-mini", Price.of("1.00", "0.50", "2.00"));
        Conversation chat = agent().prices(prices).build().conversation();
        AgentResult first = chat.send("q1");
        chat.send("q2");
        // 10 prompt tokens at $1/M and 5 completion tokens at $2/M per answer
        assertThat(first.cost()).contains(new BigDecimal("0.00002"));
        assertThat(chat.cost()).contains(new BigDecimal("0.00004"));
    }

    @Test
    void anUnknownModelHasAnUnknownCostNeverZero() {
        script(server, answer("one"));
        AgentResult result = agent().prices(PriceTable.empty()).build().run("q");
        assertThat(result.cost()).isEmpty();
    }

    /** A tool that holds its call until the test lets it go. */
    public static class Gate {
        final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

        @io.agent4j.tool.Tool("Waits for the gate")
        public String pass() throws InterruptedException {
            entered.countDown();
            release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            return "passed";
        }
    }

    @Test
    void messagesUsageAndCostDoNotWaitForASendInProgress() throws Exception {
        script(server, answer("Hello."), toolCalls(new String[] {"call_g", "pass", "{}"}), answer("Through."));
        Gate gate = new Gate();
        Conversation chat = Agent.builder().model(ChatServer.model(server).build()).tools(gate).build()
                .conversation();
        chat.send("Hi");
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<AgentResult> sending = thread.submit(() -> chat.send("Go through the gate."));
            assertThat(gate.entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            // read while the send waits in its tool: these return, they do not wait for it
            java.util.concurrent.CompletableFuture<List<Message>> messages =
                    java.util.concurrent.CompletableFuture.supplyAsync(chat::messages);
            java.util.concurrent.CompletableFuture<Object> usage =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> List.of(chat.usage(), chat.cost(),
                            chat.pending(), chat.toString()));
            List<Message> during = messages.get(10, java.util.concurrent.TimeUnit.SECONDS);
            usage.get(10, java.util.concurrent.TimeUnit.SECONDS);
            gate.release.countDown();

            assertThat(sending.get(10, java.util.concurrent.TimeUnit.SECONDS).text()).isEqualTo("Through.");
            assertThat(during).hasSize(4).last().isInstanceOf(AssistantMessage.class);
            assertThat(chat.messages()).hasSize(6);
        } finally {
            gate.release.countDown();
            thread.shutdownNow();
        }
    }

    @Test
    void aSecondSendOnTheSameObjectWaitsForTheFirstToEndAndThenGoesOn() throws Exception {
        script(server, toolCalls(new String[] {"g1", "pass", "{}"}), answer("First."), answer("Second."));
        TurnPersistenceTest.Gate gate = new TurnPersistenceTest.Gate();
        Conversation chat = Agent.builder().model(ChatServer.model(server).build()).instructions("You are terse.")
                .tools(gate).build().conversation();
        CompletableFuture<AgentResult> first = CompletableFuture.supplyAsync(() -> chat.send("One?"));
        assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();

        FutureTask<AgentResult> second = new FutureTask<>(() -> chat.send("Two?"));
        Thread sender = new Thread(second, "second-sender");
        sender.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sender.getState() != Thread.State.WAITING && sender.getState() != Thread.State.BLOCKED
                && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(sender.getState()).as("the second send waits").isIn(Thread.State.WAITING, Thread.State.BLOCKED);
        assertThat(requests(server)).as("the second send has not asked the model").hasSize(1);
        gate.release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).text()).isEqualTo("First.");
        assertThat(second.get(10, TimeUnit.SECONDS).text()).isEqualTo("Second.");
        assertThat(chat.messages()).extracting(Message::content)
                .containsExactly("You are terse.", "One?", null, "passed", "First.", "Two?", "Second.");
    }
}
