package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.examples.CalcSession;
import io.agent4j.examples.Examples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code --instructions TEXT} and {@code --instructions-file FILE} replace the system message of
 * the example, or the default one, in what is sent; a file that cannot be used is a usage error
 * before any request.
 */
class InstructionsOptionTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    Path dir;

    private Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("run", "--quiet", "--api-key", FakeOpenAi.KEY, "--base-url",
                FakeOpenAi.baseUrl(server)));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    /** The system messages of the one request sent. */
    private List<String> systemMessages() {
        List<JsonNode> requests = FakeOpenAi.requests(server);
        assertThat(requests).hasSize(1);
        List<String> system = new ArrayList<>();
        for (JsonNode message : requests.get(0).path("messages")) {
            if (message.path("role").asString().equals("system")) {
                system.add(message.path("content").asString());
            }
        }
        return system;
    }

    @Test
    void withoutAnExampleTheDefaultSystemMessageIsSent() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Four."));
        assertThat(run("--packs", "math", "What is 2+2?").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(systemMessages()).containsExactly("You are a helpful assistant. Use the tools you are given "
                + "whenever they help answer exactly, and answer concisely.");
    }

    @Test
    void instructionsReplaceTheDefaultSystemMessage() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Vier."));
        assertThat(run("--packs", "math", "--instructions", "Answer in German.", "What is 2+2?").exitCode())
                .isEqualTo(ExitCodes.OK);
        assertThat(systemMessages()).containsExactly("Answer in German.");
    }

    @Test
    void instructionsReplaceThoseOfTheExampleAndKeepItsTools() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Four."));
        assertThat(run("--example", "calc", "--instructions", "Be terse.", "What is 2+2?").exitCode())
                .isEqualTo(ExitCodes.OK);
        assertThat(systemMessages()).containsExactly("Be terse.");
        assertThat(FakeOpenAi.requests(server).get(0).path("tools").size())
                .isEqualTo(Examples.find("calc").orElseThrow().tools().definitions().size());
    }

    @Test
    void anInstructionsFileIsSentAsItIsWithoutItsLastLineBreaks() throws Exception {
        Path file = Files.writeString(dir.resolve("system.txt"), "Answer in German.\nUse the tools.\n\n",
                StandardCharsets.UTF_8);
        FakeOpenAi.script(server, FakeOpenAi.answer("Vier."));
        assertThat(run("--packs", "math", "--instructions-file", file.toString(), "What is 2+2?").exitCode())
                .isEqualTo(ExitCodes.OK);
        assertThat(systemMessages()).containsExactly("Answer in German.\nUse the tools.");
    }

    @Test
    void chatSendsTheInstructionsInANewSession() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Vier."));
        Cli.Result result = Cli.withInput("What is 2+2?\n", "chat", "--quiet", "--api-key", FakeOpenAi.KEY,
                "--base-url", FakeOpenAi.baseUrl(server), "--packs", "math", "--store",
                dir.resolve("chats.db").toString(), "--instructions", "Answer in German.");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(systemMessages()).containsExactly("Answer in German.");
    }

    @Test
    void aReplayWithOtherInstructionsThanTheRecordingsDivergesAtStepOne() {
        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", CalcSession.SHIPPED.toString(),
                "--instructions", "Be terse.");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.errLines()).singleElement().asString()
                .contains("diverged at step 1: message 1 (system) differs in 'content'");
    }

    @Test
    void aReplayWithTheRecordingsOwnInstructionsAnswers() {
        Cli.Result result = Cli.run("run", "--quiet", "--example", "calc", "--replay", CalcSession.SHIPPED.toString(),
                "--instructions", io.agent4j.examples.CalcExample.INSTRUCTIONS);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().strip()).isEqualTo(CalcSession.ANSWER);
    }

    @Test
    void aResumedChatKeepsTheSystemMessageItsSessionStartedWith() {
        String store = dir.resolve("chats.db").toString();
        FakeOpenAi.script(server, FakeOpenAi.answer("Vier."));
        for (String instructions : new String[] {"Answer in German.", "Answer in French."}) {
            Cli.Result result = Cli.withInput("What is 2+2?\n", "chat", "--quiet", "--api-key", FakeOpenAi.KEY,
                    "--base-url", FakeOpenAi.baseUrl(server), "--packs", "math", "--store", store, "--session", "s",
                    "--instructions", instructions);
            assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        }
        List<JsonNode> requests = FakeOpenAi.requests(server);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).path("messages").get(0).path("content").asString()).isEqualTo("Answer in German.");
    }

    @Test
    void bothFormsAtOnceAreAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("system.txt"), "Be terse.");
        Cli.Result result = run("--instructions", "Be brief.", "--instructions-file", file.toString(), "hi");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("mutually exclusive");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void aMissingFileIsAUsageErrorBeforeAnyRequest() {
        Path missing = dir.resolve("no-such-instructions.txt");
        Cli.Result result = run("--packs", "math", "--instructions-file", missing.toString(), "hi");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("agent4j: --instructions-file " + missing + ": no such file "
                + "(see 'agent4j run --help')");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void anUnreadableFileIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("secret.txt"), "Be terse.");
        assumeTrue(Files.getFileStore(file).supportsFileAttributeView("posix"), "needs POSIX permissions");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(file), "runs as a user who can read anything");
        Cli.Result result = run("--packs", "math", "--instructions-file", file.toString(), "hi");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("agent4j: --instructions-file " + file + ": cannot be read "
                + "(permission denied) (see 'agent4j run --help')");
    }

    @Test
    void aFolderIsAUsageError() {
        Cli.Result result = run("--packs", "math", "--instructions-file", dir.toString(), "hi");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("agent4j: --instructions-file " + dir + ": is a folder, not a "
                + "file (see 'agent4j run --help')");
    }

    @Test
    void anEmptyFileIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.txt"), "\n  \n");
        Cli.Result result = run("--packs", "math", "--instructions-file", file.toString(), "hi");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("agent4j: --instructions-file " + file + ": is empty; put the "
                + "system message in it (see 'agent4j run --help')");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void emptyInstructionsAreAUsageError() {
        Cli.Result result = run("--packs", "math", "--instructions", " ", "hi");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("agent4j: --instructions is empty; give the system message, "
                + "or leave the option out for the default one (see 'agent4j run --help')");
    }

    @Test
    void aFileThatIsNotUtf8IsAUsageError() throws Exception {
        Path file = Files.write(dir.resolve("latin1.txt"), "Réponds en français.".getBytes(StandardCharsets.ISO_8859_1));
        Cli.Result result = run("--packs", "math", "--instructions-file", file.toString(), "hi");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("agent4j: --instructions-file " + file + ": is not UTF-8 text "
                + "(see 'agent4j run --help')");
    }

    @Test
    void aFileLargerThanOneMebibyteIsAUsageError() throws Exception {
        Path file = Files.write(dir.resolve("huge.txt"), new byte[1024 * 1024 + 1]);
        Cli.Result result = run("--packs", "math", "--instructions-file", file.toString(), "hi");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("agent4j: --instructions-file " + file + ": is larger than "
                + "1 MiB, more than any model reads as its system message (see 'agent4j run --help')");
    }
}
