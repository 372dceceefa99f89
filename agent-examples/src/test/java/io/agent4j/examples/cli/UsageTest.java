package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.examples.CalcSession;
import org.junit.jupiter.api.Test;

/** Usage errors, help, version and the examples listing. */
class UsageTest {

    private static final String SESSION = CalcSession.SHIPPED.toString();

    private static void assertUsageError(Cli.Result result, String expected) {
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).singleElement().asString().startsWith("agent4j: ").contains(expected);
    }

    @Test
    void replayAndRecordAreMutuallyExclusive() {
        assertUsageError(Cli.run("run", "--replay", "a.json", "--record", "b.json", "hi"),
                "--replay=FILE, --record=FILE are mutually exclusive");
    }

    @Test
    void anUnknownExampleListsTheKnownOnes() {
        assertUsageError(Cli.run("run", "--example", "weather", "hi"),
                "Unknown example 'weather'; the examples are: calc, files, files-mcp, notes, sql, travel, receipt, expenses, chat (see 'agent4j run --help')");
    }

    @Test
    void aPromptIsNeededWithoutAnExample() {
        assertUsageError(Cli.run("run", "--replay", SESSION), "Missing the PROMPT");
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        assertUsageError(Cli.run("run", "--temprature", "2", "hi"), "Unknown option: '--temprature'");
    }

    @Test
    void maxStepsMustBePositive() {
        assertUsageError(Cli.run("run", "--max-steps", "0", "--replay", SESSION, "hi"),
                "--max-steps must be at least 1, was 0");
        assertUsageError(Cli.run("run", "--max-steps", "many", "hi"), "'many' is not an int");
    }

    @Test
    void aMissingToolJarIsAUsageError() {
        assertUsageError(Cli.run("run", "--tools", "no-such-tools.jar", "--replay", SESSION, "hi"),
                "--tools no-such-tools.jar: no such file");
    }

    @Test
    void aSubcommandIsNeeded() {
        assertUsageError(Cli.run(), "Missing required subcommand (see 'agent4j --help')");
    }

    @Test
    void printsTheVersionFromTheBuild() {
        Cli.Result result = Cli.run("--version");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().lines().findFirst()).hasValueSatisfying(line ->
                assertThat(line).matches("agent4j \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"));
        assertThat(result.out()).contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void helpDescribesTheRunOptionsAndExitCodes() {
        Cli.Result result = Cli.run("run", "--help");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("--replay=FILE", "--record=FILE", "--tools=JAR", "--max-steps=N",
                "--packs=NAME[,NAME...]", "--tool-config=KEY=VALUE", "default 10", "OPENAI_API_KEY",
                "the agent reached --max-steps without an answer", "5     the run waits for approval",
                "9     a budget", "10    with --fail-on-truncation", "--approve", "--max-cost=USD", "--json", "--show-config");
        assertThat(Cli.run("--help").out()).contains("run", "tools", "examples");
    }

    @Test
    void helpDescribesTheChatOptionsAndExitCodes() {
        Cli.Result result = Cli.run("chat", "--help");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("--session=NAME", "--store=FILE|JDBC-URL", "--quiet", "--prices=FILE",
                "--replay=FILE", "--record=FILE", "--packs=NAME[,NAME...]", "--tools=JAR", "Default 'default'",
                "~/.agent4j/sessions.db", "/exit", "0     the input ended, or /exit", "10    with --fail-on-truncation", "--max-cost=USD");
        assertThat(Cli.run("--help").out()).contains("  chat        Chats with an agent, one message per line");
    }

    @Test
    void chatTakesNoPromptArguments() {
        assertUsageError(Cli.withInput("", "chat", "--replay", SESSION, "hello"),
                "Unmatched argument at index 3: 'hello'");
    }

    @Test
    void helpDescribesTheToolsOptions() {
        Cli.Result result = Cli.run("tools", "--help");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("--tools=JAR", "--tool-config=KEY=VALUE", "--example=NAME", "--json",
                "1   a pack, jar or MCP server could not be loaded", "--mcp=COMMAND", "--mcp-url=URL");
    }

    @Test
    void listsTheExamplesWithATryLine() {
        Cli.Result result = Cli.run("examples");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().lines().toList()).contains(
                "calc       exact arithmetic and unit conversion; tools from plain objects",
                "           bin/agent4j run --example calc --replay agent-examples/sessions/calc.json '"
                        + CalcSession.PROMPT + "'");
    }
}
