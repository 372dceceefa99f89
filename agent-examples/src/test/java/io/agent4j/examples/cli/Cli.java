package io.agent4j.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line in-process, with captured stdout and stderr and a fake environment. */
final class Cli {

    private Cli() {
    }

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {

        /** The lines printed on stderr. */
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    /** Runs with an empty environment, so no real OPENAI_* variable can leak in. */
    static Result run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs with these environment variables only. */
    static Result run(Map<String, String> environment, String... args) {
        return execute(Main.commandLine(new Main(environment::get)), args);
    }

    /** Runs with an empty environment and {@code input} as standard input, piped (not a terminal). */
    static Result withInput(String input, String... args) {
        return withInput(input, false, args);
    }

    /** Runs with an empty environment and {@code input} as standard input, as if typed at a terminal or not. */
    static Result withInput(String input, boolean terminal, String... args) {
        Map<String, String> environment = Map.of();
        ByteArrayInputStream stdin = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        return execute(Main.commandLine(new Main(environment::get, stdin, () -> terminal)), args);
    }

    /** Runs a command line built by the caller. */
    static Result execute(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
