package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agent4j.examples.CalcSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;
import tools.jackson.databind.JsonNode;

/** docs/cli.md shows what the command line really prints, and names every option of run, chat and mcp serve. */
class CliDocsTest {

    private static final Path GUIDE = Path.of("..", "docs", "cli.md");
    private static final String SESSION = CalcSession.SHIPPED.toString();
    /** The shipped session as the guide names it, from the repository's root. */
    private static final String GUIDE_SESSION = "agent-examples/sessions/calc.json";

    private static String guide() throws Exception {
        return Files.readString(GUIDE);
    }

    /** The synopsis block that follows the heading of {@code command}. */
    private static String synopsis(String command) throws Exception {
        Matcher block = Pattern.compile("## `agent4j " + command + "`\\n\\n```\\n(.*?)```", Pattern.DOTALL)
                .matcher(guide());
        assertThat(block.find()).as("a synopsis of agent4j " + command).isTrue();
        return block.group(1);
    }

    @Test
    void theSynopsesNameEveryOption() throws Exception {
        for (String command : new String[] {"run", "chat"}) {
            String synopsis = synopsis(command);
            for (OptionSpec option : Main.commandLine().getSubcommands().get(command).getCommandSpec().options()) {
                if (!option.usageHelp() && !option.versionHelp()) {
                    assertThat(synopsis).as(command).containsPattern(Pattern.quote(option.longestName()) + "(?![-a-z])");
                }
            }
        }
    }

    @Test
    void theGuideQuotesTheDefaultSystemMessageExactly() throws Exception {
        assertThat(guide()).contains("```\n" + RunCommand.GENERIC_INSTRUCTIONS + "\n```");
    }

