package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code agent4j resume} makes the same agent as the run that stopped, from another folder and
 * without the flags being repeated: the tools of a {@code --tools} jar given by a relative path,
 * the system message of a relative {@code --instructions-file}, the endpoint and the model; the
 * key is not stored, so it comes from {@code --api-key} again. Real processes against a loopback
 * server; the jar's tool writes a line each time it runs.
 */
class ResumeSameAgentTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    private static final String KEY = "sk-resume-test-0123456789";

    private static final String STAMP = """
            package demo.stamp;

            import io.agent4j.tool.Param;
            import io.agent4j.tool.Tool;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;

            public class Stamp {
                @Tool(value = "Stamps a paper", approval = "stamps a paper")
                public String stamp(@Param("What to stamp") String what) throws Exception {
                    Files.writeString(Path.of(System.getenv("STAMPS")), what + "\\n", StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                    return "stamped " + what;
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aResumeFromAnotherFolderGetsTheSameToolsInstructionsEndpointAndModel() throws Exception {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path other = Files.createDirectories(dir.resolve("other"));
        TestJars.ofClass(first.resolve("stamp.jar"), "demo.stamp.Stamp", STAMP);
        Files.writeString(first.resolve("instructions.txt"), "You stamp papers when asked.\n");
        Path stamps = dir.resolve("stamps.txt");
        FakeOpenAi.script(server, FakeOpenAi.toolCalls(new String[] {"call_1", "stamp", "{\"what\":\"memo\"}"}),
                FakeOpenAi.answer("I stamped the memo."));

        Cli.Result waiting = in(first, stamps, "run", "--tools", "stamp.jar", "--instructions-file", "instructions.txt",
                "--base-url", FakeOpenAi.baseUrl(server), "--api-key", KEY, "--model", "gpt-4.1-mini",
                "--max-steps", "3", "Stamp the memo.");
        assertThat(waiting.exitCode()).as(waiting.err()).isEqualTo(ExitCodes.WAITING);
        assertThat(stamps).doesNotExist();
        String id = ApprovalCliTest.runId(waiting.err());
        assertThat(waiting.err()).contains("call_1: stamp {\"what\":\"memo\"} (stamps a paper)");

        Cli.Result keyless = in(other, stamps, "resume", id, "--approve", "call_1");
        assertThat(keyless.exitCode()).as(keyless.err()).isEqualTo(ExitCodes.AUTHENTICATION);
        assertThat(stamps).doesNotExist();

        Cli.Result resumed = in(other, stamps, "resume", id, "--approve", "call_1", "--api-key", KEY);

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out().strip()).isEqualTo("I stamped the memo.");
        assertThat(stamps).hasContent("memo");
        List<JsonNode> requests = FakeOpenAi.requests(server);
        assertThat(requests).hasSize(2);
        JsonNode second = requests.get(1);
        assertThat(second.path("model").asString()).isEqualTo("gpt-4.1-mini");
        assertThat(second.path("messages").get(0).path("content").asString()).isEqualTo("You stamp papers when asked.");
        assertThat(second.path("tools").get(0).path("function").path("name").asString()).isEqualTo("stamp");
        assertThat(second.path("messages").get(3).path("content").asString()).contains("stamped memo");
        assertThat(server.getAllServeEvents().get(0).getRequest().getHeader("Authorization"))
                .isEqualTo("Bearer " + KEY);
    }

    /** Runs the command line as a process in {@code folder}, the tool's lines going to {@code stamps}. */
    private Cli.Result in(Path folder, Path stamps, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + CliProcess.home(dir), "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Files.writeString(dir.resolve("empty.txt"), "").toFile()))
                .redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("OPENAI_") || name.startsWith("AGENT4J_"));
        builder.environment().put("STAMPS", stamps.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Cli.Result(process.exitValue(), out, Files.readString(err, StandardCharsets.UTF_8));
    }
}
