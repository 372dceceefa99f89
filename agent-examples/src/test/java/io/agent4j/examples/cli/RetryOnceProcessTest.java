package io.agent4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retried model call shows once on stderr, as the command line's own retry line, in a real
 * process with the command line's logging binding: the client's WARN log line of the same retry
 * is not printed beside it.
 */
class RetryOnceProcessTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    Path dir;

    private Cli.Result runAfterA429(String... flags) throws Exception {
        FakeOpenAi.script(server, aResponse().withStatus(429).withHeader("retry-after-ms", "20")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}"),
                FakeOpenAi.answer("fine"));
        List<String> args = new java.util.ArrayList<>(List.of("run", "--base-url", FakeOpenAi.baseUrl(server),
                "--api-key", FakeOpenAi.KEY));
        args.addAll(List.of(flags));
        args.add("hi");
        return CliProcess.run(dir, args.toArray(String[]::new));
    }

    @Test
    void aRetryIsOneLineOnStderr() throws Exception {
        Cli.Result result = runAfterA429();

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("fine\n");
        List<String> lines = result.err().lines().toList();
        assertThat(lines.stream().filter(line -> line.contains("429"))).singleElement().asString()
                .matches("  [↻~] HTTP 429, retrying in 20 ms \\(retry 1 of 2\\)");
        assertThat(result.err()).doesNotContain("WARN").doesNotContain("OpenAiChatModel");
        assertThat(lines).hasSize(2);
    }

    @Test
    void debugShowsTheWireLogWithoutTheKeyOrTheMessages() throws Exception {
        FakeOpenAi.script(server, FakeOpenAi.answer("Four, said the model."));
        Cli.Result result = CliProcess.run(dir, "run", "--debug", "--base-url", FakeOpenAi.baseUrl(server),
                "--api-key", FakeOpenAi.KEY, "What is two plus two?");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("Four, said the model.\n");
        assertThat(result.err()).contains("[DEBUG] wire - --> #1 POST " + FakeOpenAi.baseUrl(server)
                + "/chat/completions {\"model\":\"gpt-4o-mini\"").containsPattern("\\[DEBUG\\] wire - <-- #1 200 POST ")
                .contains("\"content\":\"<21 chars>\"");
        assertThat(result.err()).doesNotContain(FakeOpenAi.KEY).doesNotContain("two plus two")
                .doesNotContain("said the model").doesNotContain("Authorization");
    }

    @Test
    void quietShowsNoRetryAtAll() throws Exception {
        Cli.Result result = runAfterA429("--quiet");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("fine\n");
        assertThat(result.err()).isEmpty();
    }
}
