package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.ToolCall;
import io.agent4j.examples.CalcSession;
import io.agent4j.tool.ToolResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What {@code run} and {@code chat} print for people: the answer streamed to stdout, a compact
 * line per tool call on stderr, the fuller trace with {@code --verbose}, colours only when asked
 * for and never with {@code NO_COLOR}, and the spinner.
 */
class OutputTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    private static final String SESSION = CalcSession.SHIPPED.toString();
    private static final Style STYLE = Style.PLAIN;
    private static final String ESC = "\u001b";

    /** The compact line of a successful call, its duration left open. */
    private static Pattern toolLine(String name, String arguments, String size) {
        return Pattern.compile(Pattern.quote("  " + STYLE.hook() + " " + name + " " + arguments + " " + STYLE.arrow()
                + " " + size + ", ") + "(<1|\\d+) ms");
    }

    @Test
    void eachToolCallIsOneCompactLineOnStderrBeforeTheUsageLine() {
        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", SESSION);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo(CalcSession.ANSWER + System.lineSeparator());
        assertThat(result.errLines()).hasSize(3);
        assertThat(result.errLines().get(0))
                .matches(toolLine("evaluate", "{\"expression\":\"2340.80 * 17.5 / 100\"}", "6 chars"));
        assertThat(result.errLines().get(1))
                .matches(toolLine("convert", "{\"value\":3.2,\"from\":\"kg\",\"to\":\"lb\"}", "38 chars"));
        assertThat(result.errLines().get(2)).isEqualTo(ReplayTest.USAGE_LINE);
    }

    @Test
    void aFailedCallIsMarkedWithTheStartOfItsExplanation() {
        FakeOpenAi.script(server,
                FakeOpenAi.toolCalls(new String[] {"call_1", "no_such_tool", "{\"x\":1}"}),
                FakeOpenAi.answer("I could not."));

        Cli.Result result = Cli.run("run", "--packs", "math", "--base-url", FakeOpenAi.baseUrl(server),
                "--api-key", "k", "Try it");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.errLines().get(0))
                .startsWith("  " + STYLE.hook() + " no_such_tool {\"x\":1} " + STYLE.cross() + " failed: ")
                .contains("no_such_tool")
                .matches(".*, (<1|\\d+) ms");
    }

    @Test
    void longArgumentsAreShortenedToOneLine() {
        ToolCall call = new ToolCall("c", "evaluate", "{\"expression\":\n\"" + "1+".repeat(100) + "1\"}");
        String line = ToolLine.format(STYLE, call, ToolResult.success("x".repeat(12_345)), Duration.ofMillis(1234));

        assertThat(line).doesNotContain("\n")
                .startsWith("  " + STYLE.hook() + " evaluate {\"expression\": \"1+1+")
                .contains(STYLE.ellipsis() + " " + STYLE.arrow() + " 12,345 chars, 1.2 s");
        assertThat(ToolLine.millis(Duration.ofNanos(400_000))).isEqualTo("<1 ms");
        assertThat(ToolLine.chars(1)).isEqualTo("1 char");
    }

    @Test
    void verboseKeepsTheFullerTraceInsteadOfTheCompactLines() {
        Cli.Result result = Cli.run("run", "--verbose", "--example", "calc", "--replay", SESSION);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.errLines()).noneMatch(line -> line.startsWith("  " + STYLE.hook()))
                .anySatisfy(line -> assertThat(line).startsWith("[step 1] evaluate {\"expression\""))
                .anySatisfy(line -> assertThat(line).startsWith("[done] 2 step(s)"))
                .endsWith(ReplayTest.USAGE_LINE);
    }

    @Test
    void quietLeavesStderrEmpty() {
        Cli.Result result = Cli.run("run", "--quiet", "--example", "calc", "--replay", SESSION);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
    }

    /** Records each write, so a test can see the pieces that reached stdout and their order. */
    private static final class Pieces extends Writer {
        final List<String> writes = new ArrayList<>();

        @Override
        public void write(char[] buffer, int offset, int length) {
            writes.add(new String(buffer, offset, length));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void streamedDeltasReachStdoutOneByOneInOrder() {
        FakeOpenAi.script(server, FakeOpenAi.stream("The ", "answer ", "is ", "42."));
        CommandLine cli = Main.commandLine(new Main(Map.<String, String>of()::get));
        Pieces out = new Pieces();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exitCode = cli.execute("run", "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k", "--quiet",
                "What is the answer?");

        assertThat(exitCode).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.writes).containsExactly("The ", "answer ", "is ", "42.", System.lineSeparator());
        assertThat(FakeOpenAi.requests(server).get(0).path("stream").asBoolean()).isTrue();
    }

    @Test
    void aStreamedAnswerHasItsUsageAndCostLine() {
        FakeOpenAi.script(server, FakeOpenAi.stream("Hel", "lo!"));

        Cli.Result result = Cli.run("run", "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k", "Hi");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("Hello!" + System.lineSeparator());
        assertThat(result.errLines()).containsExactly("[120 tokens: 100 prompt (0 cached) + 20 completion; "
                + "cost $0.000027]");
    }

    @Test
    void textBeforeToolCallsEndsWithALineBreakBeforeTheAnswer() {
        FakeOpenAi.script(server,
                FakeOpenAi.textAndToolCalls("Let me compute that.",
                        new String[] {"call_1", "evaluate", "{\"expression\":\"2+2\"}"}),
                FakeOpenAi.answer("It is 4."));

        Cli.Result result = Cli.run("run", "--packs", "math", "--base-url", FakeOpenAi.baseUrl(server),
                "--api-key", "k", "--quiet", "What is 2+2?");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().lines().toList()).containsExactly("Let me compute that.", "It is 4.");
    }

    @Test
    void onOneScreenTheStreamedAnswerEndsItsLineBeforeTheTraceGoesOn() {
        FakeOpenAi.script(server, FakeOpenAi.stream("Hel", "lo!"));
        CommandLine cli = Main.commandLine(new Main(Map.<String, String>of()::get));
        StringWriter screen = new StringWriter();
        cli.setOut(new PrintWriter(screen, true));
        cli.setErr(new PrintWriter(screen, true));

        int exitCode = cli.execute("run", "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k", "--verbose", "Hi");

        assertThat(exitCode).as(screen.toString()).isEqualTo(ExitCodes.OK);
        assertThat(screen.toString().lines().toList()).containsExactly(
                "Hello!",
                "[step 1] the model answers (stop, 120 tokens)",
                "[done] 1 step(s), 120 tokens (100 prompt + 20 completion)",
                "[120 tokens: 100 prompt (0 cached) + 20 completion; cost $0.000027]");
    }

    @Test
    void chatStreamsEachAnswerToo(@TempDir Path dir) {
        FakeOpenAi.script(server, FakeOpenAi.stream("Par", "is."), FakeOpenAi.stream("About ", "2.1 million."));

        Cli.Result result = Cli.withInput("Capital of France?\nHow many people?\n", "chat", "--base-url",
                FakeOpenAi.baseUrl(server), "--api-key", "k", "--quiet", "--store", dir.resolve("s.db").toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().lines().toList()).containsExactly("Paris.", "About 2.1 million.");
    }

    @Test
    void coloursOnlyWhenForcedAndNeverWithNoColor() {
        String[] args = {"run", "--example", "calc", "--replay", SESSION};

        Cli.Result plain = Cli.run(args);
        Cli.Result forced = Cli.run(Map.of(Main.FORCE_TERMINAL, "1"), args);
        Cli.Result noColor = Cli.run(Map.of(Main.FORCE_TERMINAL, "1", "NO_COLOR", "1"), args);
        Cli.Result dumb = Cli.run(Map.of(Main.FORCE_TERMINAL, "1", "TERM", "dumb"), args);
        Cli.Result emptyNoColor = Cli.run(Map.of(Main.FORCE_TERMINAL, "1", "NO_COLOR", ""), args);

        assertThat(plain.err()).doesNotContain(ESC);
        assertThat(forced.err()).contains(ESC + "[");
        assertThat(forced.out()).doesNotContain(ESC).isEqualTo(plain.out());
        assertThat(noColor.err() + noColor.out()).doesNotContain(ESC);
        assertThat(noColor.err().replaceAll("(<1|\\d+) ms", "N ms"))
                .isEqualTo(plain.err().replaceAll("(<1|\\d+) ms", "N ms"));
        assertThat(dumb.err()).doesNotContain(ESC);
        assertThat(emptyNoColor.err()).as("NO_COLOR counts only when not empty").contains(ESC);
    }

    @Test
    void theSpinnerShowsTheStepAndTimeAndIsErasedBeforeOtherOutput() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Screen screen = new Screen(new PrintWriter(out), new PrintWriter(err), Style.PLAIN, true);

        screen.waiting(2);
        Poll.until("the spinner is drawn", () -> err.toString().contains(" step 2 " + STYLE.dot() + " "));
        String drawn = err.toString();
        screen.out().print("Hello");
        screen.out().flush();
        screen.close();

        assertThat(drawn).startsWith("\r").contains(" step 2 " + STYLE.dot() + " ").doesNotContain(ESC);
        String last = drawn.substring(drawn.lastIndexOf('\r') + 1);
        assertThat(err.toString()).endsWith("\r" + " ".repeat(last.length()) + "\r");
        assertThat(out.toString()).isEqualTo("Hello");
        assertThat(Screen.elapsed(3_400)).isEqualTo("3.4s");
        assertThat(Screen.elapsed(65_000)).isEqualTo("1m 05s");
    }

    @Test
    void noSpinnerWhenStderrIsNotATerminal() throws Exception {
        StringWriter err = new StringWriter();
        Screen screen = new Screen(new PrintWriter(new StringWriter()), new PrintWriter(err), Style.PLAIN, false);

        screen.waiting(1);
        Thread.sleep(Screen.DELAY_MILLIS + 300);
        screen.close();

        assertThat(err.toString()).isEmpty();
    }
}
