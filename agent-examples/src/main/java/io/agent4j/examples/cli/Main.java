package io.agent4j.examples.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ParameterException;

/**
 * The {@code agent4j} command line.
 *
 * <pre>
 * agent4j run --example calc "What is 17.5% of 2,340.80 EUR?"
 * agent4j run --example calc --replay agent-examples/sessions/calc.json
 * agent4j run --tools my-tools.jar --base-url http://localhost:11434/v1 --model llama3.1 "..."
 * agent4j run --example notes --replay agent-examples/sessions/notes.json
 * agent4j runs
 * agent4j resume RUN --approve call_1
 * agent4j chat --example calc --session trip
 * agent4j sessions repair --session trip
 * agent4j tools --tools my-tools.jar --tool-config weather.units=imperial
 * agent4j mcp serve --packs math,time --http 127.0.0.1:3001
 * agent4j run --example calc --replay agent-examples/sessions/calc.json --trace-file /tmp/run.json
 * agent4j trace /tmp/run.json
 * agent4j eval agent-examples/evals/calc.jsonl --example calc --replay-dir agent-examples/evals/calc
 * agent4j examples
 * agent4j completion
 * </pre>
 *
 * The answer goes to stdout as it arrives; tool calls, tokens and cost, errors and (on a
 * terminal) a spinner go to stderr; the exit code is one of {@link ExitCodes}.
 */
@Command(name = "agent4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Runs function-calling agents against an OpenAI-compatible endpoint, or offline "
                + "from a recorded session.",
        subcommands = {RunCommand.class, RunsCommand.class, ResumeCommand.class, ChatCommand.class, SessionsCommand.class, ToolsCommand.class,
            McpCommand.class, TraceCommand.class, EvalCommand.class, ExamplesCommand.class, CompletionCommand.class, HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:failure: the model server or the network, a recording that does not match, a tool jar or pack, "
                + "the conversation store",
            "2:usage error, or a malformed ~/.agent4j/config.properties",
            "3:no API key, or the key was rejected",
            "4:the agent reached --max-steps without an answer",
            "5:the run waits for approval of a tool call (agent4j runs, agent4j resume)",
            "6:the model refused to answer",
            "7:a typed answer still did not fit its schema after --max-repairs repairs",
            "8:a guardrail stopped the run",
            "9:a budget (--max-cost, --max-tokens-total, --max-time) stopped the run",
            "10:with --fail-on-truncation, the answer was cut off (token limit, content filter)",
            "11:agent4j resume: the run is being resumed elsewhere at the same time",
            "12:agent4j eval: fewer cases passed than --min-pass"})
public final class Main {

    /**
     * An environment variable that makes the command line decorate stderr as on a terminal (spinner,
     * colours) even when it is not one; for tests and screen recordings. {@code NO_COLOR} still
     * turns the colours off.
     */
    public static final String FORCE_TERMINAL = "AGENT4J_FORCE_TERMINAL";

    private final Function<String, String> environment;
    private final InputStream stdin;
    private final BooleanSupplier terminal;
    private final BooleanSupplier stderrTerminal;

    /** A command line that reads the process environment and standard input. */
    public Main() {
        this(System::getenv, System.in, Main::onTerminal, Main::stderrOnTerminal);
    }

    /** A command line that reads environment variables through {@code environment}, and no input; for tests. */
    Main(Function<String, String> environment) {
        this(environment, InputStream.nullInputStream(), () -> false);
    }

    /**
     * A command line with this environment and standard input; {@code terminal} says whether a
     * person types at a terminal (then {@code chat} shows a prompt). Stderr is not decorated unless
     * {@link #FORCE_TERMINAL} says so. For tests.
     */
    Main(Function<String, String> environment, InputStream stdin, BooleanSupplier terminal) {
        this(environment, stdin, terminal, () -> false);
    }

