package io.agent4j.examples.cli;

import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.TypedResult;
import io.agent4j.answer.AnswerType;
import io.agent4j.approval.Decision;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ContentPart;
import io.agent4j.chat.ImagePart;
import io.agent4j.chat.TextPart;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.RefusalException;
import io.agent4j.examples.Example;
import io.agent4j.tool.Toolbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code agent4j run}: runs an agent on one prompt and streams its answer to stdout, with a line
 * per tool call and then its tokens and cost on stderr; or, with {@code --json}, prints one JSON
 * object. The agent is made by {@link AgentOptions} (example, packs, model) and
 * {@link ToolOptions} ({@code --tools} jars and their settings); {@link AnswerOptions} make the
 * answer a typed one, whose JSON is printed once it is checked.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs an agent on one prompt and prints its answer on stdout as it arrives; each tool call, "
                + "and then the tokens and cost, on stderr.",
            "With --output-schema or --output-type, the answer is JSON checked against its schema (and repaired when "
                + "it does not fit), printed once it is checked.",
            "With --json, prints one JSON object on stdout instead, and nothing else."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:answered",
            "1:failure: the model server or the network, a recording, a tool jar or pack, an MCP server",
            "2:usage error, or a malformed ~/.agent4j/config.properties", "3:no API key, or the key was rejected",
            "4:the agent reached --max-steps without an answer",
            "5:the run waits for approval of a tool call; its run id and the resume command are on stderr",
            "6:the model refused to answer (the refusal is on stderr)",
            "7:a typed answer (--output-schema, --output-type) still did not fit after --max-repairs repairs",
            "8:a guardrail stopped the run",
            "9:a budget (--max-cost, --max-tokens-total, --max-time) stopped the run",
            "10:with --fail-on-truncation, the answer was cut off (token limit, content filter)",
            "130:Ctrl-C (SIGINT) cancelled the run", "143:SIGTERM cancelled the run"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent4j run --example calc \"How many feet is 1.8 m?\"",
            "  agent4j run --example calc --replay agent-examples/sessions/calc.json",
            "  agent4j run --packs math,units \"How many feet is 1.8 m?\"",
            "  agent4j run --image photo.jpg \"What is in this picture?\"",
            "  agent4j run --example calc --replay agent-examples/sessions/calc.json --json",
            "  agent4j run --output-schema invoice.schema.json \"Extract the invoice in invoice.txt.\"",
            "  agent4j run --example expenses --tool-config files.root=agent-examples/sample-expenses "
                + "--replay agent-examples/sessions/expenses.json",
            "  agent4j run --mcp 'npx -y @modelcontextprotocol/server-everything' \"Add 2 and 3.\"",
            "  agent4j run --show-config",
            "  agent4j run --tools tools.jar --base-url http://localhost:11434/v1 \"Hi\""})
public final class RunCommand implements Callable<Integer> {

    /** The system message of an agent made of packs and {@code --tools} jars alone. */
    public static final String GENERIC_INSTRUCTIONS = AgentOptions.GENERIC_INSTRUCTIONS;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Main main;

    @Mixin
    private AgentOptions options;

    @Mixin
    private ToolOptions toolOptions;

    @Mixin
    private McpOptions mcpOptions;

    @Mixin
    private AnswerOptions answers;

    @Mixin
    private TraceOptions traces;

    @Option(names = "--json",
            description = "Print one JSON object on stdout, and nothing else: the answer, the steps, each tool call "
                    + "(name, arguments, result, failed, durationMs), the usage (null with \"usageKnown\":false when "
                    + "the server did not report it), the cost (null with \"costKnown\":false when unknown) and the "
                    + "refusal (null unless the model refused), and the value (a typed answer's JSON, else null). "
                    + "Errors still go to stderr, with the exit code.")
    private boolean json;

    @Option(names = "--approve",
            description = "Ask on the terminal before each tool call that needs approval (write_file of the files "
                    + "pack, http_get of the http pack, and every tool that declares it): y runs it, n rejects it, "
                    + "any other text rejects it with that text as the reason. Without it, or without a terminal, a "
                    + "run that reaches such a call stops with exit code 5, printing its run id and the "
                    + "'agent4j resume' command that continues it.")
    private boolean approve;

    @Option(names = "--store", paramLabel = "FILE|JDBC-URL",
            description = "Where a run that waits for approval is kept, for 'agent4j resume': a SQLite file or a "
                    + "JDBC URL. Default: store in ~/.agent4j/config.properties, else ~/.agent4j/sessions.db, as for "
                    + "'agent4j chat'.")
    private String store;

