package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.errors.BudgetExceededException;
import io.agent4j.errors.ConcurrentConversationException;
import io.agent4j.errors.ResumeRefusedException;
import io.agent4j.memory.JdbcConversationStore;
import io.agent4j.memory.RunRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Approval from the command line, with the {@code notes} example's scripted session and real
 * processes: a run stops before its write with exit code 5 and its run id, {@code agent4j resume}
 * in another process makes the same agent again from what the run stored and goes on with the
 * same replay; {@code --approve} asks on a terminal.
 */
class ApprovalCliTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    static final Path SESSION = Path.of("sessions", "notes.json").toAbsolutePath();
    static final String TODO = io.agent4j.examples.NotesSession.TODO;
    private static final Pattern RUN_ID = Pattern.compile("run id (\\S+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    Path notes;

    @BeforeEach
    void copyTheSampleFolder() throws Exception {
        notes = Files.createDirectories(dir.resolve("notes"));
        for (String file : List.of("README.md", "2025-06-02-standup.md", "2025-06-09-standup.md")) {
            Files.copy(Path.of("sample-notes", file), notes.resolve(file));
        }
    }

    private String[] run(Path session, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--example", "notes", "--tool-config",
                "files.root=" + notes, "--replay", session.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static String runId(String err) {
        Matcher matcher = RUN_ID.matcher(err);
        assertThat(matcher.find()).as(err).isTrue();
        return matcher.group(1);
    }

    @Test
    void aRunThatWaitsExits5WithItsRunIdAndResumeWithApprovalWritesTheFile() throws Exception {
        Cli.Result waiting = CliProcess.run(dir, run(SESSION));

        assertThat(waiting.exitCode()).as(waiting.err()).isEqualTo(ExitCodes.WAITING);
        assertThat(waiting.out()).isEmpty();
        String id = runId(waiting.err());
        assertThat(waiting.err()).contains("call_write: write_file {\"content\":\"- [ ] Order spare", "(writes a file)",
                "agent4j resume " + id + " --approve call_write", "--reject call_write=");
        assertThat(notes.resolve("todo.md")).doesNotExist();

        Cli.Result listed = CliProcess.run(dir, "runs");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains(id, "example notes", "replay " + SESSION, "call_write: write_file");

        Cli.Result resumed = CliProcess.run(dir, "resume", id, "--approve", "call_write");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out().strip()).isEqualTo(io.agent4j.examples.NotesSession.ANSWER);
        assertThat(notes.resolve("todo.md")).hasContent(TODO);
        assertThat(CliProcess.run(dir, "runs").out()).doesNotContain(id);
        Cli.Result again = CliProcess.run(dir, "resume", id, "--approve", "call_write");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("cannot be resumed");
    }

    @Test
    void aRejectedWriteIsNotMadeAndTheModelsNextAnswerSaysSo() throws Exception {
        Path rejected = rejectedSession("keep the notes as they are");
        Cli.Result waiting = CliProcess.run(dir, run(rejected));
        String id = runId(waiting.err());

        Cli.Result resumed = CliProcess.run(dir, "resume", id, "--reject", "call_write=keep the notes as they are");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).startsWith("I did not write todo.md");
        assertThat(notes.resolve("todo.md")).doesNotExist();
    }

    /**
     * The notes session with its last exchange made for a rejection: the request carries the
     * rejection the agent sends, the answer says the file was not written.
     */
    private Path rejectedSession(String reason) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(SESSION));
        JsonNode last = root.get("exchanges").get(3);
        JsonNode messages = last.get("request").get("messages");
        ObjectNode tool = (ObjectNode) messages.get(messages.size() - 1);
        tool.put("content", "Rejected: a person did not approve this call of tool 'write_file', so it was "
                + "not run: " + reason);
        ObjectNode message = (ObjectNode) last.get("response").get("message");
        message.put("content", "I did not write todo.md: the write was rejected (" + reason + "). It would have "
                + "listed the three open action items.");
        Path file = dir.resolve("notes-rejected.json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return file;
    }

    @Test
    void withJsonAWaitingRunIsOneObjectWithItsStatusRunIdAndPendingCalls() throws Exception {
        Cli.Result waiting = CliProcess.run(dir, run(SESSION, "--json"));

        assertThat(waiting.exitCode()).isEqualTo(ExitCodes.WAITING);
        JsonNode object = JsonOutputTest.onlyObject(waiting.out());
        assertThat(object.path("status").asString()).isEqualTo("waiting");
        assertThat(object.path("runId").asString()).isEqualTo(runId(waiting.err()));
        assertThat(object.path("pending").get(0).path("id").asString()).isEqualTo("call_write");
        assertThat(object.path("pending").get(0).path("tool").asString()).isEqualTo("write_file");
        assertThat(object.path("pending").get(0).path("reason").asString()).isEqualTo("writes a file");
    }

    @Test
    void theRunKeepsWhatMakesItsAgentAndNeverTheKey() throws Exception {
        Cli.Result stored = CliProcess.run(dir, run(SESSION, "--api-key", "sk-never-stored-0123456789",
                "--max-steps", "7", "--max-tokens-total", "50000"));
        String id = runId(stored.err());
        Path file = CliProcess.home(dir).resolve(".agent4j/sessions.db");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                .doesNotContain("sk-never-stored");
        RunRecord run = JdbcConversationStore.sqlite(file).run(id).orElseThrow();
        assertThat(RunLabels.args(run)).containsSubsequence("--example", "notes")
                .containsSubsequence("--tool-config", "files.root=" + notes)
                .containsSubsequence("--replay", SESSION.toString())
                .containsSubsequence("--max-steps", "7").containsSubsequence("--max-tokens-total", "50000")
                .doesNotContain("--api-key", "sk-never-stored-0123456789");
        assertThat(run.labels()).containsEntry(RunLabels.EXAMPLE, "notes");

        Cli.Result resumed = CliProcess.run(dir, "resume", id, "--approve", "call_write", "--api-key",
                "sk-never-stored-0123456789");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                .doesNotContain("sk-never-stored");
    }

    @Test
    void aResumeThatDoesNotAnswerExactlyThePendingCallsIsAUsageErrorAndRunsNothing() throws Exception {
        String id = runId(CliProcess.run(dir, run(SESSION)).err());

        Cli.Result unknown = CliProcess.run(dir, "resume", "no-such-run", "--approve", "call_write");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("no run 'no-such-run'", "agent4j runs");

        Cli.Result forged = CliProcess.run(dir, "resume", id, "--approve", "call_read_1");
        assertThat(forged.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(forged.err()).contains("cannot be resumed", "call_read_1");

        Cli.Result twice = CliProcess.run(dir, "resume", id, "--approve", "call_write", "--reject", "call_write");
        assertThat(twice.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(notes.resolve("todo.md")).doesNotExist();

        assertThat(CliProcess.run(dir, "resume", id, "--approve", "call_write").exitCode()).isZero();
        assertThat(notes.resolve("todo.md")).hasContent(TODO);
    }

    @Test
    void withApproveOnATerminalEachCallIsAskedAndTheAnswerDecides() {
        Cli.Result yes = Cli.withInput("y\n", true, run(SESSION, "--approve"));

        assertThat(yes.exitCode()).as(yes.err()).isZero();
        assertThat(yes.err()).contains("the model wants to call write_file (writes a file):", "\"path\": \"todo.md\"",
                "Run it? y = yes, n = no, or type why not:");
        assertThat(yes.out()).contains("I wrote todo.md");
        assertThat(notes.resolve("todo.md")).hasContent(TODO);
    }

    @Test
    void withApproveButNoTerminalTheRunStopsWithCode5() {
        Cli.Result piped = Cli.withInput("y\n", false, run(SESSION, "--approve"));

        assertThat(piped.exitCode()).isEqualTo(ExitCodes.WAITING);
        assertThat(piped.err()).contains("agent4j resume ");
        assertThat(notes.resolve("todo.md")).doesNotExist();
    }

    @Test
    void withApproveOnARealPseudoTerminalTheTypedAnswerDecides() throws Exception {
        Path script = Path.of("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "util-linux script makes the pseudo-terminal");
        Path rejected = rejectedSession("not today");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Duser.home=" + CliProcess.home(dir),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(run(rejected, "--approve")));
        String line = String.join(" ", command.stream().map(arg -> "'" + arg.replace("'", "'\\''") + "'").toList());
        Path input = Files.writeString(dir.resolve("typed.txt"), "not today\n");
        Path output = dir.resolve("terminal.txt");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "-qec", line, "/dev/null")
                .redirectInput(input.toFile()).redirectOutput(output.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("OPENAI_") || name.startsWith("AGENT4J_"));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String shown = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(shown).isZero();
        assertThat(shown).contains("the model wants to call write_file", "Run it?", "I did not write todo.md");
        assertThat(notes.resolve("todo.md")).doesNotExist();
    }

    @Test
    void theExceptionsOfAResumeAndABudgetHaveTheirExitCodes() {
        assertThat(Failures.exitCode(new ResumeRefusedException("r", "it is not waiting"))).isEqualTo(ExitCodes.USAGE);
        assertThat(Failures.exitCode(new ConcurrentConversationException("taken")))
                .isEqualTo(ExitCodes.RESUMED_ELSEWHERE);
        assertThat(Failures.exitCode(new BudgetExceededException("maxCost", false, "spent 0.06 of 0.05",
                List.of(), io.agent4j.chat.Usage.UNKNOWN, null))).isEqualTo(ExitCodes.BUDGET);
    }

    @Test
    void aChatAsksOnATerminalAndWithoutOneStopsWithCode5() {
        String[] chat = {"chat", "--example", "notes", "--tool-config", "files.root=" + notes, "--replay",
            SESSION.toString(), "--quiet"};
        String prompt = io.agent4j.examples.NotesExample.SAMPLE_PROMPT + "\n";

        Cli.Result piped = Cli.withInput(prompt, false, chat);
        assertThat(piped.exitCode()).as(piped.err()).isEqualTo(ExitCodes.WAITING);
        assertThat(piped.err()).contains("waits for approval", "call_write: write_file");
        assertThat(notes.resolve("todo.md")).doesNotExist();

        Cli.Result asked = Cli.withInput(prompt + "y\n", true, chat);
        assertThat(asked.exitCode()).as(asked.err()).isZero();
        assertThat(asked.out()).contains(io.agent4j.examples.NotesSession.ANSWER);
        assertThat(notes.resolve("todo.md")).hasContent(TODO);
    }

    @Test
    void aChatThatWaitsWithoutATerminalIsResumedByAgent4jResumeAndTheSessionKeepsTheAnswer() throws Exception {
        Path db = dir.resolve("chats.db");
        String[] chat = {"chat", "--example", "notes", "--tool-config", "files.root=" + notes, "--replay",
            SESSION.toString(), "--store", db.toString(), "--quiet"};
        String prompt = io.agent4j.examples.NotesExample.SAMPLE_PROMPT + "\n";

        Cli.Result waiting = CliProcess.run(dir, java.util.Map.of(), prompt, chat);
        assertThat(waiting.exitCode()).as(waiting.err()).isEqualTo(ExitCodes.WAITING);
        String id = runId(waiting.err());
        assertThat(waiting.err()).contains("session 'default' waits for approval", "call_write: write_file",
                "agent4j resume " + id + " --approve call_write --store " + db);

        Cli.Result again = CliProcess.run(dir, java.util.Map.of(), "Anything else?\n", chat);
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.WAITING);
        assertThat(runId(again.err())).isEqualTo(id);
        assertThat(notes.resolve("todo.md")).doesNotExist();
        assertThat(CliProcess.run(dir, "runs", "--store", db.toString()).out()).contains(id, "chat session default",
                "example notes");

        Cli.Result resumed = CliProcess.run(dir, "resume", id, "--approve", "call_write", "--store", db.toString());

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out().strip()).isEqualTo(io.agent4j.examples.NotesSession.ANSWER);
        assertThat(notes.resolve("todo.md")).hasContent(TODO);
        JdbcConversationStore store = JdbcConversationStore.sqlite(db);
        List<io.agent4j.chat.Message> session = store.load("default");
        assertThat(session.get(session.size() - 1).content()).isEqualTo(io.agent4j.examples.NotesSession.ANSWER);
        assertThat(session).filteredOn(m -> m.content() != null && m.content().contains("Anything else")).isEmpty();
        assertThat(store.runs(RunRecord.Status.WAITING)).isEmpty();
    }

    @Test
    void aChatWhoseSessionWaitsAsksFirstOnATerminalAndGoesOn() throws Exception {
        Path db = dir.resolve("chats.db");
        String[] chat = {"chat", "--example", "notes", "--tool-config", "files.root=" + notes, "--replay",
            SESSION.toString(), "--store", db.toString(), "--quiet"};
        Cli.Result waiting = Cli.withInput(io.agent4j.examples.NotesExample.SAMPLE_PROMPT + "\n", false, chat);
        assertThat(waiting.exitCode()).as(waiting.err()).isEqualTo(ExitCodes.WAITING);

        Cli.Result asked = Cli.withInput("y\n", true, chat);

        assertThat(asked.exitCode()).as(asked.err()).isZero();
        assertThat(asked.err()).contains("write_file");
        assertThat(asked.out()).contains(io.agent4j.examples.NotesSession.ANSWER);
        assertThat(notes.resolve("todo.md")).hasContent(TODO);
        assertThat(JdbcConversationStore.sqlite(db).runs(RunRecord.Status.WAITING)).isEmpty();
    }

    @Test
    void runRunsAndResumeUseTheStoreOfTheConfigurationFile() throws Exception {
        Path db = dir.resolve("configured.db");
        Path config = Files.createDirectories(CliProcess.home(dir).resolve(".agent4j")).resolve("config.properties");
        Files.writeString(config, "store = " + db + "\n");

        Cli.Result waiting = CliProcess.run(dir, run(SESSION));
        String id = runId(waiting.err());
        Cli.Result listed = CliProcess.run(dir, "runs");
        Cli.Result resumed = CliProcess.run(dir, "resume", id, "--approve", "call_write");

        assertThat(waiting.exitCode()).as(waiting.err()).isEqualTo(ExitCodes.WAITING);
        assertThat(JdbcConversationStore.sqlite(db).run(id)).isPresent();
        assertThat(CliProcess.home(dir).resolve(".agent4j").resolve("sessions.db")).doesNotExist();
        assertThat(listed.out()).contains(id);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(notes.resolve("todo.md")).hasContent(TODO);
        assertThat(JdbcConversationStore.sqlite(db).run(id).orElseThrow().status())
                .isEqualTo(RunRecord.Status.COMPLETED);
    }

    @Test
    void twoResumesAtOnceInTwoProcessesRunTheWriteOnceAndTheSecondExits11() throws Exception {
        FakeOpenAi.script(server, FakeOpenAi.toolCalls(new String[] {"call_write", "write_file",
            "{\"path\":\"todo.md\",\"content\":\"- [ ] one\\n\"}"}),
                FakeOpenAi.answer("Wrote todo.md.").withFixedDelay(15_000));
        java.util.Map<String, String> key = java.util.Map.of("OPENAI_API_KEY", FakeOpenAi.KEY);
        Cli.Result waiting = CliProcess.run(dir, key, "", "run", "--packs", "files", "--tool-config",
                "files.root=" + notes, "--tool-config", "files.writable=true", "--base-url", FakeOpenAi.baseUrl(server),
                "--no-stream", "Write the todo list.");
        assertThat(waiting.exitCode()).as(waiting.err()).isEqualTo(ExitCodes.WAITING);
        String id = runId(waiting.err());

        Path firstErr = Files.createTempFile(dir, "first", ".txt");
        Process first = CliProcess.start(dir, key, "", firstErr, "resume", id, "--approve", "call_write");
        // the first resume has run the write and waits for the model's answer, holding the run
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(FakeOpenAi.PATH))).size() < 2) {
            assertThat(System.nanoTime()).as(waiting.err() + Files.readString(firstErr)).isLessThan(until);
            Thread.sleep(20);
        }
        Files.delete(notes.resolve("todo.md"));
        Cli.Result second = CliProcess.run(dir, key, "", "resume", id, "--approve", "call_write");
        String firstOut = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(first.exitValue()).as(Files.readString(firstErr)).isZero();
        assertThat(firstOut.strip()).isEqualTo("Wrote todo.md.");
        assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.RESUMED_ELSEWHERE);
        assertThat(second.err()).contains("another");
        assertThat(notes.resolve("todo.md")).as("the second resume wrote nothing").doesNotExist();
        assertThat(server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(FakeOpenAi.PATH)))).hasSize(2);
    }
}
