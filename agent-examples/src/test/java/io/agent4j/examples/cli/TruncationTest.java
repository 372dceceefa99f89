package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An answer the model did not finish ({@code finish_reason} {@code length} or
 * {@code content_filter}) is printed with a warning on stderr and {@code "truncated":true} in
 * {@code --json}, and ends with {@link ExitCodes#TRUNCATED} under {@code --fail-on-truncation}.
 */
class TruncationTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    Path dir;

    static final String LENGTH_WARNING = "agent4j: warning: the answer was cut off at the token limit "
            + "(finish_reason length), so it is incomplete; ask for a shorter answer, or raise the model's output "
            + "token limit on the server.";

    private static Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("run", "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k"));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void anAnswerCutAtTheTokenLimitIsPrintedWithAWarningAndExits0() {
        FakeOpenAi.script(server, FakeOpenAi.streamEndingWith("length", "It is ", "21 degrees and"));

        Cli.Result result = run("Weather in Seoul?");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("It is 21 degrees and" + System.lineSeparator());
        assertThat(result.errLines()).hasSize(2);
        assertThat(result.errLines().get(0)).isEqualTo(LENGTH_WARNING);
        assertThat(result.errLines().get(1)).startsWith("[120 tokens: ");
    }

    @Test
    void anAnswerCutByTheContentFilterSaysSo() {
        FakeOpenAi.script(server, FakeOpenAi.streamEndingWith("content_filter", "It is "));

        Cli.Result result = run("--quiet", "Weather in Seoul?");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.errLines()).as("--quiet keeps the warning").containsExactly("agent4j: warning: the answer "
                + "was cut off by the provider's content filter (finish_reason content_filter), so it is incomplete; "
                + "rephrase the prompt.");
    }

    @Test
    void jsonSaysHowTheAnswerEndedAndStderrWarns() {
        FakeOpenAi.script(server, FakeOpenAi.streamEndingWith("length", "It is ", "21 degrees and"));

        Cli.Result result = run("--json", "Weather in Seoul?");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        JsonNode answer = JsonOutputTest.onlyObject(result.out());
        assertThat(answer.path("answer").asString()).isEqualTo("It is 21 degrees and");
        assertThat(answer.path("finishReason").asString()).isEqualTo("length");
        assertThat(answer.path("truncated").asBoolean()).isTrue();
        assertThat(result.errLines()).containsExactly(LENGTH_WARNING);
    }

    @Test
    void aCompleteAnswerSaysStopAndNotTruncated() {
        FakeOpenAi.script(server, FakeOpenAi.stream("It is sunny."));

        Cli.Result result = run("--json", "--fail-on-truncation", "Weather in Seoul?");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        JsonNode answer = JsonOutputTest.onlyObject(result.out());
        assertThat(answer.path("finishReason").asString()).isEqualTo("stop");
        assertThat(answer.path("truncated").asBoolean()).isFalse();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void failOnTruncationPrintsTheAnswerAndExitsWithItsCode() {
        FakeOpenAi.script(server, FakeOpenAi.streamEndingWith("length", "It is ", "21 degrees and"));

        Cli.Result result = run("--fail-on-truncation", "--quiet", "Weather in Seoul?");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.TRUNCATED);
        assertThat(result.out()).isEqualTo("It is 21 degrees and" + System.lineSeparator());
        assertThat(result.errLines()).containsExactly(LENGTH_WARNING.replace("warning: ", ""));
    }

    @Test
    void failOnTruncationEndsAChatAfterTheCutAnswer() {
        FakeOpenAi.script(server, FakeOpenAi.streamEndingWith("length", "It is "), FakeOpenAi.stream("Never sent."));

        Cli.Result result = Cli.withInput("Weather in Seoul?\nAnd in Busan?\n", "chat", "--base-url",
                FakeOpenAi.baseUrl(server), "--api-key", "k", "--quiet",
                "--store", dir.resolve("chat.db").toString(), "--fail-on-truncation");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.TRUNCATED);
        assertThat(result.out()).isEqualTo("It is " + System.lineSeparator());
        assertThat(FakeOpenAi.requests(server)).hasSize(1);
    }
}
