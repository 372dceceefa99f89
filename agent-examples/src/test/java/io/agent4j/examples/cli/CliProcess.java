package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code agent4j} as a separate process: {@code java -cp <this test's class path>
 * io.agent4j.examples.cli.Main ...}, with {@code user.home} a folder of the test, standard input
 * from a file, and an environment without any {@code OPENAI_*}, {@code AGENT4J_*}, {@code NO_COLOR}
 * or {@code TERM} of the machine running the tests, plus the variables the test gives.
 */
final class CliProcess {

    private CliProcess() {
    }

    /** The folder given to the process as {@code user.home}. */
    static Path home(Path dir) {
        return dir.resolve("home");
    }

    /** Runs with no input and no extra variables. */
    static Cli.Result run(Path dir, String... args) throws Exception {
        return run(dir, Map.of(), "", args);
    }

    /**
     * Runs the command line.
     *
     * @param dir a folder of the test, for the input, the error output and the home folder
     * @param environment variables to set
     * @param input standard input (a file, so not a terminal)
     * @param args the arguments
     */
    static Cli.Result run(Path dir, Map<String, String> environment, String input, String... args) throws Exception {
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        return finish(start(dir, environment, input, stderr, args), stderr);
    }

    /** Runs with no input and no extra variables, in {@code dir} as the working folder. */
    static Cli.Result runIn(Path dir, String... args) throws Exception {
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        return finish(start(dir, dir, Map.of(), "", stderr, args), stderr);
    }

    /** Reads the process's stdout to its end, waits for it, and reads the stderr it wrote to {@code stderr}. */
    private static Cli.Result finish(Process process, Path stderr) throws Exception {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Cli.Result(process.exitValue(), out, Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /**
     * Sends the process SIGINT, as Ctrl-C does (with {@code kill -INT}); skips the test, saying why, where
     * that cannot be done: on Windows, or where this JVM (and so the process) ignores SIGINT, as a job a
     * shell without job control started in the background does.
     */
    static void ctrlC(Process process) {
        Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "no SIGINT on Windows");
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            try {
                String ignored = Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
                        .map(line -> line.substring("SigIgn:".length()).strip()).findFirst().orElse("0");
                Assumptions.assumeTrue((Long.parseLong(ignored, 16) & (1L << 1)) == 0, "SIGINT is ignored in this "
                        + "JVM (started in the background by a shell without job control), so Ctrl-C cannot reach "
                        + "the command");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        try {
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start();
            assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).as("kill -INT").isZero();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts the command line, its standard error going to {@code stderr}; the caller reads stdout and waits. */
    static Process start(Path dir, Map<String, String> environment, String input, Path stderr, String... args)
            throws Exception {
        return start(dir, null, environment, input, stderr, args);
    }

    private static Process start(Path dir, Path workingFolder, Map<String, String> environment, String input,
            Path stderr, String... args) throws Exception {
        Path stdin = Files.writeString(Files.createTempFile(dir, "stdin", ".txt"), input);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home(dir), "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(stdin.toFile())
                .redirectError(stderr.toFile());
        if (workingFolder != null) {
            builder.directory(workingFolder.toFile());
        }
        builder.environment().keySet().removeIf(name -> name.startsWith("OPENAI_") || name.startsWith("AGENT4J_")
                || name.equals("NO_COLOR") || name.equals("TERM"));
        builder.environment().putAll(environment);
        return builder.start();
    }
}
