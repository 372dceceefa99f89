package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code --no-stream}, {@code --tool-choice}, {@code --parallel-tool-calls}, {@code --reasoning-effort},
 * {@code --json-mode} and the sampling options ({@code --temperature}, {@code --top-p}, {@code --max-tokens},
 * {@code --seed}, {@code --stop}) of run and chat reach the request body on the wire; a value they do not take
 * is a usage error before any request.
 */
class RequestOptionsTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    private Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("run", "--quiet", "--api-key", FakeOpenAi.KEY, "--base-url",
                FakeOpenAi.baseUrl(server), "--packs", "math"));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    private JsonNode onlyRequest() {
        List<JsonNode> requests = FakeOpenAi.requests(server);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    @Test
    void byDefaultTheAnswerIsStreamed() {
        FakeOpenAi.script(server, FakeOpenAi.stream("Four", "."));
        Cli.Result result = run("What is 2+2?");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("Four.\n");
        assertThat(onlyRequest().path("stream").asBoolean()).isTrue();
    }

    @Test
    void noStreamAsksForTheWholeAnswerAndPrintsIt() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Four."));
        Cli.Result result = run("--no-stream", "What is 2+2?");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("Four.\n");
        JsonNode body = onlyRequest();
        assertThat(body.has("stream")).isFalse();
        assertThat(body.has("stream_options")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "none", "required"})
    void toolChoiceModesAreSentAsTheyAre(String mode) {
        FakeOpenAi.script(server, FakeOpenAi.answer("Four."));
        assertThat(run("--tool-choice", mode, "What is 2+2?").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(onlyRequest().path("tool_choice").asString()).isEqualTo(mode);
    }

    @Test
    void toolChoiceNameForcesThatTool() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Four."));
        assertThat(run("--tool-choice", "evaluate", "What is 2+2?").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(onlyRequest().path("tool_choice").toString())
                .isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"evaluate\"}}");
    }

    @Test
    void toolChoiceOfAnUnknownToolIsAUsageErrorBeforeAnyRequest() {
        FakeOpenAi.script(server, FakeOpenAi.answer("must not be asked"));
        Cli.Result result = run("--tool-choice", "weather", "What is 2+2?");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--tool-choice weather: the agent has no tool of that name; give auto, "
                + "none, required or one of its tools: ").contains("evaluate");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void parallelToolCallsFalseIsSent() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Four."));
        assertThat(run("--parallel-tool-calls", "false", "What is 2+2?").exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode body = onlyRequest();
        assertThat(body.path("parallel_tool_calls").isBoolean()).isTrue();
        assertThat(body.path("parallel_tool_calls").asBoolean(true)).isFalse();
    }

    @Test
    void parallelToolCallsTakesOnlyTrueOrFalse() {
        Cli.Result result = run("--parallel-tool-calls", "maybe", "What is 2+2?");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--parallel-tool-calls").contains("maybe");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void reasoningEffortIsSent() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Four."));
        assertThat(run("--model", "o4-mini", "--reasoning-effort", "high", "What is 2+2?").exitCode())
                .isEqualTo(ExitCodes.OK);
        JsonNode body = onlyRequest();
        assertThat(body.path("reasoning_effort").asString()).isEqualTo("high");
        assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("developer");
    }

    @Test
    void anUnknownReasoningEffortIsAUsageErrorBeforeAnyRequest() {
        Cli.Result result = run("--reasoning-effort", "extreme", "What is 2+2?");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--reasoning-effort extreme: must be one of none, minimal, low, medium, "
                + "high, xhigh, max");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void jsonModeAsksForAJsonObject() {
        FakeOpenAi.script(server, FakeOpenAi.answer("{\"answer\":4}"));
        Cli.Result result = run("--json-mode", "What is 2+2? Answer in JSON.");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("{\"answer\":4}\n");
        assertThat(onlyRequest().path("response_format").toString()).isEqualTo("{\"type\":\"json_object\"}");
    }

    @Test
    void samplingOptionsAreSent() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Four."));
        Cli.Result result = run("--temperature", "0.2", "--top-p", "0.9", "--max-tokens", "256", "--seed", "42",
                "--stop", "END", "--stop", "\n\n", "What is 2+2?");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        JsonNode body = onlyRequest();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("seed").isIntegralNumber()).isTrue();
        assertThat(body.path("seed").asLong()).isEqualTo(42L);
        assertThat(body.path("stop").toString()).isEqualTo("[\"END\",\"\\n\\n\"]");
    }

    @Test
    void withoutSamplingOptionsNoneIsSent() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Four."));
        assertThat(run("What is 2+2?").exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode body = onlyRequest();
        for (String field : new String[] {"temperature", "top_p", "max_completion_tokens", "max_tokens", "seed",
            "stop"}) {
            assertThat(body.has(field)).as(field).isFalse();
        }
    }

    @Test
    void theRangeLimitsThemselvesAreTaken() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Four."));
        Cli.Result result = run("--temperature", "2", "--top-p", "1", "--max-tokens", "1", "--seed",
                "-9223372036854775808", "--stop", "a", "--stop", "b", "--stop", "c", "--stop", "d", "What is 2+2?");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        JsonNode body = onlyRequest();
        assertThat(body.path("temperature").asDouble()).isEqualTo(2.0);
        assertThat(body.path("seed").asLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(body.path("stop").size()).isEqualTo(4);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "--temperature|2.5|'2.5' is out of range: give a number from 0 to 2",
        "--temperature|-0.1|'-0.1' is out of range: give a number from 0 to 2",
        "--temperature|NaN|'NaN' is not a number: give a number from 0 to 2",
        "--temperature|warm|'warm' is not a number: give a number from 0 to 2",
        "--top-p|0|'0' is out of range: give a number greater than 0 and at most 1",
        "--top-p|1.01|'1.01' is out of range: give a number greater than 0 and at most 1",
        "--max-tokens|0|'0' is out of range: give a whole number from 1 to 2147483647",
        "--max-tokens|2147483648|'2147483648' is out of range: give a whole number from 1 to 2147483647",
        "--max-tokens|1.5|'1.5' is not a whole number: give a whole number from 1 to 2147483647",
        "--seed|4.2|'4.2' is not a whole number: give a whole number from -9223372036854775808 to "
            + "9223372036854775807",
        "--seed|9223372036854775808|'9223372036854775808' is out of range: give a whole number from "
            + "-9223372036854775808 to 9223372036854775807"})
    void anOutOfRangeValueIsAUsageErrorGivingTheRange(String option, String value, String message) {
        for (String command : new String[] {"run", "chat"}) {
            Cli.Result result = command.equals("run")
                    ? Cli.run(command, "--api-key", FakeOpenAi.KEY, "--base-url", FakeOpenAi.baseUrl(server), option,
                            value, "hi")
                    : Cli.run(command, "--api-key", FakeOpenAi.KEY, "--base-url", FakeOpenAi.baseUrl(server), option,
                            value);
            assertThat(result.exitCode()).as(command + " " + option + " " + value).isEqualTo(ExitCodes.USAGE);
            assertThat(result.errLines()).containsExactly("agent4j: Invalid value for option '" + option + "': "
                    + message + " (see 'agent4j " + command + " --help')");
        }
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void moreThanFourStopSequencesAreAUsageError() {
        Cli.Result result = run("--stop", "a", "--stop", "b", "--stop", "c", "--stop", "d", "--stop", "e", "hi");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("agent4j: --stop was given 5 times: the API takes 1 to 4 stop "
                + "sequences (see 'agent4j run --help')");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void anEmptyStopSequenceIsAUsageError() {
        Cli.Result result = run("--stop", "", "hi");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("agent4j: Invalid value for option '--stop' (TEXT): a stop sequence "
                + "must not be empty (see 'agent4j run --help')");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void temperatureForAReasoningModelIsAUsageErrorBeforeAnyRequest() {
        Cli.Result result = run("--model", "o4-mini", "--temperature", "0.2", "hi");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("agent4j: --temperature: o4-mini is a reasoning model, which "
                + "rejects temperature and top-p (it samples at its own default); leave out --temperature and "
                + "--top-p for it, or steer it with --reasoning-effort (see 'agent4j run --help')");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void chatTakesTheSameOptionsForEveryTurn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        FakeOpenAi.script(server, FakeOpenAi.answer("Four."));
        Cli.Result result = Cli.withInput("What is 2+2?\nAnd 3+3?\n", "chat", "--quiet", "--api-key", FakeOpenAi.KEY,
                "--base-url", FakeOpenAi.baseUrl(server), "--packs", "math", "--store", dir.resolve("chats.db").toString(),
                "--no-stream", "--tool-choice", "required", "--parallel-tool-calls", "false", "--json-mode",
                "--reasoning-effort", "low", "--temperature", "0.5", "--top-p", "0.5", "--max-tokens", "64",
                "--seed", "7", "--stop", "END");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> requests = FakeOpenAi.requests(server);
        assertThat(requests).hasSize(2).allSatisfy(body -> {
            assertThat(body.has("stream")).isFalse();
            assertThat(body.path("tool_choice").asString()).isEqualTo("required");
            assertThat(body.path("parallel_tool_calls").asBoolean(true)).isFalse();
            assertThat(body.path("response_format").path("type").asString()).isEqualTo("json_object");
            assertThat(body.path("reasoning_effort").asString()).isEqualTo("low");
            assertThat(body.path("temperature").asDouble()).isEqualTo(0.5);
            assertThat(body.path("top_p").asDouble()).isEqualTo(0.5);
            assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(64);
            assertThat(body.path("seed").asLong()).isEqualTo(7L);
            assertThat(body.path("stop").toString()).isEqualTo("[\"END\"]");
        });
    }

    @Test
    void chatChecksTheToolNameBeforeOpeningTheStore(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path store = dir.resolve("chats.db");
        Cli.Result result = Cli.withInput("hi\n", "chat", "--api-key", FakeOpenAi.KEY, "--base-url",
                FakeOpenAi.baseUrl(server), "--packs", "math", "--store", store.toString(), "--tool-choice", "nope");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(store).doesNotExist();
    }
}