    private Main(Function<String, String> environment, InputStream stdin, BooleanSupplier terminal,
            BooleanSupplier stderrTerminal) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.stderrTerminal = Objects.requireNonNull(stderrTerminal, "stderrTerminal");
    }

    /**
     * The environment of {@code main} (variables such as {@code OPENAI_API_KEY}), or the process's
     * when a command runs without its parent.
     */
    static Function<String, String> environment(Main main) {
        return main == null ? System::getenv : main.environment;
    }

    /** The standard input of {@code main}, or the process's. */
    static InputStream stdin(Main main) {
        return main == null ? System.in : main.stdin;
    }

    /** Whether {@code main} reads from a terminal; with no parent, whether the process does. */
    static boolean terminal(Main main) {
        return main == null ? onTerminal() : main.terminal.getAsBoolean();
    }

    /**
     * The screen of a command of {@code main}: its stdout and stderr, with a spinner and colours
     * when stderr is a terminal (or {@link #FORCE_TERMINAL} is set); colours never when
     * {@code NO_COLOR} is set to anything but the empty string, or {@code TERM} is {@code dumb}.
     */
    static Screen screen(Main main, CommandLine cli) {
        Function<String, String> env = environment(main);
        boolean decorated = forced(env) || (main == null ? stderrOnTerminal() : main.stderrTerminal.getAsBoolean());
        return new Screen(cli.getOut(), cli.getErr(), new Style(colours(env, decorated), Style.unicodeOutput()),
                decorated);
    }

    /**
     * The style of what a command of {@code main} prints on stdout, such as the timeline of
     * {@code agent4j trace}: colours when stdout is a terminal (or {@link #FORCE_TERMINAL} is set),
     * never with {@code NO_COLOR} set to anything but the empty string, or {@code TERM} {@code dumb}.
     */
    static Style outputStyle(Main main) {
        Function<String, String> env = environment(main);
        return new Style(colours(env, forced(env) || terminal(main)), Style.unicodeOutput());
    }

    private static boolean forced(Function<String, String> env) {
        String force = env.apply(FORCE_TERMINAL);
        return force != null && !force.isBlank() && !force.strip().equals("0")
                && !force.strip().equalsIgnoreCase("false");
    }

    private static boolean colours(Function<String, String> env, boolean decorated) {
        String noColor = env.apply("NO_COLOR");
        return decorated && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.apply("TERM"));
    }

    /**
     * Whether stderr is a terminal, as far as Java 17 can tell: {@link #onTerminal()}, and on
     * Linux, where {@code /proc/self/fd/2} shows it, stderr is a terminal device too (so that
     * {@code 2>log} gets no spinner).
     */
    static boolean stderrOnTerminal() {
        if (!onTerminal()) {
            return false;
        }
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return true;
        }
        return true;
    }

    /**
     * Whether standard input and output are a terminal: {@link System#console()} is there (and,
     * on Java 22 and later, where a console is there even for pipes, says it is a terminal).
     */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Runs the command line and exits with its exit code; whatever escapes a command, an
     * {@link Error} included, is one line on stderr (with {@code --verbose}, and its stack trace).
     */
    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (RuntimeException | Error e) {
            PrintWriter err = new PrintWriter(System.err, true);
            code = Failures.report(err, e, List.of(args).contains("--verbose") || List.of(args).contains("-v"));
        }
        System.exit(code);
    }

    /** The command line, with usage errors reported as one line and exit code {@link ExitCodes#USAGE}. */
    public static CommandLine commandLine() {
        return commandLine(new Main());
    }

    static CommandLine commandLine(Main main) {
        CommandLine cli = new CommandLine(main);
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler((e, command, parsed) -> Failures.report(command.getErr(), e, verbose(parsed)));
        return cli;
    }

    /** Whether {@code --verbose} was given to the command or any of its parents. */
    private static boolean verbose(ParseResult parsed) {
        for (ParseResult command = parsed; command != null; command = command.subcommand()) {
            if (command.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String message = Failures.oneLine(String.valueOf(e.getMessage())).replaceFirst("^Error: ", "");
        cli.getErr().println("agent4j: " + message + " (see '" + cli.getCommandSpec().qualifiedName()
                + " --help')");
        cli.getErr().flush();
        return ExitCodes.USAGE;
    }
}
