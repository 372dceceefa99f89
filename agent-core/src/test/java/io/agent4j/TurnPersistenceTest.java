package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.CancelledException;
import io.agent4j.errors.ConcurrentConversationException;
import io.agent4j.errors.CorruptConversationException;
import io.agent4j.memory.ConversationStore;
import io.agent4j.memory.Databases;
import io.agent4j.memory.HistoryRepair;
import io.agent4j.memory.JdbcConversationStore;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.HaltingRun;
import io.agent4j.testing.TravelTools;
import io.agent4j.tool.Tool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * What a conversation stores as its turn goes on, when it is interrupted (a crash, a
 * cancellation) and when another writer of the same conversation runs at the same time.
 */
class TurnPersistenceTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    @TempDir
    static Path dir;

    /** Tools that hold their call until the test lets it go. */
    public static final class Gate {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Tool("Waits at the gate")
        public String pass() throws InterruptedException {
            entered.countDown();
            release.await();
            return "passed";
        }

        final CountDownLatch quickStarted = new CountDownLatch(1);

        /** Inline, so that once it has started its result is kept whatever happens next. */
        @Tool(value = "Answers at once", inline = true)
        public String quick() {
            quickStarted.countDown();
            return "quick result";
        }
    }

    static Stream<Arguments> stores() {
        Supplier<ConversationStore> sqlite = () -> Databases.sqlite(dir);
        Supplier<ConversationStore> postgres = Databases::postgres;
        return Stream.of(Arguments.of("sqlite", sqlite), Arguments.of("postgresql", postgres));
    }

    private static Agent.Builder agent(ConversationStore store, Object tools) {
        return Agent.builder().model(ChatServer.model(server).build()).instructions("You are terse.").tools(tools)
                .store(store);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aSecondWriterThatLoadsBetweenTheStepsOfATurnIsRefusedAndTheFirstFinishes(String name,
            Supplier<ConversationStore> stores) throws Exception {
        ConversationStore store = stores.get();
        String id = name + "-two-writers";
        script(server, toolCalls(new String[] {"g1", "pass", "{}"}), answer("A's answer"));
        Gate gate = new Gate();
        Conversation a = agent(store, gate).build().conversation(id);
        CompletableFuture<AgentResult> first = CompletableFuture.supplyAsync(() -> a.send("from A"));
        assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();

        Conversation b = agent(store, new TravelTools()).build().conversation(id);
        assertThatThrownBy(() -> b.send("from B")).isInstanceOf(ConcurrentConversationException.class)
                .hasMessageContaining("turn in progress");
        assertThat(requests(server)).as("B is refused before it asks the model").hasSize(1);
        gate.release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).text()).isEqualTo("A's answer");
        assertThat(store.load(id)).extracting(Message::content)
                .containsExactly("You are terse.", "from A", null, "passed", "A's answer");
    }

    @Test
    void theFirstAnswerIsStoredWithTheUserMessageBeforeItsToolRunsEvenWhenTheProcessDiesInTheTool()
            throws Exception {
        Path file = dir.resolve("halted.db");
        script(server, toolCalls(new String[] {"h1", "halt", "{}"}), answer("Resumed."));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HaltingRun.class.getName(), ChatServer.baseUrl(server), file.toString(), "halted")
                .redirectErrorStream(true).redirectOutput(dir.resolve("halted.log").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(HaltingRun.EXIT_CODE);

        JdbcConversationStore store = JdbcConversationStore.sqlite(file);
        assertThat(store.load("halted")).containsExactly(new SystemMessage("You are terse."),
                new UserMessage("Please halt."), new AssistantMessage(null, List.of(new ToolCall("h1", "halt", "{}"))));

        // the dead writer's turn is still open: another writer waits for its lease to run out
        assertThatThrownBy(() -> agent(store, new TravelTools()).build().conversation("halted").send("Again?"))
                .isInstanceOf(ConcurrentConversationException.class);
        Conversation resumed = agent(store.withTurnLease(Duration.ofMillis(1)), new TravelTools()).build()
                .conversation("halted");
        assertThat(resumed.send("Again?").text()).isEqualTo("Resumed.");
        JsonNode sent = requests(server).get(1).path("messages");
        assertThat(sent.get(3).path("tool_call_id").asString()).isEqualTo("h1");
        assertThat(sent.get(3).path("content").asString()).isEqualTo(HistoryRepair.MISSING_RESULT);
    }

    @Test
    void aCancelledToolIsStoredAsCancelledNotAsAFailureAndTheFinishedOneKeepsItsResult() throws Exception {
        ConversationStore store = Databases.sqlite(dir);
        script(server, toolCalls(new String[] {"q1", "quick", "{}"}, new String[] {"g1", "pass", "{}"}),
                answer("I was stopped."));
        Gate gate = new Gate();
        Cancellation cancellation = new Cancellation();
        Conversation chat = agent(store, gate).build().conversation("cancelled");
        CompletableFuture<AgentResult> run = CompletableFuture.supplyAsync(
                () -> chat.stream("Go.", text -> { }, cancellation));
        assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.quickStarted.await(10, TimeUnit.SECONDS)).isTrue();
        cancellation.cancel();

        assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CancelledException.class);
        List<Message> stored = store.load("cancelled");
        assertThat(stored).hasSize(5);
        assertThat(stored.get(3)).isEqualTo(new ToolMessage("q1", "quick", "quick result"));
        assertThat(stored.get(4)).isEqualTo(new ToolMessage("g1", "pass",
                "Cancelled: the run was stopped before tool 'pass' returned, so this call has no result."));
        assertThat(stored).extracting(Message::content).noneMatch(c -> c != null && c.contains("failed"));

        Conversation resumed = agent(store, gate).build().conversation("cancelled");
        assertThat(resumed.messages()).isEqualTo(stored);
        assertThat(resumed.send("What happened?").text()).isEqualTo("I was stopped.");
    }

    @Test
    void callsSharingAnIdGetUniqueIdsSoThatEveryResultIsKeptAndMatched() {
        ConversationStore store = Databases.sqlite(dir);
        script(server, toolCalls(new String[] {"dup", "localTime", "{\"city\":\"Oslo\"}"},
                new String[] {"dup", "localTime", "{\"city\":\"Paris\"}"}), answer("Both."), answer("Again."));
        Conversation chat = agent(store, new TravelTools()).build().conversation("duplicates");
        chat.send("Times?");

        JsonNode second = requests(server).get(1).path("messages");
        assertThat(second.get(2).path("tool_calls")).extracting(c -> c.path("id").asString())
                .containsExactly("dup", "dup_2");
        assertThat(second.get(3).path("tool_call_id").asString()).isEqualTo("dup");
        assertThat(second.get(3).path("content").asString()).isEqualTo("14:05 in Oslo");
        assertThat(second.get(4).path("tool_call_id").asString()).isEqualTo("dup_2");
        assertThat(second.get(4).path("content").asString()).isEqualTo("14:05 in Paris");

        Conversation resumed = agent(store, new TravelTools()).build().conversation("duplicates");
        assertThat(resumed.messages()).isEqualTo(store.load("duplicates")).hasSize(6);
        resumed.send("Again?");
        assertThat(requests(server).get(2).path("messages")).hasSize(7);
    }

    @Test
    void theRecoveryFromADamagedRowOfMemoryMdWorks() throws Exception {
        JdbcConversationStore store = JdbcConversationStore.sqlite(dir.resolve("recover.db"));
        store.append("user-42", 0, List.of(new SystemMessage("You are terse."), new UserMessage("Hi"),
                AssistantMessage.of("Hello.")));
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + dir.resolve("recover.db").toAbsolutePath()); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("UPDATE agent4j_messages SET message = '{' WHERE seq = 2");
        }
        Agent agent = agent(store, new TravelTools()).build();

        Conversation chat;
        try {
            chat = agent.conversation("user-42");          // an agent built with .store(store)
        } catch (CorruptConversationException e) {
            JdbcConversationStore.Repair repair = store.repair(e.conversationId());
            System.err.println("dropped messages " + repair.deleted() + "; " + repair.remaining() + " remain");
            chat = agent.conversation("user-42");
        }

        assertThat(chat.messages()).containsExactly(new SystemMessage("You are terse."));
    }
}
