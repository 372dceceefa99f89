package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.examples.CalcExample;
import io.agent4j.examples.CalcSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Runs against a scripted OpenAI-compatible server on loopback: keys, recording, errors. */
class LiveModelTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    private static final String ANSWER = "17.5% of 2,340.80 EUR is 409.64 EUR; 3.2 kg is about 7.05 lb.";

    private static void scriptCalcSession() {
        FakeOpenAi.script(server,
                FakeOpenAi.toolCalls(
                        new String[] {"call_a", "evaluate", "{\"expression\":\"2340.80 * 17.5 / 100\"}"},
                        new String[] {"call_b", "convert", "{\"value\":3.2,\"from\":\"kg\",\"to\":\"lb\"}"}),
                FakeOpenAi.answer(ANSWER));
    }

    @Test
    void withoutAKeyOrReplayItExitsWith3AndNamesTheVariable() {
        Cli.Result result = Cli.run("run", "--example", "calc", "--base-url", FakeOpenAi.baseUrl(server), "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTHENTICATION);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("agent4j: No API key").contains("OPENAI_API_KEY").contains("--replay");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void recordsALiveSessionThatThenReplaysOfflineWithTheSameAnswer(@TempDir Path dir) throws Exception {
        scriptCalcSession();
        Path recording = dir.resolve("live.json");

        Cli.Result live = Cli.run("run", "--example", "calc", "--base-url", FakeOpenAi.baseUrl(server),
                "--api-key", FakeOpenAi.KEY, "--model", "gpt-test", "--record", recording.toString(),
                CalcSession.PROMPT);

        assertThat(live.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(live.out().strip()).isEqualTo(ANSWER);
        List<JsonNode> requests = FakeOpenAi.requests(server);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).path("model").asString()).isEqualTo("gpt-test");
        assertThat(requests.get(0).at("/messages/0/content").asString()).isEqualTo(CalcExample.INSTRUCTIONS);
        assertThat(requests.get(1).at("/messages/3/content").asString()).isEqualTo("409.64");
        assertThat(Files.readString(recording)).contains("409.64").doesNotContain(FakeOpenAi.KEY);

        server.resetAll();
        Cli.Result replay = Cli.run("run", "--example", "calc", "--replay", recording.toString(),
                CalcSession.PROMPT);

        assertThat(replay.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(replay.out()).isEqualTo(live.out());
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void aRetryIsShownOnStderrAndQuietHidesIt() {
        for (boolean quiet : new boolean[] {false, true}) {
            server.resetAll();
            FakeOpenAi.script(server, com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(429)
                    .withHeader("retry-after-ms", "20").withBody("{\"error\":{\"message\":\"slow down\"}}"),
                    FakeOpenAi.answer("fine"));
            Cli.Result result = Cli.run("run", quiet ? "--quiet" : "--verbose", "--base-url",
                    FakeOpenAi.baseUrl(server), "--api-key", FakeOpenAi.KEY, "hi");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
            assertThat(result.out().strip()).isEqualTo("fine");
            String glyph = Style.PLAIN.unicode() ? "↻" : "~";
            if (quiet) {
                assertThat(result.err()).doesNotContain("retrying");
            } else {
                assertThat(result.errLines()).contains("  " + glyph + " HTTP 429, retrying in 20 ms (retry 1 of 2)");
            }
        }
    }

    @Test
    void readsTheKeyAndBaseUrlFromTheEnvironment() {
        scriptCalcSession();
        Map<String, String> environment = Map.of("OPENAI_API_KEY", FakeOpenAi.KEY,
                "OPENAI_BASE_URL", FakeOpenAi.baseUrl(server));

        Cli.Result result = Cli.run(environment, "run", "--example", "calc", CalcSession.PROMPT);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().strip()).isEqualTo(ANSWER);
        assertThat(server.getAllServeEvents()).allSatisfy(event -> assertThat(
                event.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + FakeOpenAi.KEY));
    }

    @Test
    void aRejectedKeyExitsWith3WithoutShowingIt() {
        FakeOpenAi.script(server, FakeOpenAi.error(401, "Incorrect API key provided: " + FakeOpenAi.KEY + ".",
                "invalid_request_error", "invalid_api_key"));

        Cli.Result result = Cli.run("run", "--example", "calc", "--base-url", FakeOpenAi.baseUrl(server),
                "--api-key", FakeOpenAi.KEY, "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTHENTICATION);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("agent4j: The API key was rejected").contains("invalid_api_key");
        assertThat(result.err()).doesNotContain(FakeOpenAi.KEY);
    }

    @Test
    void otherServerErrorsExitWith1() {
        FakeOpenAi.script(server, FakeOpenAi.error(400, "Invalid 'messages': too long.",
                "invalid_request_error", "context_length_exceeded"));

        Cli.Result result = Cli.run("run", "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k", "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("agent4j: The model server refused the request")
                .contains("(HTTP 400 context_length_exceeded");
    }

    @Test
    void anUnusableBaseUrlIsAUsageError() {
        Cli.Result result = Cli.run("run", "--base-url", "localhost:11434", "--api-key", "k", "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("agent4j: Base URL 'localhost:11434' is not an http(s) URL");
    }

    @Test
    void withoutExampleOrToolsTheAgentChatsWithTheGenericInstructions() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Hello!"));

        Cli.Result result = Cli.run("run", "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k", "Hi");

        assertThat(result.out().strip()).isEqualTo("Hello!");
        JsonNode request = FakeOpenAi.requests(server).get(0);
        assertThat(request.at("/messages/0/content").asString()).isEqualTo(RunCommand.GENERIC_INSTRUCTIONS);
        assertThat(request.has("tools")).isFalse();
    }
}
