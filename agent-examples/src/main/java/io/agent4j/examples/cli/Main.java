package io.agent4j.examples.cli;

import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ParameterException;

/**
 * The {@code agent4j} command line.
 *
 * <pre>
 * agent4j run --example calc "What is 17.5% of 2,340.80 EUR?"
 * agent4j run --example calc --replay agent-examples/sessions/calc.json
 * agent4j run --tools my-tools.jar --base-url http://localhost:11434/v1 --model llama3.1 "..."
 * agent4j tools --tools my-tools.jar --tool-config weather.units=imperial
 * agent4j examples
 * </pre>
 *
 * The answer goes to stdout; errors are one line on stderr and an exit code from {@link ExitCodes}.
 */
@Command(name = "agent4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Runs function-calling agents against an OpenAI-compatible endpoint, or offline "
                + "from a recorded session.",
        subcommands = {RunCommand.class, ToolsCommand.class, ExamplesCommand.class, HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:failure (model server, recording mismatch, tool jar or pack)",
            "2:usage error",
            "3:no API key, or the key was rejected",
            "4:the agent exceeded --max-steps"})
public final class Main {

    private final Function<String, String> environment;

    /** A command line that reads the process environment. */
    public Main() {
        this(System::getenv);
    }

    /** A command line that reads environment variables through {@code environment}; for tests. */
    Main(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Reads environment variables such as {@code OPENAI_API_KEY}. */
    Function<String, String> environment() {
        return environment;
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with usage errors reported as one line and exit code {@link ExitCodes#USAGE}. */
    public static CommandLine commandLine() {
        return commandLine(new Main());
    }

    static CommandLine commandLine(Main main) {
        CommandLine cli = new CommandLine(main);
        cli.setParameterExceptionHandler(Main::usageError);
        return cli;
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
