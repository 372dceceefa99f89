package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agent4j.examples.CalcSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Offline runs of the shipped calc session. */
class ReplayTest {

    private static final String SESSION = CalcSession.SHIPPED.toString();

    /** The usage line of the shipped session, whose scripted model has no price. */
    static final String USAGE_LINE = "[1,325 tokens: 1,233 prompt (0 cached) + 92 completion; "
            + "cost unknown (model 'scripted' is not in the price table)]";

    @Test
    void replaysTheShippedSessionAndPrintsOnlyTheAnswerWithItsToolCallsAndUsageOnStderr() {
        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", SESSION, CalcSession.PROMPT);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo(CalcSession.ANSWER + System.lineSeparator());
        assertThat(result.errLines()).hasSize(3).last().isEqualTo(USAGE_LINE);
        assertThat(result.errLines().get(0)).contains(" evaluate ");
        assertThat(result.errLines().get(1)).contains(" convert ");
    }

    @Test
    void aReplayOfADeviceThatNeverEndsFailsWithOneLineAtTheCap() {
        assumeTrue(Files.isReadable(Path.of("/dev/zero")), "needs /dev/zero");

        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", "/dev/zero");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.errLines()).containsExactly("agent4j: Recording /dev/zero is larger than the 33554432 "
                + "bytes (32 MiB) a recording may have: it has more than that. Check the path, or record shorter "
                + "sessions.");
    }

    @Test
    void requestOptionsDoNotChangeWhatAReplayAnswers() {
        Cli.Result result = Cli.run("run", "--quiet", "--example", "calc", "--replay", SESSION, "--temperature", "1.5",
                "--top-p", "0.5", "--max-tokens", "5", "--seed", "1", "--stop", "EUR", "--json-mode", CalcSession.PROMPT);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo(CalcSession.ANSWER + System.lineSeparator());
    }

    @Test
    void quietPrintsNothingButTheAnswer() {
        Cli.Result result = Cli.run("run", "--quiet", "--example", "calc", "--replay", SESSION, CalcSession.PROMPT);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo(CalcSession.ANSWER + System.lineSeparator());
        assertThat(result.err()).isEmpty();
    }

    @Test
    void worksWithAPlainCommandLineToo() {
        Cli.Result result = Cli.execute(new CommandLine(new Main()),
                "run", "--example", "calc", "--replay", SESSION, CalcSession.PROMPT);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().strip()).isEqualTo(CalcSession.ANSWER);
    }

    @Test
    void usesTheExamplesSamplePromptWhenNoneIsGiven() {
        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", SESSION);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().strip()).isEqualTo(CalcSession.ANSWER);
    }

    @Test
    void joinsPromptWordsWithSpaces() {
        String[] words = CalcSession.PROMPT.split(" ");
        String[] args = new String[5 + words.length];
        System.arraycopy(new String[] {"run", "--example", "calc", "--replay", SESSION}, 0, args, 0, 5);
        System.arraycopy(words, 0, args, 5, words.length);

        assertThat(Cli.run(args).exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aChangedPromptFailsWithOneLineNamingTheStepAndTheDifference() {
        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", SESSION,
                "What is 18% of 2,340.80 EUR, and how many pounds is 3.2 kg?");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("agent4j: Replay of " + SESSION + " diverged at step 1")
                .contains("message 2 (user) differs in 'content'")
                .contains("sent \"What is 18% of 2,340.80 EUR");
    }

    @Test
    void otherToolsThanRecordedFailTheReplay() {
        Cli.Result result = Cli.run("run", "--replay", SESSION, CalcSession.PROMPT);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.errLines()).singleElement().asString()
                .contains("diverged at step 1").contains("the tools differ");
    }

    @Test
    void verbosePrintsEveryToolCallToStderr() {
        Cli.Result result = Cli.run("run", "--verbose", "--example", "calc", "--replay", SESSION);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().strip()).isEqualTo(CalcSession.ANSWER);
        assertThat(result.errLines())
                .anySatisfy(line -> assertThat(line).startsWith("[step 1] the model calls evaluate, convert"))
                .anySatisfy(line -> assertThat(line)
                        .matches("\\[step 1] evaluate \\{\"expression\":\"2340.80 \\* 17.5 / 100\"} -> 409.64 "
                                + "\\(\\d+\\.\\d ms\\)"))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("[step 1] convert {\"value\":3.2,\"from\":\"kg\",\"to\":\"lb\"} -> "
                                + "{\"value\":7.05479238991608,\"unit\":\"lb\"} ("))
                .anySatisfy(line -> assertThat(line).startsWith("[done] 2 step(s)"));
    }

    @Test
    void tooFewStepsExitWithCode4() {
        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", SESSION, "--max-steps", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.MAX_STEPS);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).hasSize(3).last().asString()
                .isEqualTo("agent4j: the agent made 1 model call(s) without reaching a final answer; raise "
                        + "--max-steps if the task needs more, or use --verbose to see the tool calls.");
    }

    @Test
    void aMissingRecordingIsAUsageErrorOfOneClearLine() {
        Path missing = Path.of("sessions", "no-such-session.json");
        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", missing.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .isEqualTo("agent4j: --replay " + missing + ": no such file; give a recording made with --record "
                        + "FILE (see 'agent4j run --help')");
    }

    @Test
    void aFolderAsTheRecordingIsAUsageError(@org.junit.jupiter.api.io.TempDir Path dir) {
        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", dir.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .isEqualTo("agent4j: --replay " + dir + ": is a folder, not a recording; give a recording made "
                        + "with --record FILE (see 'agent4j run --help')");
    }

    @Test
    void aChatWithAMissingRecordingIsAUsageErrorBeforeAnythingIsRead() {
        Path missing = Path.of("sessions", "no-such-chat.json");
        Cli.Result result = Cli.withInput("hi\n", "chat", "--example", "calc", "--replay", missing.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("agent4j: --replay " + missing + ": no such file");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void stackTracesOnlyWithVerbose() {
        String[] args = {"run", "--example", "calc", "--replay", SESSION, "something else"};
        assertThat(Cli.run(args).err()).doesNotContain("\tat ");

        String[] verbose = {"run", "-v", "--example", "calc", "--replay", SESSION, "something else"};
        Cli.Result result = Cli.run(verbose);
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).contains("io.agent4j.errors.RecordingException").contains("\tat ");
    }
}
