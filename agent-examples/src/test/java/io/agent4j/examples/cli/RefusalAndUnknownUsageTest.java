package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A model that refuses, and a server that reports no usage: neither is shown as an ordinary answer
 * or as zero tokens.
 */
class RefusalAndUnknownUsageTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    private static final String REFUSAL = "I'm sorry, I cannot help with that.";

    @TempDir
    Path dir;

    private Cli.Result run(String... options) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", "--base-url",
                FakeOpenAi.baseUrl(server), "--api-key", "k"));
        args.addAll(java.util.List.of(options));
        args.add("Hi");
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aRefusalIsPrintedOnStderrAndExits6() {
        FakeOpenAi.script(server, FakeOpenAi.refusal(REFUSAL));

        Cli.Result result = run("--quiet");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).containsExactly("agent4j: the model refused to answer: " + REFUSAL);
    }

    @Test
    void aRefusalIsInTheJsonObject() {
        FakeOpenAi.script(server, FakeOpenAi.refusal(REFUSAL));

        Cli.Result result = run("--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        JsonNode answer = JsonOutputTest.onlyObject(result.out());
        assertThat(answer.path("refusal").asString()).isEqualTo(REFUSAL);
        assertThat(answer.path("answer").asString()).isEmpty();
        assertThat(result.errLines()).containsExactly("agent4j: the model refused to answer: " + REFUSAL);
    }

    @Test
    void anAnswerHasANullRefusalInJson() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Hello!"));
        JsonNode answer = JsonOutputTest.onlyObject(run("--json").out());
        assertThat(answer.has("refusal")).isTrue();
        assertThat(answer.path("refusal").isNull()).isTrue();
    }

    @Test
    void inChatARefusalIsPrintedAndTheChatGoesOn() {
        FakeOpenAi.script(server, FakeOpenAi.refusal(REFUSAL), FakeOpenAi.answer("Fine."));

        Cli.Result result = Cli.withInput("Something bad\nSomething else\n", "chat", "--base-url",
                FakeOpenAi.baseUrl(server), "--api-key", "k", "--store", dir.resolve("s.db").toString(), "--quiet");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("Fine." + System.lineSeparator());
        assertThat(result.errLines()).containsExactly("agent4j: the model refused to answer: " + REFUSAL);
    }

    @Test
    void aStreamWithoutUsageShowsUnknownTokensNotZero() {
        FakeOpenAi.script(server, FakeOpenAi.streamWithoutUsage("Hel", "lo!"));

        Cli.Result result = run();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.errLines()).containsExactly("[tokens unknown (the server reported no usage); cost unknown]");
    }

    @Test
    void aStreamWithoutUsageIsUnknownInJson() {
        FakeOpenAi.script(server, FakeOpenAi.streamWithoutUsage("Hel", "lo!"));

        JsonNode answer = JsonOutputTest.onlyObject(run("--json").out());

        assertThat(answer.path("usage").isNull()).as(answer.toString()).isTrue();
        assertThat(answer.path("usageKnown").asBoolean(true)).isFalse();
        assertThat(answer.path("cost").isNull()).isTrue();
        assertThat(answer.path("costKnown").asBoolean(true)).isFalse();
    }

    @Test
    void inChatOneAnswerWithoutUsageMakesTheSessionsTokensAtLeast() {
        FakeOpenAi.script(server, FakeOpenAi.stream("One."), FakeOpenAi.streamWithoutUsage("Two."));

        Cli.Result result = Cli.withInput("a\nb\n", "chat", "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k",
                "--store", dir.resolve("s.db").toString());

        assertThat(result.errLines()).last().isEqualTo("[tokens unknown (the server reported no usage); cost unknown"
                + " | session at least 120 tokens, cost unknown]");
    }
}