    @Option(names = "--image", paramLabel = "FILE",
            description = "An image to send with the prompt: PNG, JPEG, WEBP or GIF, at most 20 MB. Repeat it for "
                    + "several images; they follow the prompt in the order given.")
    private List<Path> images = new ArrayList<>();

    @Parameters(paramLabel = "PROMPT", arity = "0..*",
            description = "The prompt; several words are joined with spaces. Optional with --example, "
                    + "which then uses its sample prompt.")
    private List<String> prompt = new ArrayList<>();

    /** Creates the command; picocli calls this. */
    public RunCommand() {
    }

    /**
     * What {@code agent4j resume} continues: a run of {@code run}, made again from its stored arguments.
     *
     * @param runId the run
     * @param decisions the decisions on its pending calls; empty to go on with a run whose process died
     * @param steps the model calls the run made, where its replay goes on
     */
    record Resume(String runId, List<Decision> decisions, int steps) {
    }

    /** Runs the agent and prints its answer; returns an exit code from {@link ExitCodes}. */
    @Override
    public Integer call() {
        return execute(null);
    }

    /**
     * Continues a run that {@code run} stored, with the agent its stored arguments (parsed into this
     * command) make; for {@code agent4j resume}.
     */
    int resume(Resume resume) {
        return execute(resume);
    }

    private int execute(Resume resume) {
        CommandLine cli = spec.commandLine();
        try (Screen screen = Main.screen(main, cli); StopOnSignal stop = new StopOnSignal()) {
            AnswerPrinter printer = null;
            Agent built = null;
            Tracing tracing = Tracing.NONE;
            try {
                options.structuredOutput(answers.structuredOutput());
                if (resume == null && options.showConfig()) {
                    ShowConfig.print(screen.out(), options.settings(Main.environment(main), null), options.replay(),
                            false, json, screen.style());
                    return ExitCodes.OK;
                }
                Example chosen = options.example();
                AnswerType<?> type = answers.answerType(chosen, toolOptions.jars());
                if (type != null && options.jsonMode()) {
                    throw ToolOptions.usage(spec, "--json-mode asks for any JSON object, but the answer has a schema ("
                            + (answers.given() ? "--output-schema or --output-type" : "the example's answer type")
                            + "), which is sent instead; leave out --json-mode, and for a server without json_schema "
                            + "give --structured-output json_object");
                }
                int maxRepairs = answers.maxRepairs();
                UserMessage message = resume == null ? message(prompt(chosen)) : null;
                if (resume != null) {
                    options.replayFrom(resume.steps());
                }
                UsageLine usage = new UsageLine(options.prices());
                Agent.Builder builder = options.builder(chosen, toolOptions, Main.environment(main), screen)
                        .tools(mcpOptions.servers().toArray()).listener(usage).maxRepairs(maxRepairs)
                        .budget(options.budget());
                tracing = traces.start();
                tracing.addTo(builder, chosen);
                built = builder.build();
                Agent agent = built;
                if (resume != null || mayWait(built.toolbox())) {
                    // the store is opened only for an agent whose runs may wait, which shares the first one's MCP servers
                    agent = builder.store(Stores.database(options.settings(Main.environment(main), store).store().value())).runLabels(RunLabels.of(cli.getParseResult(),
                            options.modelName(Main.environment(main)), options.baseUrl(Main.environment(main))))
                            .build();
                }
                agent = agent.withOptions(options.requestOptions(built.toolbox()));
                boolean toolLines = !options.quiet() && !options.verbose();
                boolean asking = approve && Main.terminal(main);
                BufferedReader terminal = asking ? new BufferedReader(new InputStreamReader(Main.stdin(main),
                        ChatCommand.inputCharset())) : null;
                AgentResult result;
                if (type == null) {
                    printer = new AnswerPrinter(screen, json, toolLines);
                    AnswerPrinter handler = printer;
                    Agent running = agent;
                    result = resume == null ? stop.run(cancellation -> running.stream(message, handler, cancellation))
                            : resumed(agent, resume);
                    while (result.waiting() && asking) {
                        printer.abort();
                        result = agent.resume(result.runId(), Approvals.ask(result.pending(), terminal, screen.err()));
                    }
                    if (result.waiting()) {
                        return waiting(screen, printer, result);
                    }
                    printer.finish(result);
                } else {
                    printer = AnswerPrinter.typed(screen, json, toolLines, maxRepairs);
                    result = typed(agent, message, type, printer, stop, resume, asking ? terminal : null, screen);
                    if (result.waiting()) {
                        return waiting(screen, printer, result);
                    }
                }
                boolean refused = printer.reportRefusal(result);
                boolean cut = printer.warnIfTruncated(result, options.failOnTruncation());
                if (!options.quiet() && !json) {
                    screen.err().println(screen.style().dim(usage.line(result)));
                    screen.err().flush();
                }
                if (refused) {
                    return ExitCodes.REFUSED;
                }
                return cut && options.failOnTruncation() ? ExitCodes.TRUNCATED : ExitCodes.OK;
            } catch (ParameterException e) {
                throw e;
            } catch (RuntimeException | Error e) {
                if (printer != null) {
                    printer.abort();
                }
                return stop.exitCode(Failures.report(screen.err(), e, options.verbose()));
            } finally {
                close(built);
                tracing.close(screen.err());
            }
        }
    }

