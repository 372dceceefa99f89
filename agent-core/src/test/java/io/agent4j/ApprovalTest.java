package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.approval.ApprovalPolicy;
import io.agent4j.approval.Decision;
import io.agent4j.approval.PendingCall;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.ConcurrentConversationException;
import io.agent4j.errors.ResumeRefusedException;
import io.agent4j.memory.Databases;
import io.agent4j.memory.JdbcConversationStore;
import io.agent4j.memory.RunRecord;
import io.agent4j.testing.ChatServer;
import io.agent4j.tool.Tool;
import io.agent4j.tool.ToolSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Runs that wait for a person: a call that needs approval stops its step, the run's state is stored,
 * and a resume with decisions (in this agent or another on the same store) runs what was approved,
 * tells the model what was rejected, and goes on; a resume fails closed.
 */
class ApprovalTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    /** Real tools that count their runs. */
    public static class Notes {
        final List<String> runs = new CopyOnWriteArrayList<>();

        @Tool(value = "Writes a note", approval = "writes to the notes folder")
        public String write(String name, String text) {
            runs.add("write " + name);
            return "wrote " + name;
        }

        @Tool("Reads a note")
        public String read(String name) {
            runs.add("read " + name);
            return "text of " + name;
        }

        @Tool(value = "Counts the notes", idempotent = true)
        public int count() {
            runs.add("count");
            return 2;
        }
    }

    private static String[] write(String id) {
        return new String[] {id, "write", "{\"name\":\"a.txt\",\"text\":\"hello\"}"};
    }

    private static String[] read(String id) {
        return new String[] {id, "read", "{\"name\":\"b.txt\"}"};
    }

    private Agent agent(Notes notes, io.agent4j.memory.ConversationStore store) {
        return Agent.builder().model(ChatServer.model(server).build()).tools(notes).store(store).build();
    }

    @Test
    void aCallThatNeedsApprovalStopsItsWholeStepUntilItIsApprovedThenTheRunGoesOn(@TempDir Path folder) {
        script(server, toolCalls(write("call_w"), read("call_r")), answer("Saved a.txt."));
        Notes notes = new Notes();
        JdbcConversationStore store = Databases.sqlite(folder);
        Agent agent = agent(notes, store);

        AgentResult waiting = agent.run("Save a note and read b.txt.");

        assertThat(waiting.waiting()).isTrue();
        assertThat(waiting.text()).isEmpty();
        assertThat(waiting.pending()).containsExactly(new PendingCall("call_w", "write",
                "{\"name\":\"a.txt\",\"text\":\"hello\"}", "writes to the notes folder"));
        assertThat(notes.runs).isEmpty();
        assertThat(waiting.steps()).isEqualTo(1);
        RunRecord stored = store.run(waiting.runId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RunRecord.Status.WAITING);
        assertThat(stored.pending()).isEqualTo(waiting.pending());
        assertThat(stored.usage()).isEqualTo(Usage.of(10, 5));
        assertThat(store.runs(RunRecord.Status.WAITING)).extracting(RunRecord::runId).containsExactly(waiting.runId());

        AgentResult done = agent.resume(waiting.runId(), List.of(Decision.approve("call_w")));

        assertThat(done.waiting()).isFalse();
        assertThat(done.text()).isEqualTo("Saved a.txt.");
        assertThat(done.steps()).isEqualTo(2);
        assertThat(done.usage()).isEqualTo(Usage.of(20, 10));
        assertThat(notes.runs).containsExactlyInAnyOrder("write a.txt", "read b.txt");
        assertThat(store.run(waiting.runId()).orElseThrow().status()).isEqualTo(RunRecord.Status.COMPLETED);
        JsonNode second = requests(server).get(1).path("messages");
        assertThat(second).hasSize(4);
        assertThat(second.get(2).path("content").asString()).isEqualTo("wrote a.txt");
        assertThat(second.get(3).path("content").asString()).isEqualTo("text of b.txt");
    }

    @Test
    void aRejectedCallIsNotRunAndTheModelIsToldWhy() {
        script(server, toolCalls(write("call_w")), answer("I will not write it."));
        Notes notes = new Notes();
        Agent agent = agent(notes, new io.agent4j.memory.InMemoryConversationStore());

        AgentResult waiting = agent.run("Save a note.");
        AgentResult done = agent.resume(waiting.runId(), List.of(Decision.reject("call_w", "not in production")));

        assertThat(done.text()).isEqualTo("I will not write it.");
        assertThat(notes.runs).isEmpty();
        String told = requests(server).get(1).path("messages").get(2).path("content").asString();
        assertThat(told).startsWith("Rejected: a person did not approve this call of tool 'write'")
                .endsWith(": not in production");
    }

    @Test
    void aResumeFailsClosedOnAForgedADuplicateOrAMissingDecisionAndOnASecondResume(@TempDir Path folder) {
        script(server, toolCalls(write("call_w"), write("call_x")), answer("Done."));
        Notes notes = new Notes();
        JdbcConversationStore store = Databases.sqlite(folder);
        Agent agent = agent(notes, store);
        String run = agent.run("Save two notes.").runId();

        Throwable forged = catchThrowable(() -> agent.resume(run, List.of(Decision.approve("call_w"),
                Decision.approve("call_x"), Decision.approve("call_evil"))));
        Throwable duplicate = catchThrowable(() -> agent.resume(run, List.of(Decision.approve("call_w"),
                Decision.reject("call_w", "no"), Decision.approve("call_x"))));
        Throwable missing = catchThrowable(() -> agent.resume(run, List.of(Decision.approve("call_w"))));
        Throwable none = catchThrowable(() -> agent.resume(run));

        assertThat(forged).isInstanceOf(ResumeRefusedException.class).hasMessageContaining("did not ask about call "
                + "'call_evil'").hasMessageContaining("call 'call_w' (write), call 'call_x' (write)");
        assertThat(duplicate).isInstanceOf(ResumeRefusedException.class)
                .hasMessageContaining("two decisions for call 'call_w'");
        assertThat(missing).isInstanceOf(ResumeRefusedException.class)
                .hasMessageContaining("no decision was given for call 'call_x' (write)");
        assertThat(none).isInstanceOf(ResumeRefusedException.class).hasMessageContaining("waits for a decision");
        assertThat(notes.runs).isEmpty();
        assertThat(requests(server)).hasSize(1);
        assertThat(store.run(run).orElseThrow().status()).isEqualTo(RunRecord.Status.WAITING);

        agent.resume(run, List.of(Decision.approve("call_w"), Decision.reject("call_x", "one is enough")));
        Throwable again = catchThrowable(() -> agent.resume(run, List.of(Decision.approve("call_x"))));

        assertThat(again).isInstanceOf(ResumeRefusedException.class).hasMessageContaining("it is completed");
        assertThat(notes.runs).containsExactly("write a.txt");
        assertThat(catchThrowableOfType(ResumeRefusedException.class, () -> agent.resume("no-such-run")).runId())
                .isEqualTo("no-such-run");
    }

    /** A store, and a second store object on the same database, as another process would open it. */
    record Twin(JdbcConversationStore first, JdbcConversationStore second) {
    }

    static Stream<Arguments> databases() {
        Supplier<Twin> sqlite = () -> {
            Path own = dir.resolve(java.util.UUID.randomUUID().toString());
            JdbcConversationStore first = Databases.sqlite(own);
            return new Twin(first, JdbcConversationStore.sqlite(own.resolve("sessions.db")));
        };
        Supplier<Twin> postgres = () -> {
            JdbcConversationStore first = Databases.postgres();
            return new Twin(first, JdbcConversationStore.connect(Databases.urlOf(first), null, null));
        };
        return Stream.of(Arguments.of("sqlite", sqlite), Arguments.of("postgresql", postgres));
    }

    @TempDir
    static Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anotherAgentOnTheSameDatabaseResumesTheRun(String name, Supplier<Twin> databases) {
        script(server, toolCalls(write("call_w")), answer("Saved."));
        Twin twin = databases.get();
        Notes first = new Notes();
        Notes second = new Notes();
        String run = agent(first, twin.first()).run("Save a note.").runId();

        AgentResult done = agent(second, twin.second()).resume(run, List.of(Decision.approve("call_w")));

        assertThat(done.text()).isEqualTo("Saved.");
        assertThat(first.runs).isEmpty();
        assertThat(second.runs).containsExactly("write a.txt");
        assertThat(twin.first().run(run).orElseThrow().status()).isEqualTo(RunRecord.Status.COMPLETED);
        assertThat(twin.first().run(run).orElseThrow().decisions()).containsExactly(Decision.approve("call_w"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoResumesAtOnceRunTheToolOnce(String name, Supplier<Twin> databases) throws Exception {
        script(server, toolCalls(write("call_w")), answer("Saved."));
        CountDownLatch inTool = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> runs = new CopyOnWriteArrayList<>();
        ToolSpec slowWrite = ToolSpec.of("write", "Writes a note", "{\"type\":\"object\",\"properties\":{}}",
                (args, context) -> {
                    runs.add("write");
                    inTool.countDown();
                    release.await(5, TimeUnit.SECONDS);
                    return "wrote";
                }).withApproval("writes");
        Twin twin = databases.get();
        Agent one = Agent.builder().model(ChatServer.model(server).build()).tools(slowWrite).store(twin.first())
                .build();
        Agent other = Agent.builder().model(ChatServer.model(server).build()).tools(slowWrite).store(twin.second())
                .build();
        String run = one.run("Save.").runId();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<AgentResult> first = threads.submit(() -> one.resume(run, List.of(Decision.approve("call_w"))));
            assertThat(inTool.await(5, TimeUnit.SECONDS)).isTrue();
            Future<AgentResult> second = threads.submit(() -> other.resume(run, List.of(Decision.approve("call_w"))));
            Throwable refused = catchThrowable(() -> second.get(5, TimeUnit.SECONDS));
            release.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS).text()).isEqualTo("Saved.");
            assertThat(refused).hasCauseInstanceOf(ConcurrentConversationException.class);
            assertThat(catchThrowable(() -> other.resume(run, List.of(Decision.approve("call_w")))))
                    .isInstanceOf(ResumeRefusedException.class).hasMessageContaining("it is completed");
        } finally {
            threads.shutdownNow();
        }
        assertThat(runs).containsExactly("write");
    }

    @Test
    void aRunWhoseProcessDiedResumesFromItsLastStoredStepRerunningOnlyIdempotentCalls(@TempDir Path folder) {
        // what a process killed during a step leaves: the reply stored as running, no result of its calls
        JdbcConversationStore store = Databases.sqlite(folder).withTurnLease(Duration.ofMillis(1));
        AssistantMessage reply = new AssistantMessage(null, List.of(new ToolCall("call_c", "count", "{}"),
                new ToolCall("call_r", "read", "{\"name\":\"b.txt\"}")));
        store.append("crashed", "dead-writer", 0, List.of(new UserMessage("Count and read."), reply), false,
                new RunRecord("crashed", "crashed", RunRecord.Status.RUNNING, 1, 0, Usage.of(10, 5), List.of(),
                        List.of(), Map.of(), "gpt-4o-mini", io.agent4j.chat.ChatOptions.NONE, Instant.now()));
        script(server, answer("There are 2 notes."));
        Notes notes = new Notes();

        AgentResult done = agent(notes, store).resume("crashed");

        assertThat(done.text()).isEqualTo("There are 2 notes.");
        assertThat(notes.runs).containsExactly("count");
        List<Message> stored = store.load("crashed");
        assertThat(stored).hasSize(5);
        assertThat(stored).filteredOn(ToolMessage.class::isInstance).extracting(Message::content)
                .containsExactlyInAnyOrder("2", "Unknown: the run stopped while tool 'read' was called, so whether it "
                        + "ran is not known; it was not run again. Check its effect before calling it again.");
        assertThat(done.steps()).isEqualTo(2);
        assertThat(done.usage()).isEqualTo(Usage.of(20, 10));
        assertThat(done.cost()).isPresent();
    }

    @Test
    void aRunStillHeldByItsProcessIsNotTakenOver(@TempDir Path folder) {
        JdbcConversationStore store = Databases.sqlite(folder);
        store.append("busy", "live-writer", 0, List.of(new UserMessage("Count.")), false,
                new RunRecord("busy", "busy", RunRecord.Status.RUNNING, 0, 0, Usage.ZERO, List.of(), List.of(),
                        Map.of(), null, io.agent4j.chat.ChatOptions.NONE, Instant.now()));

        Throwable refused = catchThrowable(() -> agent(new Notes(), store).resume("busy"));

        assertThat(refused).isInstanceOf(ConcurrentConversationException.class);
        assertThat(requests(server)).isEmpty();
    }

    @Test
    void aPolicyAsksForApprovalOfCallsByTheirArguments() {
        script(server, toolCalls(read("call_1")), toolCalls(new String[] {"call_2", "read", "{\"name\":\"secret.txt\"}"}),
                answer("Read both."));
        Notes notes = new Notes();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(notes)
                .approvalPolicy(ApprovalPolicy.declared().or((call, declared, context) ->
                        call.arguments().contains("secret") ? Optional.of("reads a secret") : Optional.empty()))
                .build();

        AgentResult waiting = agent.run("Read b.txt, then secret.txt.");

        assertThat(notes.runs).containsExactly("read b.txt");
        assertThat(waiting.pending()).extracting(PendingCall::reason).containsExactly("reads a secret");
        assertThat(waiting.steps()).isEqualTo(2);
        AgentResult done = agent.resume(waiting.runId(), List.of(Decision.approve("call_2")));
        assertThat(done.text()).isEqualTo("Read both.");
        assertThat(notes.runs).containsExactly("read b.txt", "read secret.txt");
    }

    @Test
    void aConversationsRunWaitsWithItsMessagesStoredAndIsResumedByItsRunId(@TempDir Path folder) {
        script(server, toolCalls(write("call_w")), answer("Saved."), answer("You are welcome."));
        Notes notes = new Notes();
        JdbcConversationStore store = Databases.sqlite(folder);
        Agent agent = agent(notes, store);

        AgentResult waiting = agent.conversation("notes").send("Save a note.");
        assertThat(store.load("notes")).hasSize(2);
        agent.resume(waiting.runId(), List.of(Decision.approve("call_w")));

        List<Message> stored = store.load("notes");
        assertThat(stored).hasSize(4);
        assertThat(stored.get(3).content()).isEqualTo("Saved.");
        assertThat(agent.conversation("notes").send("Thanks").text()).isEqualTo("You are welcome.");
        assertThat(notes.runs).containsExactly("write a.txt");
        List<String> statuses = new ArrayList<>();
        store.runs(RunRecord.Status.COMPLETED).forEach(r -> statuses.add(r.conversationId()));
        assertThat(statuses).containsExactly("notes", "notes");
    }

    @Test
    void aWaitingConversationRefusesAnotherSendUntilItIsResumedThenGoesOn() {
        script(server, toolCalls(write("call_w")), answer("Saved."), answer("Bye."));
        Notes notes = new Notes();
        Conversation chat = agent(notes, new io.agent4j.memory.InMemoryConversationStore()).conversation();

        AgentResult waiting = chat.send("Save a note.");
        Throwable early = catchThrowable(() -> chat.send("And another"));
        AgentResult done = chat.resume(List.of(Decision.approve("call_w")));

        assertThat(waiting.waiting()).isTrue();
        assertThat(early).isInstanceOf(IllegalStateException.class).hasMessageContaining(waiting.runId())
                .hasMessageContaining("resume(decisions)");
        assertThat(done.text()).isEqualTo("Saved.");
        assertThat(chat.messages()).hasSize(4);
        assertThat(chat.send("Thanks").text()).isEqualTo("Bye.");
        assertThat(chat.messages()).hasSize(6);
        assertThat(notes.runs).containsExactly("write a.txt");
        assertThat(catchThrowable(() -> chat.resume(List.of()))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCallOfAToolTheAgentDoesNotHaveNeverWaitsEvenWhenThePolicyNamesItAndIsAnsweredAsUnknown() {
        script(server, toolCalls(new String[] {"call_x", "delete_all", "{}"}), answer("I cannot delete."));
        Notes notes = new Notes();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(notes)
                .approvalPolicy(ApprovalPolicy.tools(java.util.Set.of("delete_all"), "deletes everything")).build();

        AgentResult result = agent.run("Delete everything.");

        assertThat(result.waiting()).isFalse();
        assertThat(result.text()).isEqualTo("I cannot delete.");
        assertThat(requests(server).get(1).path("messages").get(2).path("content").asString())
                .contains("delete_all");
        assertThat(notes.runs).isEmpty();
    }

    @Test
    void aConversationLoadedInAnotherProcessKnowsItsWaitingRunAndResumesIt(@TempDir Path folder) {
        script(server, toolCalls(write("call_w")), answer("Saved."), answer("Bye."));
        Notes notes = new Notes();
        AgentResult waiting = agent(notes, Databases.sqlite(folder)).conversation("notes").send("Save a note.");

        Conversation later = agent(notes, Databases.sqlite(folder)).conversation("notes");
        Throwable early = catchThrowable(() -> later.send("And another"));
        AgentResult done = later.resume(List.of(Decision.approve("call_w")));

        assertThat(waiting.waiting()).isTrue();
        assertThat(early).isInstanceOf(IllegalStateException.class).hasMessageContaining(waiting.runId());
        assertThat(done.text()).isEqualTo("Saved.");
        assertThat(later.pending()).isEmpty();
        assertThat(later.send("Thanks").text()).isEqualTo("Bye.");
        assertThat(later.messages()).hasSize(6);
        assertThat(notes.runs).containsExactly("write a.txt");
    }

    @Test
    void aConversationKnowsThePendingCallsOfItsWaitingRun(@TempDir Path folder) {
        script(server, toolCalls(write("call_w")));
        Notes notes = new Notes();
        agent(notes, Databases.sqlite(folder)).conversation("notes").send("Save a note.");

        Conversation later = agent(notes, Databases.sqlite(folder)).conversation("notes");

        assertThat(later.pending()).containsExactly(new PendingCall("call_w", "write",
                "{\"name\":\"a.txt\",\"text\":\"hello\"}", "writes to the notes folder"));
        assertThat(agent(notes, Databases.sqlite(folder)).conversation("other").pending()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aResumedRunKeepsTheRequestOptionsItStartedWith(String name, Supplier<Twin> databases) {
        script(server, toolCalls(write("call_w")), answer("Saved."));
        Notes notes = new Notes();
        Twin twin = databases.get();
        io.agent4j.chat.ChatOptions options = io.agent4j.chat.ChatOptions.builder().temperature(0.3).seed(7L)
                .stop(List.of("END")).toolChoice(io.agent4j.chat.ToolChoice.AUTO).metadata(Map.of("team", "a"))
                .logitBias(Map.of(50256, -100)).extraBody(Map.of("top_k", 40)).build();
        AgentResult waiting = agent(notes, twin.first()).withOptions(options).run("Save a note.");

        RunRecord stored = twin.second().run(waiting.runId()).orElseThrow();
        agent(notes, twin.second()).resume(waiting.runId(), List.of(Decision.approve("call_w")));

        assertThat(stored.options()).isEqualTo(options);
        JsonNode resumed = requests(server).get(1);
        assertThat(resumed.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(resumed.path("seed").asLong()).isEqualTo(7L);
        assertThat(resumed.path("stop").toString()).isEqualTo("[\"END\"]");
        assertThat(resumed.path("metadata").path("team").asString()).isEqualTo("a");
        assertThat(resumed.path("top_k").asInt()).isEqualTo(40);
        assertThat(resumed.path("logit_bias").path("50256").asInt()).isEqualTo(-100);
    }

    @Test
    void aDurableOneOffRunIsStoredStepByStepAndResumedAfterItFailedWithoutRunningItsToolAgain(
            @TempDir Path folder) {
        script(server, toolCalls(read("call_r")), com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"the server fell over\",\"type\":\"invalid_request_error\"}}"));
        Notes notes = new Notes();
        JdbcConversationStore store = Databases.sqlite(folder);
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(notes).store(store)
                .durableRuns(true).build();
        List<String> runIds = new CopyOnWriteArrayList<>();
        Agent listening = Agent.builder().model(ChatServer.model(server).build()).tools(notes).store(store)
                .durableRuns(true).listener(new AgentListener() {
                    @Override
                    public void onToolStarted(int step, ToolCall call) {
                        runIds.add(call.id());
                    }
                }).build();

        Throwable failed = catchThrowable(() -> listening.run("Read b.txt."));

        assertThat(failed).isInstanceOf(io.agent4j.errors.BadRequestException.class);
        RunRecord stored = store.runs(RunRecord.Status.FAILED).get(0);
        assertThat(store.load(stored.runId())).hasSize(3);
        assertThat(notes.runs).containsExactly("read b.txt");
        server.resetAll();
        script(server, answer("b.txt says: text of b.txt"));

        AgentResult done = agent.resume(stored.runId());

        assertThat(done.text()).isEqualTo("b.txt says: text of b.txt");
        assertThat(notes.runs).containsExactly("read b.txt");
        assertThat(store.run(stored.runId()).orElseThrow().status()).isEqualTo(RunRecord.Status.COMPLETED);
        assertThat(store.load(stored.runId())).hasSize(4);
        assertThat(runIds).containsExactly("call_r");
    }

    @Test
    void aOneOffRunThatIsNotDurableStoresNothingUnlessItWaits(@TempDir Path folder) {
        script(server, toolCalls(read("call_r")), answer("Read."));
        JdbcConversationStore store = Databases.sqlite(folder);

        AgentResult done = agent(new Notes(), store).run("Read b.txt.");

        assertThat(done.text()).isEqualTo("Read.");
        assertThat(store.run(done.runId())).isEmpty();
        assertThat(store.load(done.runId())).isEmpty();
    }
}
