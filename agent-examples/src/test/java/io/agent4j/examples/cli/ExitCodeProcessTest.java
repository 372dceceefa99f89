package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.examples.CalcSession;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line as a separate process ({@link CliProcess}): the exit codes of docs/cli.md,
 * {@code --json} on a real stdout, {@code NO_COLOR} against a forced terminal, the spinner, and
 * chat reading a pipe. The model is the shipped recording or a scripted server on 127.0.0.1.
 */
class ExitCodeProcessTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    private static final String SESSION = CalcSession.SHIPPED.toString();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ESC = "\u001b";
    private static final String CITY_SCHEMA = "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}, "
            + "\"required\": [\"city\"], \"additionalProperties\": false}";

    @TempDir
    Path dir;

    private String[] live(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = args[0];
        System.arraycopy(new String[] {"--base-url", FakeOpenAi.baseUrl(server), "--api-key", FakeOpenAi.KEY}, 0,
                all, 1, 4);
        System.arraycopy(args, 1, all, 5, args.length - 1);
        return all;
    }

    @Test
    void exit0AnsweredWithOneJsonObjectOnStdout() throws Exception {
        Cli.Result result = CliProcess.run(dir, "run", "--example", "calc", "--replay", SESSION, "--json");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        JsonNode answer = JsonOutputTest.onlyObject(result.out());
        assertThat(answer.path("answer").asString()).isEqualTo(CalcSession.ANSWER);
        assertThat(answer.path("steps").asInt()).isEqualTo(2);
        assertThat(answer.path("toolCalls").valueStream().map(call -> call.path("name").asString()).toList())
                .containsExactly("evaluate", "convert");
        assertThat(answer.path("usage").path("total").asLong()).isEqualTo(1325);
        assertThat(answer.has("cost")).isTrue();
        assertThat(answer.path("costKnown").isBoolean()).isTrue();
    }

    @Test
    void exit0AnsweredForPeopleWithToolLinesAndUsageOnStderr() throws Exception {
        Cli.Result result = CliProcess.run(dir, "run", "--example", "calc", "--replay", SESSION);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo(CalcSession.ANSWER + System.lineSeparator());
        List<String> err = result.err().lines().toList();
        assertThat(err).hasSize(3);
        assertThat(err.get(0)).matches("  \\S+ evaluate \\{\"expression\":\"2340.80 \\* 17.5 / 100\"} \\S+ 6 chars, "
                + "(<1|\\d+) ms");
        assertThat(err.get(2)).isEqualTo(ReplayTest.USAGE_LINE);
    }

    @Test
    void exit1OnAModelFailure() throws Exception {
        FakeOpenAi.script(server, FakeOpenAi.error(400, "Invalid 'messages': too long.", "invalid_request_error",
                "context_length_exceeded"));

        Cli.Result result = CliProcess.run(dir, live("run", "--json", "Hi"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).singleElement().asString()
                .startsWith("agent4j: The model server refused the request");
    }

    @Test
    void exit1WhenTheServerCannotBeReached() throws Exception {
        Cli.Result result = CliProcess.run(dir, "run", "--base-url", "http://127.0.0.1:9/v1", "--api-key", "k", "Hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).last().asString()
                .startsWith("agent4j: Cannot reach the model server at http://127.0.0.1:9/v1");
    }

    @Test
    void exit1WithOneLineWhenAToolPackThrowsAnError() throws Exception {
        Path jar = ToolPackJarTest.brokenPackJar(dir);

        Cli.Result result = CliProcess.run(dir, live("run", "--tools", jar.toString(), "Hi"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).containsExactly(ToolPackJarTest.MISSING_CLASS);
    }

    @Test
    void exit2OnAUsageError() throws Exception {
        Cli.Result unknown = CliProcess.run(dir, "run", "--temprature", "2", "hi");

        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err().lines().toList()).singleElement().asString()
                .startsWith("agent4j: Unknown option: '--temprature'");
    }

    @Test
    void exit2OnAMalformedConfigFile() throws Exception {
        Path file = CliProcess.home(dir).resolve(".agent4j").resolve("config.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "model = gpt-4o\nbase_url = http://localhost\n");

        Cli.Result result = CliProcess.run(dir, "run", "--example", "calc", "--replay", SESSION);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).containsExactly("agent4j: " + file
                + " line 2: unknown key 'base_url'; the keys are api-key, base-url, model, prices, store, "
                + "structured-output");
    }

    @Test
    void exit3WithoutAKeyOrWithARejectedOne() throws Exception {
        Cli.Result none = CliProcess.run(dir, "run", "--base-url", FakeOpenAi.baseUrl(server), "Hi");
        FakeOpenAi.script(server, FakeOpenAi.error(401, "Incorrect API key provided.", "invalid_request_error",
                "invalid_api_key"));
        Cli.Result rejected = CliProcess.run(dir, live("run", "--json", "Hi"));

        assertThat(none.exitCode()).isEqualTo(ExitCodes.AUTHENTICATION);
        assertThat(none.err()).contains("OPENAI_API_KEY");
        assertThat(rejected.exitCode()).isEqualTo(ExitCodes.AUTHENTICATION);
        assertThat(rejected.out()).isEmpty();
        assertThat(rejected.err()).startsWith("agent4j: The API key was rejected").doesNotContain(FakeOpenAi.KEY);
    }

    @Test
    void exit4WhenTheAgentReachesMaxSteps() throws Exception {
        Cli.Result result = CliProcess.run(dir, "run", "--example", "calc", "--replay", SESSION, "--max-steps", "1",
                "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.MAX_STEPS);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).singleElement().asString()
                .startsWith("agent4j: the agent made 1 model call(s) without reaching a final answer");
    }

    @Test
    void exit10WithFailOnTruncationWhenTheAnswerWasCutOff() throws Exception {
        FakeOpenAi.script(server, FakeOpenAi.streamEndingWith("length", "It is ", "21 degrees and"));

        Cli.Result result = CliProcess.run(dir, live("run", "--fail-on-truncation", "--json", "Weather?"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.TRUNCATED);
        assertThat(JsonOutputTest.onlyObject(result.out()).path("truncated").asBoolean()).isTrue();
        assertThat(result.err().lines().toList()).singleElement().asString()
                .startsWith("agent4j: the answer was cut off at the token limit");
    }

    @Test
    void exit6WhenTheModelRefusesATypedAnswer() throws Exception {
        Path schema = Files.writeString(dir.resolve("city.json"), CITY_SCHEMA);
        FakeOpenAi.script(server, FakeOpenAi.refusal("I cannot help with that."));

        Cli.Result result = CliProcess.run(dir, live("run", "--output-schema", schema.toString(), "A city?"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).containsExactly(
                "agent4j: the model refused to answer: I cannot help with that.");
    }

    @Test
    void exit7WhenATypedAnswerStillDoesNotFitAfterTheRepairs() throws Exception {
        Path schema = Files.writeString(dir.resolve("city.json"), CITY_SCHEMA);
        FakeOpenAi.script(server, FakeOpenAi.answer("Seoul"), FakeOpenAi.answer("{\"city\": 7}"));

        Cli.Result result = CliProcess.run(dir, live("run", "--quiet", "--output-schema", schema.toString(),
                "--max-repairs", "1", "A city?"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_ANSWER);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).containsExactly(
                "agent4j: the model's answer still did not fit its schema after 1 repair(s); raise --max-repairs, or "
                        + "simplify the schema or type. The problems of its last answer:",
                "  - $.city: integer found, string expected",
                "agent4j: the model's last answer, as it wrote it:",
                "{\"city\": 7}");
    }

    @Test
    void noColorMeansNoEscapeCharactersEvenOnAForcedTerminal() throws Exception {
        String[] args = {"run", "--example", "calc", "--replay", SESSION};
        Cli.Result forced = CliProcess.run(dir, Map.of(Main.FORCE_TERMINAL, "1"), "", args);
        Cli.Result noColor = CliProcess.run(dir, Map.of(Main.FORCE_TERMINAL, "1", "NO_COLOR", "1"), "", args);
        Cli.Result pipe = CliProcess.run(dir, args);

        assertThat(forced.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(forced.err()).as("colours are on when forced").contains(ESC + "[");
        assertThat(noColor.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(noColor.err()).doesNotContain(ESC);
        assertThat(noColor.out()).doesNotContain(ESC).isEqualTo(CalcSession.ANSWER + System.lineSeparator());
        assertThat(pipe.err() + pipe.out()).as("a pipe gets no colours").doesNotContain(ESC);
    }

    @Test
    void onAForcedTerminalASpinnerShowsTheStepWhileTheModelThinksAndIsErased() throws Exception {
        FakeOpenAi.script(server, FakeOpenAi.answer("Hello!").withFixedDelay(1500));

        Cli.Result result = CliProcess.run(dir, Map.of(Main.FORCE_TERMINAL, "1", "NO_COLOR", "1"), "",
                live("run", "Hi"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("Hello!" + System.lineSeparator());
        String err = result.err();
        assertThat(err).startsWith("\r").contains(" step 1 ").doesNotContain(ESC);
        String[] lines = err.split("\r");
        assertThat(lines[lines.length - 2]).as("the spinner is erased with spaces").isBlank();
        assertThat(lines[lines.length - 1]).isEqualTo("[120 tokens: 100 prompt (0 cached) + 20 completion; "
                + "cost $0.000027]" + System.lineSeparator());
    }

    @Test
    void withoutATerminalThereIsNoSpinner() throws Exception {
        FakeOpenAi.script(server, FakeOpenAi.answer("Hello!").withFixedDelay(700));

        Cli.Result result = CliProcess.run(dir, live("run", "Hi"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).doesNotContain("\r").doesNotContain("step");
    }

    @Test
    void chatReadsAPipeAndPrintsOneJsonLinePerAnswer() throws Exception {
        FakeOpenAi.script(server,
                FakeOpenAi.toolCalls(new String[] {"call_1", "evaluate", "{\"expression\":\"2340.80 * 17.5 / 100\"}"}),
                FakeOpenAi.answer("409.64"),
                FakeOpenAi.stream("4", "."));

        Cli.Result result = CliProcess.run(dir, Map.of(), "What is 17.5% of 2340.80?\n\nAnd 2+2?\n/exit\nignored\n",
                live("chat", "--packs", "math", "--store", dir.resolve("chat.db").toString(), "--json"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        List<JsonNode> answers = result.out().lines().map(JSON::readTree).toList();
        assertThat(answers).extracting(answer -> answer.path("answer").asString()).containsExactly("409.64", "4.");
        assertThat(answers.get(0).path("toolCalls").get(0).path("result").asString()).isEqualTo("409.64");
        assertThat(answers.get(0).path("steps").asInt()).isEqualTo(2);
        assertThat(answers.get(1).path("toolCalls")).isEmpty();
        assertThat(answers.get(1).path("session").path("usage").path("total").asLong()).isEqualTo(360);
        assertThat(FakeOpenAi.requests(server)).hasSize(3);
    }

    @Test
    void chatReadsAPipeAndStreamsTheAnswersForPeople() throws Exception {
        FakeOpenAi.script(server,
                FakeOpenAi.toolCalls(new String[] {"call_1", "evaluate", "{\"expression\":\"2+2\"}"}),
                FakeOpenAi.stream("It ", "is ", "4."));

        Cli.Result result = CliProcess.run(dir, Map.of(), "What is 2+2?\n",
                live("chat", "--packs", "math", "--store", dir.resolve("chat.db").toString()));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("It is 4." + System.lineSeparator());
        List<String> err = result.err().lines().toList();
        assertThat(err).hasSize(2);
        assertThat(err.get(0)).matches("  \\S+ evaluate \\{\"expression\":\"2\\+2\"} \\S+ 1 char, (<1|\\d+) ms");
        assertThat(err.get(1)).startsWith("[240 tokens: 200 prompt (0 cached) + 40 completion; ");
    }

    /** Starts {@code run} against a server that takes the request and never answers, signals it, and waits. */
    private Cli.Result signalledInTheModelCall(java.util.function.Consumer<Process> signal) throws Exception {
        try (ServerSocket model = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            model.setSoTimeout(60_000);
            Path stderr = dir.resolve("stderr.txt");
            Process process = CliProcess.start(dir, Map.of(), "", stderr, "run", "--base-url",
                    "http://127.0.0.1:" + model.getLocalPort() + "/v1", "--api-key", FakeOpenAi.KEY, "hi");
            try (Socket call = model.accept()) {
                assertThat(call.getInputStream().read()).as("the request is on its way").isNotNegative();
                signal.accept(process);
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            return new Cli.Result(process.exitValue(), "", Files.readString(stderr));
        }
    }

    @Test
    void sigtermCancelsTheModelCallInFlightSaysSoAndExits143() throws Exception {
        Cli.Result result = signalledInTheModelCall(Process::destroy);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.TERMINATED);
        assertThat(result.err()).isEqualTo("agent4j: The run was cancelled." + System.lineSeparator());
    }

    @Test
    void ctrlCCancelsTheModelCallInFlightSaysSoAndExits130() throws Exception {
        Cli.Result result = signalledInTheModelCall(CliProcess::ctrlC);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.CANCELLED);
        assertThat(result.err()).isEqualTo("agent4j: The run was cancelled." + System.lineSeparator());
    }
}
