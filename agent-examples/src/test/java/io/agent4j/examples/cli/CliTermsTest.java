package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's advice names builder settings and API ways ("the base URL", "record it again"); the
 * command line says the same in its flags. Each failure here is a real one: a rejected key, an unknown
 * model, an unreachable server, a damaged recording.
 */
class CliTermsTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    private static final Map<String, String> KEYED = Map.of("OPENAI_API_KEY", FakeOpenAi.KEY);

    @Test
    void aRejectedKeyPointsAtTheKeysFlagAndVariable() {
        FakeOpenAi.script(server, FakeOpenAi.error(401, "Incorrect API key provided", "invalid_request_error",
                "invalid_api_key"));

        Cli.Result result = Cli.run(KEYED, "run", "--example", "calc", "--base-url", FakeOpenAi.baseUrl(server), "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTHENTICATION);
        assertThat(result.err()).contains("Check OPENAI_API_KEY or --api-key.")
                .doesNotContain("given to the builder");
    }

    @Test
    void anUnknownModelPointsAtTheModelAndBaseUrlFlags() {
        FakeOpenAi.script(server, FakeOpenAi.error(404, "The model 'gpt-5-nano' does not exist",
                "invalid_request_error", "model_not_found"));

        Cli.Result result = Cli.run(KEYED, "run", "--example", "calc", "--model", "gpt-5-nano", "--base-url",
                FakeOpenAi.baseUrl(server), "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).contains("Check --model and --base-url.").doesNotContain("the model name");
    }

    @Test
    void anUnreachableServerPointsAtTheBaseUrlFlag() {
        Cli.Result result = Cli.run(KEYED, "run", "--example", "calc", "--base-url", "http://127.0.0.1:1/v1",
                "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).contains("Check --base-url and your network.").doesNotContain("the base URL");
    }

    @Test
    void aDamagedRecordingIsReCreatedWithTheRecordFlag(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("calc.json");
        Files.writeString(recording, "{\"format\": \"agent4j-recording\", \"version\": 1, \"exchanges\": [");

        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", recording.toString(), "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).contains("Re-create it with --record.").doesNotContain("against a live model");
    }

    @Test
    void everyLibraryPhraseHasItsCommandLineWords() {
        assertThat(Failures.inCliTerms("Replay of x ran out. Record it again against a live model if the agent "
                + "changed; or record it again against a live model. Record it against a live model "
                + "(RecordingChatModel), or check the path."))
                .isEqualTo("Replay of x ran out. Re-create it with --record if the agent changed; or re-create it "
                        + "with --record. Create it with --record against a live endpoint, or check the path.");
    }
}
