package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static io.agent4j.testing.RunProcess.option;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolMessage;
import io.agent4j.memory.Databases;
import io.agent4j.memory.JdbcConversationStore;
import io.agent4j.memory.RunRecord;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.RunProcess;
import io.agent4j.testing.RunProcess.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Runs that outlive their process, each on a SQLite file and on PostgreSQL, with real JVMs
 * ({@link RunProcess}): a run that waits in one process is finished by another, a process killed
 * in the middle of a step is resumed by another without running a finished call again, and two
 * processes that resume one run at once run each tool once. The tools count their runs in a file.
 */
class DurableRunTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    @TempDir
    Path dir;

    /** The database of a test: its store here, and how a process reaches it. */
    private record Database(JdbcConversationStore store, String location) {
    }

    private Database database(String name) {
        if (name.equals("sqlite")) {
            Path file = dir.resolve("runs.db");
            return new Database(JdbcConversationStore.sqlite(file), file.toString());
        }
        JdbcConversationStore store = Databases.postgres();
        return new Database(store, Databases.urlOf(store));
    }

    private RunProcess process(String name, String command, Database database, String... options) {
        String[] all = Stream.concat(Stream.of(option("store", database.location()), option("port", server.getPort()),
                option("counter", counter())), Stream.of(options)).toArray(String[]::new);
        return RunProcess.start(dir, name, command, all);
    }

    private Path counter() {
        return dir.resolve("tool-runs.txt");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aRunThatWaitsInOneProcessIsApprovedAndFinishedByAnother(String name) throws Exception {
        script(server, toolCalls(new String[] {"call_w", "write", "{\"name\":\"a.txt\",\"text\":\"hi\"}"},
                new String[] {"call_r", "read", "{\"name\":\"b.txt\"}"}), answer("Saved a.txt."));
        Database database = database(name);

        Outcome waiting = process("a", "start", database, option("prompt", "Save a.txt, read b.txt.")).await();

        assertThat(waiting.exitCode()).as(waiting.out()).isEqualTo(RunProcess.WAITING);
        assertThat(waiting.out()).endsWith(" call_w");
        assertThat(RunProcess.runs(counter())).isEmpty();
        String runId = waiting.runId();
        assertThat(database.store().run(runId).orElseThrow().status()).isEqualTo(RunRecord.Status.WAITING);

        Outcome done = process("b", "resume", database, option("run", runId), option("approve", "call_w")).await();

        assertThat(done.exitCode()).as(done.out()).isEqualTo(RunProcess.COMPLETED);
        assertThat(done.out()).isEqualTo("COMPLETED " + runId + " Saved a.txt.");
        assertThat(RunProcess.runs(counter())).containsExactlyInAnyOrder("write a.txt", "read b.txt");
        RunRecord stored = database.store().run(runId).orElseThrow();
        assertThat(stored.status()).isEqualTo(RunRecord.Status.COMPLETED);
        assertThat(stored.steps()).isEqualTo(2);
        assertThat(database.store().load(stored.conversationId())).extracting(Message::content)
                .containsExactly("You are terse.", "Save a.txt, read b.txt.", null, "wrote a.txt", "text of b.txt",
                        "Saved a.txt.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aKilledStepsIdempotentCallInFlightIsRunAgainAndItsFinishedCallIsNot(String name) throws Exception {
        JsonNode sent = killInTheMiddleOfAStepThenResume(name, new String[] {"call_l", "lookup", "{\"item\":\"tea\"}"});

        assertThat(RunProcess.runs(counter())).containsExactlyInAnyOrder("quick", "lookup tea", "lookup tea");
        assertThat(sent.get(4).path("tool_call_id").asString()).isEqualTo("call_l");
        assertThat(sent.get(4).path("content").asString()).isEqualTo("tea costs 3");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aKilledStepsOtherCallInFlightIsNotRunAgainAndTheModelIsToldItsOutcomeIsUnknown(String name)
            throws Exception {
        JsonNode sent = killInTheMiddleOfAStepThenResume(name, new String[] {"call_s", "send", "{\"to\":\"ann\"}"});

        assertThat(RunProcess.runs(counter())).containsExactlyInAnyOrder("quick", "send ann");
        assertThat(sent.get(4).path("tool_call_id").asString()).isEqualTo("call_s");
        assertThat(sent.get(4).path("content").asString()).isEqualTo("Unknown: the run stopped while tool 'send' was "
                + "called, so whether it ran is not known; it was not run again. Check its effect before calling it "
                + "again.");
    }

    /**
     * Process A runs a step of two calls: {@code quick}, whose result is stored, and {@code slow},
     * which waits at a gate that never opens; A is killed once the store holds the first result
     * and the second call has started. Process B resumes the run with a short turn lease and
     * finishes it. Returns the messages of the request B sent to the model.
     */
    private JsonNode killInTheMiddleOfAStepThenResume(String name, String[] slow) throws Exception {
        script(server, toolCalls(new String[] {"call_q", "quick", "{}"}, slow), answer("Done."));
        Database database = database(name);
        String conversation = "crash-" + slow[1];

        RunProcess a = process("a", "start", database, option("conversation", conversation), option("prompt", "Go."),
                option("gate", dir.resolve("never")));
        awaitUntil(() -> RunProcess.runs(counter()).size() == 2 && database.store().load(conversation).stream()
                .anyMatch(m -> m instanceof ToolMessage t && t.toolCallId().equals("call_q")),
                "A stored the quick result and started the slow call", a);
        a.kill();

        List<RunRecord> running = database.store().runs(RunRecord.Status.RUNNING);
        assertThat(running).extracting(RunRecord::conversationId).containsExactly(conversation);
        String runId = running.get(0).runId();
        Outcome done = process("b", "resume", database, option("run", runId), option("lease", 1)).await();

        assertThat(done.exitCode()).as(done.out()).isEqualTo(RunProcess.COMPLETED);
        assertThat(done.out()).isEqualTo("COMPLETED " + runId + " Done.");
        RunRecord stored = database.store().run(runId).orElseThrow();
        assertThat(stored.status()).isEqualTo(RunRecord.Status.COMPLETED);
        assertThat(stored.steps()).isEqualTo(2);
        List<JsonNode> requests = requests(server);
        assertThat(requests).hasSize(2);
        JsonNode sent = requests.get(1).path("messages");
        assertThat(sent).hasSize(5);
        assertThat(sent.get(3).path("tool_call_id").asString()).isEqualTo("call_q");
        assertThat(sent.get(3).path("content").asString()).isEqualTo("quick result");
        assertThat(database.store().load(conversation)).hasSize(6);
        return sent;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aProcessKilledWhileItsPolicyDecidesLeavesNoRunThatARecoveryCouldRunTheCallFrom(String name)
            throws Exception {
        script(server, toolCalls(new String[] {"call_p", "publish", "{}"}), answer("Published."));
        Database database = database(name);
        String conversation = "killed-in-policy";
        Path policyGate = dir.resolve("policy");

        RunProcess a = process("a", "start", database, option("conversation", conversation),
                option("prompt", "Publish."), option("policy-gate", policyGate));
        awaitUntil(() -> Files.exists(Path.of(policyGate + ".entered")), "A's policy decides on the call", a);
        a.kill();

        // a recovery resumes every run the store holds as running: none may run the call, which needs approval
        for (RunRecord running : database.store().runs(RunRecord.Status.RUNNING)) {
            Outcome resumed = process("b", "resume", database, option("run", running.runId()), option("lease", 1))
                    .await();
            assertThat(resumed.exitCode()).as(resumed.out()).isNotEqualTo(1);
        }
        assertThat(RunProcess.runs(counter())).doesNotContain("publish");
        assertThat(database.store().load(conversation)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void twoProcessesResumingOneWaitingRunAtOnceRunEachToolOnceAndOneIsRefused(String name) throws Exception {
        script(server, toolCalls(new String[] {"call_w", "write", "{\"name\":\"a.txt\",\"text\":\"hi\"}"}),
                answer("Saved."));
        Database database = database(name);
        Path gate = dir.resolve("gate");
        Path go = dir.resolve("go");
        String runId = RunProcess.agent(option("store", database.location()), option("port", server.getPort()),
                option("counter", counter())).run("Save a.txt.").runId();

        RunProcess b = process("b", "resume", database, option("run", runId), option("approve", "call_w"),
                option("gate", gate), option("ready", dir.resolve("b-ready")), option("go", go));
        RunProcess c = process("c", "resume", database, option("run", runId), option("approve", "call_w"),
                option("gate", gate), option("ready", dir.resolve("c-ready")), option("go", go));
        awaitUntil(() -> Files.exists(dir.resolve("b-ready")) && Files.exists(dir.resolve("c-ready")),
                "both processes built their agents", b, c);
        Files.createFile(go);
        // the winner holds the call at the gate until the other process has been refused
        awaitUntil(() -> !b.process().isAlive() || !c.process().isAlive(), "one process was refused", b, c);
        RunProcess loser = b.process().isAlive() ? c : b;
        RunProcess winner = loser == b ? c : b;
        Outcome refused = loser.await();
        awaitUntil(() -> RunProcess.runs(counter()).size() == 1, "the winner runs the approved call", winner);
        Files.createFile(gate);
        Outcome done = winner.await();

        System.out.println("two resumes at once, " + name + ": the second got " + refused.out());
        assertThat(refused.exitCode()).as(refused.out()).isIn(RunProcess.REFUSED, RunProcess.CONCURRENT);
        assertThat(refused.out()).satisfiesAnyOf(out -> assertThat(out).startsWith("REFUSED "),
                out -> assertThat(out).startsWith("CONCURRENT "));
        assertThat(done.exitCode()).as(done.out()).isEqualTo(RunProcess.COMPLETED);
        assertThat(done.out()).isEqualTo("COMPLETED " + runId + " Saved.");
        assertThat(RunProcess.runs(counter())).containsExactly("write a.txt");
        assertThat(requests(server)).hasSize(2);
        RunRecord stored = database.store().run(runId).orElseThrow();
        assertThat(stored.status()).isEqualTo(RunRecord.Status.COMPLETED);
        assertThat(database.store().load(runId)).extracting(Message::content)
                .containsExactly("You are terse.", "Save a.txt.", null, "wrote a.txt", "Saved.");
    }

    /** Waits (at most 20 s) until {@code condition} holds; fails early when one of the processes ended. */
    private static void awaitUntil(BooleanSupplier condition, String what, RunProcess... watched)
            throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            for (RunProcess process : watched) {
                if (!process.process().isAlive() && !condition.getAsBoolean()) {
                    throw new AssertionError("waiting until " + what + ", a process ended: " + process.await());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 20 s, but not: " + what);
            }
            Thread.sleep(20);
        }
    }
}
