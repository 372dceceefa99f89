package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent4j trace FILE} as a separate process: the timeline of the shipped trace of the calc
 * example, exactly; colours only on a terminal and never with {@code NO_COLOR}; a missing, empty or
 * corrupted file as one line on stderr and its exit code.
 */
class TraceCommandTest {

    /** The shipped trace of the calc example, as the guide names it. */
    static final Path SHIPPED = Path.of("sample-traces", "calc.json");
    private static final String ESC = "\u001b";

    @TempDir
    Path dir;

    static String expected(String name) throws Exception {
        try (var in = TraceCommandTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\n", System.lineSeparator());
        }
    }

    @Test
    void printsTheTimelineOfTheShippedTrace() throws Exception {
        Cli.Result result = CliProcess.run(dir, "trace", SHIPPED.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo(expected("calc-trace.txt"));
    }

    @Test
    void marksFailuresRetriesAndGuardrailsNestsAToolsOwnSpansAndShowsEachRun() throws Exception {
        Path file = Path.of("src", "test", "resources", "io", "agent4j", "examples", "cli", "failures-trace.json");

        Cli.Result result = CliProcess.run(dir, "trace", file.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo(expected("failures-trace.txt"));
    }

    @Test
    void colouredOnlyOnATerminalAndNeverWithNoColor() throws Exception {
        Cli.Result coloured = CliProcess.run(dir, Map.of(Main.FORCE_TERMINAL, "1"), "", "trace", SHIPPED.toString());
        Cli.Result noColor = CliProcess.run(dir, Map.of(Main.FORCE_TERMINAL, "1", "NO_COLOR", "1"), "", "trace",
                SHIPPED.toString());

        assertThat(coloured.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(coloured.out()).contains(ESC + "[36m█");
        assertThat(coloured.out().replaceAll(ESC + "\\[[0-9;]*m", "")).isEqualTo(expected("calc-trace.txt"));
        assertThat(noColor.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(noColor.out()).doesNotContain(ESC).isEqualTo(expected("calc-trace.txt"));
    }

    @Test
    void aMissingFileIsAUsageError() throws Exception {
        Cli.Result result = CliProcess.run(dir, "trace", dir.resolve("run.json").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).containsExactly("agent4j: " + dir.resolve("run.json")
                + ": no such file; give a file written by 'agent4j run --trace-file FILE' (see 'agent4j trace --help')");
    }

    @Test
    void aFolderIsAUsageError() throws Exception {
        Cli.Result result = CliProcess.run(dir, "trace", dir.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().lines().toList()).singleElement().asString().startsWith("agent4j: " + dir
                + ": is a folder, not a trace file");
    }

    @Test
    void aCorruptedFileIsOneLineAndExit1() throws Exception {
        String whole = Files.readString(SHIPPED);
        Path cut = Files.writeString(dir.resolve("cut.json"), whole.substring(0, whole.length() / 2));

        Cli.Result result = CliProcess.run(dir, "trace", cut.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).singleElement().asString()
                .startsWith("agent4j: " + cut + " line 1 is not JSON (")
                .endsWith("); give the file that --trace-file wrote, which holds one OTLP JSON request a line");
    }

    @Test
    void jsonThatIsNoTraceIsOneLineAndExit1() throws Exception {
        Path recording = Path.of("sessions", "calc.json");

        Cli.Result result = CliProcess.run(dir, "trace", recording.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err().lines().toList()).containsExactly("agent4j: " + recording + " line 1 is JSON but no "
                + "OTLP trace request (no \"resourceSpans\" list); give the file that --trace-file wrote");
    }

    @Test
    void anEmptyFileIsOneLineAndExit1() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.json"), "");

        Cli.Result result = CliProcess.run(dir, "trace", empty.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err().lines().toList()).containsExactly("agent4j: " + empty + " is empty; give the file "
                + "that --trace-file wrote once the run ended");
    }

    @Test
    void aRequestWithoutSpansIsOneLineAndExit1() throws Exception {
        Path none = Files.writeString(dir.resolve("none.json"), "{\"resourceSpans\":[]}\n");

        Cli.Result result = CliProcess.run(dir, "trace", none.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err().lines().toList()).containsExactly("agent4j: " + none + " holds no spans; give the "
                + "file that --trace-file wrote once the run ended");
    }

    @Test
    void aPrettyPrintedRequestReadsToo() throws Exception {
        String pretty = tools.jackson.databind.json.JsonMapper.builder().build().readTree(Files.readString(SHIPPED))
                .toPrettyString();
        Path file = Files.writeString(dir.resolve("pretty.json"), pretty);

        Cli.Result result = CliProcess.run(dir, "trace", file.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo(expected("calc-trace.txt"));
    }
}
