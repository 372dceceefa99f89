package io.agent4j.examples.cli;

import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.ChatModel;
import io.agent4j.examples.Example;
import io.agent4j.tool.ToolPack;
import io.agent4j.tool.Toolbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code agent4j run}: runs an agent on one prompt and prints its answer. The tools are those of
 * {@code --example}, of the ready packs named by {@code --packs} and of each {@code --tools} jar,
 * whose packs get the {@code --tool-config} settings; the model is a replay, or an
 * OpenAI-compatible endpoint (recorded with {@code --record}).
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Runs an agent on one prompt and prints its answer on stdout.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure", "2:usage error", "3:no API key, or the key was rejected",
            "4:the agent exceeded --max-steps"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent4j run --example calc \"How many feet is 1.8 m?\"",
            "  agent4j run --example calc --replay agent-examples/sessions/calc.json",
            "  agent4j run --packs math,units \"How many feet is 1.8 m?\"",
            "  agent4j run --tools tools.jar --base-url http://localhost:11434/v1 \"Hi\""})
public final class RunCommand implements Callable<Integer> {

    /** The system message of an agent made of packs and {@code --tools} jars alone. */
    public static final String GENERIC_INSTRUCTIONS = "You are a helpful assistant. Use the tools you are "
            + "given whenever they help answer exactly, and answer concisely.";

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Main main;

    @Option(names = "--example", paramLabel = "NAME",
            description = "Run an example agent, with its instructions and tools (see 'agent4j examples').")
    private String example;

    @Option(names = "--packs", paramLabel = "NAME", split = ",",
            description = "Add the tools of these ready tool packs from the class path (see 'agent4j tools'); "
                    + "repeatable. Without --example, the agent has only the tools of --packs and --tools.")
    private List<String> packs = new ArrayList<>();

    @Mixin
    private ToolOptions toolOptions;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "An OpenAI-compatible endpoint; default $OPENAI_BASE_URL, else https://api.openai.com/v1.")
    private String baseUrl;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "The API key; default $OPENAI_API_KEY, which is safer: arguments are visible to "
                    + "other users of the machine.")
    private String apiKey;

    @Option(names = "--model", paramLabel = "M", description = "The model name; default gpt-4o-mini.")
    private String model;

    @ArgGroup(exclusive = true)
    private Session session;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "10",
            description = "The most model calls one run may make; default ${DEFAULT-VALUE}.")
    private int maxSteps;

    @Option(names = {"-v", "--verbose"},
            description = "Print each step and tool call (arguments, result, duration) to stderr, and stack "
                    + "traces of errors.")
    private boolean verbose;

    @Parameters(paramLabel = "PROMPT", arity = "0..*",
            description = "The prompt; several words are joined with spaces. Optional with --example, "
                    + "which then uses its sample prompt.")
    private List<String> prompt = new ArrayList<>();

    /** {@code --replay} and {@code --record}, of which at most one may be given. */
    static final class Session {

        @Option(names = "--replay", paramLabel = "FILE", required = true,
                description = "Replay a recorded session instead of calling a model: offline, no key needed.")
        private Path replay;

        @Option(names = "--record", paramLabel = "FILE", required = true,
                description = "Record the session with the live model to FILE, for --replay later.")
        private Path record;
    }

    /** Creates the command; picocli calls this. */
    public RunCommand() {
    }

    /** Runs the agent and prints its answer; returns an exit code from {@link ExitCodes}. */
    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        try {
            Example chosen = example();
            String text = prompt(chosen);
            AgentResult result = agent(chosen).run(text);
            cli.getOut().println(result.text());
            cli.getOut().flush();
            return ExitCodes.OK;
        } catch (ParameterException e) {
            throw e;
        } catch (RuntimeException | ServiceConfigurationError e) {
            return Failures.report(cli.getErr(), e, verbose);
        }
    }

    private Example example() {
        return ToolOptions.example(spec, example);
    }

    private String prompt(Example chosen) {
        if (!prompt.isEmpty()) {
            return String.join(" ", prompt);
        }
        if (chosen != null) {
            return chosen.samplePrompt();
        }
        throw usage("Missing the PROMPT: give one, or --example NAME to use the example's sample prompt");
    }

    private Agent agent(Example chosen) {
        if (maxSteps < 1) {
            throw usage("--max-steps must be at least 1, was " + maxSteps);
        }
        List<ToolPack> chosenPacks = packs();
        List<Path> jars = toolOptions.jars();
        Map<String, String> settings = toolOptions.settings();
        Agent.Builder builder = chosen == null
                ? Agent.builder().instructions(GENERIC_INSTRUCTIONS)
                : chosen.newBuilder();
        if (!chosenPacks.isEmpty()) {
            builder.tools(Toolbox.ofPacks(chosenPacks, settings));
        }
        for (Path jar : jars) {
            builder.tools(Toolbox.loadJar(jar, settings));
        }
        builder.model(model()).maxSteps(maxSteps);
        if (verbose) {
            builder.listener(new TraceListener(spec.commandLine().getErr()));
        }
        return builder.build();
    }

    private List<ToolPack> packs() {
        try {
            return ReadyPacks.named(packs);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ChatModel model() {
        Path replay = session == null ? null : session.replay;
        Path record = session == null ? null : session.record;
        try {
            return ModelFactory.create(replay, record, apiKey, baseUrl, model,
                    main == null ? System::getenv : main.environment());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return ToolOptions.usage(spec, message);
    }
}
