package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.examples.CalcSession;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code --json}: one JSON object on stdout per answer, and nothing else there. */
class JsonOutputTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    private static final String SESSION = CalcSession.SHIPPED.toString();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Stdout as exactly one JSON object, and nothing after it but the line break. */
    static JsonNode onlyObject(String out) {
        assertThat(out).endsWith(System.lineSeparator());
        assertThat(out.strip().lines()).hasSize(1);
        JsonNode node = JSON.readTree(out);
        assertThat(node.isObject()).isTrue();
        return node;
    }

    @Test
    void runPrintsOneObjectWithTheAnswerStepsToolCallsUsageAndCost() {
        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", SESSION, "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        JsonNode answer = onlyObject(result.out());
        assertThat(answer.path("answer").asString()).isEqualTo(CalcSession.ANSWER);
        assertThat(answer.path("model").asString()).isEqualTo("scripted");
        assertThat(answer.path("steps").asInt()).isEqualTo(2);
        assertThat(answer.path("toolCalls")).hasSize(2);
        JsonNode evaluate = answer.path("toolCalls").get(0);
        assertThat(evaluate.path("step").asInt()).isEqualTo(1);
        assertThat(evaluate.path("name").asString()).isEqualTo("evaluate");
        assertThat(evaluate.path("arguments").asString()).isEqualTo("{\"expression\":\"2340.80 * 17.5 / 100\"}");
        assertThat(evaluate.path("result").asString()).isEqualTo("409.64");
        assertThat(evaluate.path("failed").isBoolean()).isTrue();
        assertThat(evaluate.path("failed").asBoolean()).isFalse();
        assertThat(evaluate.path("durationMs").isNumber()).isTrue();
        assertThat(answer.path("toolCalls").get(1).path("name").asString()).isEqualTo("convert");
        JsonNode usage = answer.path("usage");
        assertThat(usage.path("prompt").asLong()).isEqualTo(1233);
        assertThat(usage.path("completion").asLong()).isEqualTo(92);
        assertThat(usage.path("total").asLong()).isEqualTo(1325);
        assertThat(usage.path("cached").asLong()).isZero();
        assertThat(usage.path("reasoning").asLong()).isZero();
        assertThat(answer.has("cost")).isTrue();
        assertThat(answer.path("cost").isNull()).isTrue();
        assertThat(answer.path("costKnown").asBoolean()).isFalse();
    }

    @Test
    void aKnownCostIsANumber() {
        FakeOpenAi.script(server, FakeOpenAi.stream("Hel", "lo!"));

        Cli.Result result = Cli.run("run", "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k", "--json", "Hi");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        JsonNode answer = onlyObject(result.out());
        assertThat(answer.path("answer").asString()).isEqualTo("Hello!");
        assertThat(answer.path("toolCalls")).isEmpty();
        assertThat(answer.path("cost").isNumber()).isTrue();
        assertThat(answer.path("cost").decimalValue()).isEqualByComparingTo("0.000027");
        assertThat(result.out()).contains("\"cost\":0.000027,");
        assertThat(answer.path("costKnown").asBoolean()).isTrue();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aFailedToolCallSaysSo() {
        FakeOpenAi.script(server,
                FakeOpenAi.toolCalls(new String[] {"call_1", "evaluate", "{\"expression\":"}),
                FakeOpenAi.answer("Sorry."));

        Cli.Result result = Cli.run("run", "--packs", "math", "--base-url", FakeOpenAi.baseUrl(server),
                "--api-key", "k", "--json", "Compute");

        JsonNode call = onlyObject(result.out()).path("toolCalls").get(0);
        assertThat(call.path("failed").asBoolean()).isTrue();
        assertThat(call.path("arguments").asString()).isEqualTo("{\"expression\":");
        assertThat(call.path("id").asString()).isEqualTo("call_1");
    }

    @Test
    void errorsGoToStderrWithTheExitCodeAndNothingToStdout() {
        Cli.Result maxSteps = Cli.run("run", "--example", "calc", "--replay", SESSION, "--max-steps", "1", "--json");
        FakeOpenAi.script(server, FakeOpenAi.error(401, "Incorrect API key provided.", "invalid_request_error",
                "invalid_api_key"));
        Cli.Result rejected = Cli.run("run", "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k", "--json", "Hi");

        assertThat(maxSteps.exitCode()).isEqualTo(ExitCodes.MAX_STEPS);
        assertThat(maxSteps.out()).isEmpty();
        assertThat(maxSteps.errLines()).singleElement().asString().startsWith("agent4j: the agent made 1 model call");
        assertThat(rejected.exitCode()).isEqualTo(ExitCodes.AUTHENTICATION);
        assertThat(rejected.out()).isEmpty();
        assertThat(rejected.errLines()).singleElement().asString().startsWith("agent4j: The API key was rejected");
    }

    @Test
    void chatPrintsOneObjectPerAnswerPerLineWithTheSessionTotals(@TempDir Path dir) {
        FakeOpenAi.script(server, FakeOpenAi.answer("Paris."), FakeOpenAi.stream("About ", "2.1 million."));

        Cli.Result result = Cli.withInput("Capital of France?\nHow many people?\n", true, "chat", "--base-url",
                FakeOpenAi.baseUrl(server), "--api-key", "k", "--store", dir.resolve("s.db").toString(),
                "--session", "trip", "--json");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(first.path("answer").asString()).isEqualTo("Paris.");
        assertThat(second.path("answer").asString()).isEqualTo("About 2.1 million.");
        assertThat(first.path("session").path("name").asString()).isEqualTo("trip");
        assertThat(first.path("session").path("usage").path("total").asLong()).isEqualTo(120);
        assertThat(second.path("session").path("usage").path("total").asLong()).isEqualTo(240);
        assertThat(second.path("session").path("cost").decimalValue()).isEqualByComparingTo("0.000054");
        assertThat(second.path("usage").path("total").asLong()).isEqualTo(120);
        assertThat(result.out()).as("no prompt, even on a terminal").doesNotContain(ChatCommand.PROMPT);
        assertThat(result.errLines()).noneMatch(line -> line.startsWith("["));
    }
}