    /** Whether a run of an agent with these tools may wait for approval, and so needs a store that outlives the process. */
    static boolean mayWait(Toolbox tools) {
        return tools.names().stream().anyMatch(name -> Approvals.PACK_TOOLS.contains(name)
                || tools.approval(name).isPresent());
    }

    /** Continues a stored run: with its decisions, or, without any, from its last stored step. */
    private static AgentResult resumed(Agent agent, Resume resume) {
        return resume.decisions().isEmpty() ? agent.resume(resume.runId())
                : agent.resume(resume.runId(), resume.decisions());
    }

    /** A run that waits: its id, pending calls and resume command on stderr (and its JSON object); exit code 5. */
    private int waiting(Screen screen, AnswerPrinter printer, AgentResult result) {
        printer.abort();
        if (json) {
            screen.out().println(JsonAnswer.line(Approvals.waitingJson(result, store)));
            screen.out().flush();
        }
        Approvals.printWaiting(screen.err(), result, store);
        return ExitCodes.WAITING;
    }

    /**
     * Runs for a typed answer and prints its JSON as it was checked; with {@code --json}, a refusal is
     * printed as the object of a refused answer, as for an answer in text. A run that waits is returned
     * as it is, unless {@code terminal} is there to ask on.
     *
     * @return the run's result
     * @throws RefusalException for a refusal without {@code --json}
     */
    private <T> AgentResult typed(Agent agent, UserMessage message, AnswerType<T> type, AnswerPrinter printer,
            StopOnSignal stop, Resume resume, BufferedReader terminal, Screen screen) {
        AgentResult result;
        JsonNode value;
        try {
            TypedResult<T> typed = resume == null
                    ? stop.run(cancellation -> agent.stream(message, type, printer, cancellation))
                    : agent.resume(resume.runId(), resume.decisions(), type);
            while (typed.result().waiting() && terminal != null) {
                printer.abort();
                typed = agent.resume(typed.result().runId(), Approvals.ask(typed.result().pending(), terminal,
                        screen.err()), type);
            }
            if (typed.result().waiting()) {
                return typed.result();
            }
            result = typed.result();
            value = type.check(typed.text()).json();
        } catch (RefusalException e) {
            if (!json) {
                throw e;
            }
            int steps = (int) e.transcript().stream().filter(AssistantMessage.class::isInstance).count();
            result = AgentResult.builder().messages(e.transcript()).steps(steps).usage(e.usage())
                    .cost(e.cost().orElse(null)).refusal(e.refusal()).build();
            value = null;
        }
        printer.finishTyped(result, value);
        return result;
    }

    /** Stops the agent's MCP servers, if it has any; a server that fails to stop does not change the exit code. */
    static void close(Agent agent) {
        if (agent != null) {
            try {
                agent.close();
            } catch (RuntimeException e) {
                // the command's outcome is decided; the process ends anyway
            }
        }
    }

    /** The prompt and the {@code --image} files, each read and checked before anything is sent. */
    private UserMessage message(String text) {
        if (images.isEmpty()) {
            return new UserMessage(text);
        }
        List<ContentPart> parts = new ArrayList<>();
        parts.add(new TextPart(text));
        for (Path image : images) {
            try {
                parts.add(ImagePart.fromFile(image));
            } catch (IllegalArgumentException e) {
                throw ToolOptions.usage(spec, "--image: " + e.getMessage());
            }
        }
        return new UserMessage(parts);
    }

    private String prompt(Example chosen) {
        if (!prompt.isEmpty()) {
            return String.join(" ", prompt);
        }
        if (chosen != null) {
            return chosen.samplePrompt();
        }
        throw ToolOptions.usage(spec, "Missing the PROMPT: give one, or --example NAME to use the example's "
                + "sample prompt");
    }
}