    @Test
    void theGuideShowsTheErrorOfAnOutOfRangeOption() throws Exception {
        List<String> shown = shownOutput("bin/agent4j run --packs math --temperature 3 \"What is 2^20?\"");
        Cli.Result result = Cli.run("run", "--packs", "math", "--temperature", "3", "What is 2^20?");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).isEqualTo(shown);
    }

    @Test
    void theTimelineShownIsWhatTraceTestsTheShippedTraceToPrint() throws Exception {
        List<String> shown = shownOutput("bin/agent4j trace agent-examples/sample-traces/calc.json");

        assertThat(shown).isEqualTo(TraceCommandTest.expected("calc-trace.txt").lines().toList());
    }

    @Test
    void theObservabilityGuideShowsTheTimelineOfTheShippedTrace() throws Exception {
        Matcher block = Pattern.compile("\\(`bin/agent4j trace agent-examples/sample-traces/calc.json`\\):\\n\\n```\\n"
                + "(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("..", "docs", "observability.md")));

        assertThat(block.find()).isTrue();
        assertThat(block.group(1).lines().toList()).isEqualTo(TraceCommandTest.expected("calc-trace.txt").lines()
                .toList());
    }

    @Test
    void theSynopsisOfMcpServeNamesEveryOption() throws Exception {
        String synopsis = synopsis("mcp serve");
        for (OptionSpec option : Main.commandLine().getSubcommands().get("mcp").getSubcommands().get("serve")
                .getCommandSpec().options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                assertThat(synopsis).as("mcp serve").containsPattern(Pattern.quote(option.longestName()) + "(?![-a-z])");
            }
        }
    }

    /** The lines of the first block in the guide that starts with {@code $ <command>}. */
    private static List<String> shownOutput(String command) throws Exception {
        Matcher block = Pattern.compile("```\\n\\$ " + Pattern.quote(command) + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(guide());
        assertThat(block.find()).as("an example of " + command).isTrue();
        return block.group(1).lines().toList();
    }

    private static String anyDuration(String line) {
        return line.replaceAll("(<1|\\d+(\\.\\d)?) ms", "N ms");
    }

    @Test
    void theToolLinesShownAreThoseTheShippedSessionPrints() throws Exception {
        assumeTrue(Style.PLAIN.unicode(), "the guide shows the Unicode glyphs");
        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", SESSION);

        List<String> shown = shownOutput("bin/agent4j run --example calc --replay " + GUIDE_SESSION);
        assertThat(shown.stream().map(CliDocsTest::anyDuration).toList()).isEqualTo(Stream.concat(
                result.errLines().subList(0, 2).stream(), Stream.of(result.out().strip(), result.errLines().get(2)))
                .map(CliDocsTest::anyDuration).toList());
    }

    @Test
    void theVerboseTraceShownIsWhatTheShippedSessionPrints() throws Exception {
        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", SESSION, "--verbose");

        List<String> shown = shownOutput("bin/agent4j run --example calc --replay " + GUIDE_SESSION + " --verbose");
        List<String> printed = new ArrayList<>(result.errLines());
        // on a terminal the answer (streamed before the response is complete) precedes the trace of its step
        printed.add(printed.indexOf("[step 2] the model answers (stop, 699 tokens)"), result.out().strip());
        assertThat(shown.stream().map(CliDocsTest::anyDuration).toList())
                .isEqualTo(printed.stream().map(CliDocsTest::anyDuration).toList());
    }

    @Test
    void theJsonFieldsTabledAreThoseRunPrints() throws Exception {
        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", SESSION, "--json");
        JsonNode answer = JsonOutputTest.onlyObject(result.out());

        String guide = guide();
        Matcher table = Pattern.compile("\\| field \\| meaning \\|\\n\\|---\\|---\\|\\n(.*?)\\n\\n", Pattern.DOTALL)
                .matcher(guide);
        assertThat(table.find()).isTrue();
        List<String> fields = table.group(1).lines().map(line -> line.replaceFirst("^\\| `([a-zA-Z]+)` .*", "$1"))
                .toList();
        assertThat(fields).containsExactlyElementsOf(answer.propertyNames());
        for (String field : List.of("step", "id", "name", "arguments", "result", "failed", "durationMs")) {
            assertThat(answer.path("toolCalls").get(0).has(field)).as(field).isTrue();
            assertThat(guide).contains("`" + field + "`");
        }
        assertThat(answer.path("usage").propertyNames()).containsExactly("prompt", "completion", "total", "cached",
                "reasoning");
    }

    @Test
    void theShowConfigShownIsWhatItPrints(@TempDir Path home) throws Exception {
        String command = "OPENAI_API_KEY=sk-proj-0123456789abcdefwxyz bin/agent4j run --show-config --model gpt-4.1-mini";
        List<String> shown = shownOutput(command);
        String realHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        Cli.Result result;
        try {
            result = Cli.run(Map.of("OPENAI_API_KEY", "sk-proj-0123456789abcdefwxyz"), "run", "--show-config",
                    "--model", "gpt-4.1-mini");
        } finally {
            System.setProperty("user.home", realHome);
        }
        assumeTrue(Style.PLAIN.unicode(), "the guide shows the Unicode ellipsis");

        assertThat(result.out().replace(home.toString(), "/home/me").lines().toList()).isEqualTo(shown);
    }

    @Test
    void theExitCodesTabledAreThoseOfExitCodes() throws Exception {
        String guide = guide();
        for (int code : new int[] {ExitCodes.OK, ExitCodes.FAILURE, ExitCodes.USAGE, ExitCodes.AUTHENTICATION,
            ExitCodes.MAX_STEPS, ExitCodes.WAITING, ExitCodes.REFUSED, ExitCodes.INVALID_ANSWER, ExitCodes.GUARDRAIL,
            ExitCodes.BUDGET, ExitCodes.TRUNCATED, ExitCodes.RESUMED_ELSEWHERE, ExitCodes.EVAL_BELOW_MIN_PASS,
            ExitCodes.CANCELLED, ExitCodes.TERMINATED}) {
            assertThat(guide).contains("\n| " + code + " | ");
        }
        assertThat(guide).contains("| 3 | authentication", "| 4 | the agent reached `--max-steps`",
                "| 7 | a [typed answer](#a-typed-answer) still did not parse", "| 8 | a guardrail stopped the run", "| 5 | the run waits for approval",
                "| 9 | a budget", "| 10 | with `--fail-on-truncation`");
        assertThat(ExitCodes.TRUNCATED).isEqualTo(10);
    }

    @Test
    void theUsageLinesShownAreThoseTheShippedSessionPrints(@TempDir Path dir) throws Exception {
        Path prices = Files.writeString(dir.resolve("prices.properties"),
                "date=2025-08-07\nscripted = 0.15, 0.075, 0.60\n");
        Cli.Result plain = Cli.run("run", "--example", "calc", "--replay", SESSION);
        Cli.Result priced = Cli.run("run", "--example", "calc", "--replay", SESSION, "--prices", prices.toString());

        String guide = guide();
        assertThat(guide).contains("printf 'date=2025-08-07\\nscripted = 0.15, 0.075, 0.60\\n' > ~/.agent4j/prices.properties");
        assertThat(plain.errLines()).last().satisfies(line -> assertThat(guide).contains("\n" + line + "\n"));
        assertThat(priced.errLines()).last().satisfies(line -> assertThat(guide)
                .contains("\n# stderr: " + line + "\n").contains("\n" + line + "\n"));
    }
}
