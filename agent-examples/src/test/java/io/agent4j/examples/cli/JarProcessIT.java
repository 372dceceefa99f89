package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.examples.CalcSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded {@code target/agent4j.jar} as a separate process. Maven's failsafe plugin runs
 * this after the package phase has built the jar ({@code mvn verify}).
 */
class JarProcessIT {

    private static final Path JAR = Path.of("target", "agent4j.jar");

    @BeforeAll
    static void needsTheJar() {
        assertThat(JAR).as("target/agent4j.jar, built by the package phase").isRegularFile();
    }

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome java(String... args) throws Exception {
        return java(List.of(), args);
    }

    private static Outcome java(List<String> jvmOptions, String... args) throws Exception {
        // a home folder of its own, so that no ~/.agent4j/config.properties of the machine applies
        Path home = Files.createTempDirectory("agent4j-home");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Duser.home=" + home));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("OPENAI_"));
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void replaysTheShippedSession() throws Exception {
        Outcome outcome = java("run", "--example", "calc", "--replay", CalcSession.SHIPPED.toString(),
                CalcSession.PROMPT);

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out().strip()).isEqualTo(CalcSession.ANSWER);
        assertThat(outcome.err().lines().toList()).hasSize(3).last().isEqualTo(ReplayTest.USAGE_LINE);
    }

    @Test
    void readsTheToolSchemasMadeAtBuildTimeInsteadOfLoadingTheGenerator(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes.log");
        Outcome outcome = java(List.of("-Xlog:class+load=info:file=" + classes), "run", "--example", "calc",
                "--replay", CalcSession.SHIPPED.toString(), CalcSession.PROMPT);

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out().strip()).isEqualTo(CalcSession.ANSWER);
        List<String> loaded = Files.readAllLines(classes);
        assertThat(loaded).anyMatch(line -> line.contains(" io.agent4j.tools.math.Calculator "));
        assertThat(loaded).noneMatch(line -> line.contains("com.github.victools"));
    }

    @Test
    void exitsWithTheUsageCodeAndOneLine() throws Exception {
        Outcome outcome = java("run", "--replay", "a.json", "--record", "b.json", "hi");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err().lines().toList()).singleElement().asString()
                .startsWith("agent4j: ").contains("mutually exclusive");
    }

    @Test
    void exitsWith3WithoutAKey() throws Exception {
        Outcome outcome = java("run", "--example", "calc", "--base-url", "http://127.0.0.1:9/v1", "hi");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.AUTHENTICATION);
        assertThat(outcome.err()).contains("OPENAI_API_KEY");
    }
}
