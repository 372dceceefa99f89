package io.agent4j.examples.cli;

import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.Conversation;
import io.agent4j.chat.ChatOptions;
import io.agent4j.errors.Agent4jException;
import io.agent4j.errors.ConcurrentConversationException;
import io.agent4j.errors.CorruptConversationException;
import io.agent4j.examples.Example;
import io.agent4j.memory.ConversationStore;
import io.agent4j.memory.InMemoryConversationStore;
import io.agent4j.memory.JdbcConversationStore;
import io.agent4j.memory.RunRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code agent4j chat}: a multi-turn conversation on standard input. Each line is a user message
 * and each answer is streamed to stdout (with {@code --json}: one JSON object per line), its tool
 * calls and then its tokens and cost and the session's so far on stderr; an empty line is
 * skipped, and the end of input or a line {@code /exit} ends the chat.
 * The conversation is kept in a store under its {@code --session} name, so a later
 * {@code agent4j chat --session NAME} continues it. The agent is made as {@code run} makes it.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Chats with an agent, one message per line of standard input, in a stored conversation.",
            "Each answer is printed on stdout as it arrives (with --json, one JSON object per line), and its tool "
                + "calls, tokens and cost on stderr. An empty line is skipped; /exit or the end of input (Ctrl-D) "
                + "ends the chat.",
            "The conversation is stored under its --session name (in ~/.agent4j/sessions.db unless --store "
                + "says otherwise), so the same --session later continues it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the input ended, or /exit", "5:an answer waits for approval of a tool call, and stdin is no terminal to ask on", "9:a budget (--max-cost, --max-tokens-total, --max-time) stopped the chat", "1:failure: the model server or the network, a recording, "
                + "a tool jar or pack, an MCP server, the conversation store", "2:usage error, or a malformed "
                + "~/.agent4j/config.properties", "3:no API key, or the key was rejected",
            "4:the agent reached --max-steps without an answer",
            "10:with --fail-on-truncation, the answer was cut off (token limit, content filter)",
            "130:Ctrl-C (SIGINT) cancelled the answer in progress, or ended the chat at its prompt",
            "143:SIGTERM, as Ctrl-C"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent4j chat --example calc --session trip",
            "  echo \"How many feet is 1.8 m?\" | agent4j chat --packs units --quiet",
            "  agent4j chat --packs math --store ~/.agent4j/budget.db --session budget",
            "  echo \"What is 2+2?\" | agent4j chat --packs math --json"})
public final class ChatCommand implements Callable<Integer> {

    /** The session name when {@code --session} is not given. */
    public static final String DEFAULT_SESSION = "default";
    /** The line that ends a chat. */
    public static final String EXIT = "/exit";
    /** What a terminal shows before each message. */
    public static final String PROMPT = "> ";

    private static final int MAX_SESSION_LENGTH = 255;

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
    private TraceOptions traces;

    @Option(names = "--session", paramLabel = "NAME", defaultValue = DEFAULT_SESSION,
            description = "The conversation's name in the store; the same name later continues it. "
                    + "Default '${DEFAULT-VALUE}'.")
    private String session;

    @Option(names = "--store", paramLabel = "FILE|JDBC-URL",
            description = "Where conversations are kept: a SQLite file, or a JDBC URL such as "
                    + "jdbc:postgresql://localhost/agent4j?user=me. Default: store in ~/.agent4j/config.properties, "
                    + "else ~/.agent4j/sessions.db; with --replay and no --store, memory only.")
    private String store;

    @Option(names = "--json",
            description = "Print each answer as one JSON object on one line of stdout, and nothing else (no prompt): "
                    + "as for 'run --json', with \"session\" holding the session's running totals.")
    private boolean json;

    /** Creates the command; picocli calls this. */
    public ChatCommand() {
    }

    /** Chats until the input ends; returns an exit code from {@link ExitCodes}. */
    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        try (Screen screen = Main.screen(main, cli); StopOnSignal stop = new StopOnSignal()) {
            Agent checked = null;
            Tracing tracing = Tracing.NONE;
            try {
                Settings settings = options.settings(Main.environment(main), store);
                if (options.showConfig()) {
                    ShowConfig.print(screen.out(), settings, options.replay(), true, json, screen.style());
                    return ExitCodes.OK;
                }
                checkSession();
                Example chosen = options.example();
                UsageLine usage = new UsageLine(options.prices());
                String where = store(settings);
                // a replay into a store reads the session first, to go on where its recording stands
                JdbcConversationStore replayedInto = options.replaying() && where != null ? Stores.database(where)
                        : null;
                int replayStart = replayedInto == null ? 0 : replayStart(replayedInto);
                Agent.Builder builder = options.builder(chosen, toolOptions, Main.environment(main), screen)
                        .tools(mcpOptions.servers().toArray()).conversationBudget(options.budget());
                tracing = traces.start();
                tracing.addTo(builder, chosen);
                // the request options are checked against the tools before the store is opened
                checked = builder.listener(usage).build();
                ChatOptions request = options.requestOptions(checked.toolbox());
                ConversationStore opened = replayedInto != null ? replayedInto : Stores.open(where, options.replaying());
                Agent agent = builder.store(opened).runLabels(RunLabels.ofChat(cli.getParseResult(), session,
                        options.modelName(Main.environment(main)), options.baseUrl(Main.environment(main)),
                        replayStart))
                        .build().withOptions(request);
                return chat(agent.conversation(session), opened, usage, screen, where, stop);
            } catch (ParameterException e) {
                throw e;
            } catch (CorruptConversationException e) {
                return Failures.report(screen.err(), new Agent4jException("session '" + session + "' cannot be "
                        + "loaded: its stored message number " + e.seq() + " is damaged (" + e.problem() + "). Start "
                        + "another session (--session NEW), or drop the damaged turn and keep the rest: "
                        + repairCommand(), e), options.verbose());
            } catch (ConcurrentConversationException e) {
                return Failures.report(screen.err(), new Agent4jException(e.getMessage() + " If no chat uses session '"
                        + session + "' any more (one was killed in the middle of a turn), " + repairCommand()
                        + " ends its turn.", e), options.verbose());
            } catch (RuntimeException | Error e) {
                return stop.exitCode(Failures.report(screen.err(), e, options.verbose()));
            } finally {
                // the agent chatting shares its MCP servers with this one
                RunCommand.close(checked);
                tracing.close(screen.err());
            }
        }
    }

    /**
     * For a replay into a stored session, how many model calls the session held where the recording
     * starts: those it holds now, or, when its last answer waits for approval (a chat stopped there),
     * where the recording of that chat started, which this chat's replay goes on from.
     */
    private int replayStart(JdbcConversationStore held) {
        int calls = RunLabels.modelCalls(held.load(session));
        Optional<RunRecord> waiting = held.waitingRun(session);
        if (waiting.isEmpty()) {
            return calls;
        }
        int start = RunLabels.replayStart(waiting.get());
        options.replayFrom(calls - start);
        return start;
    }

    /**
     * The store to open: {@code --store}; with {@code --replay} and no {@code --store}, null
     * (memory); else that of the configuration file, or null (the default file).
     */
    private String store(Settings settings) {
        if (store != null || options.replaying()) {
            return store;
        }
        return settings.store().value();
    }

    /** The command that repairs this session, with {@code --store} when one was given. */
    private String repairCommand() {
        String name = session.matches("[A-Za-z0-9_.:@+-]+") ? session : "'" + session.replace("'", "'\\''") + "'";
        String where = store == null ? "" : store.startsWith("jdbc:") ? " --store <the same JDBC URL>"
                : " --store " + store;
        return "agent4j sessions repair --session " + name + where;
    }

    private void checkSession() {
        if (session.isBlank() || session.length() > MAX_SESSION_LENGTH) {
            throw ToolOptions.usage(spec, "--session must be 1 to " + MAX_SESSION_LENGTH + " characters, not blank");
        }
    }

    private int chat(Conversation conversation, ConversationStore opened, UsageLine usage, Screen screen, String where,
            StopOnSignal stop) {
        PrintWriter out = screen.out();
        PrintWriter err = screen.err();
        boolean terminal = Main.terminal(main);
        if (terminal && !options.quiet()) {
            int earlier = conversation.messages().size();
            err.println("agent4j chat: session '" + session + "' (" + (earlier == 0 ? "new" : "resumed, " + earlier
                    + " messages") + ") in " + Stores.describe(where, options.replaying()) + "; " + EXIT
                    + " or Ctrl-D ends it.");
            err.flush();
        }
        boolean prompt = terminal && !json;
        BufferedReader in = new BufferedReader(new InputStreamReader(Main.stdin(main), inputCharset()));
        if (!conversation.pending().isEmpty()) {
            // the session's last answer waits for approval (its chat ended with exit code 5): decide first
            if (!terminal) {
                return waiting(opened, err);
            }
            AnswerPrinter printer = new AnswerPrinter(screen, json, !options.quiet() && !options.verbose());
            AgentResult result = conversation.resume(Approvals.ask(conversation.pending(), in, err));
            while (result.waiting()) {
                result = conversation.resume(Approvals.ask(result.pending(), in, err));
            }
            printer.finish(result, answer -> JsonAnswer.withSession(answer, session, conversation.usage(),
                    conversation.cost()));
        }
        for (String line = next(in, out, prompt); line != null; line = next(in, out, prompt)) {
            String text = line.strip();
            if (text.equals(EXIT)) {
                break;
            }
            if (text.isEmpty()) {
                continue;
            }
            AnswerPrinter printer = new AnswerPrinter(screen, json, !options.quiet() && !options.verbose());
            AgentResult result;
            try {
                result = stop.run(cancellation -> conversation.stream(text, printer, cancellation));
                while (result.waiting() && terminal) {
                    printer.abort();
                    result = conversation.resume(Approvals.ask(result.pending(), in, err));
                }
            } catch (RuntimeException | Error e) {
                printer.abort();
                throw e;
            }
            if (result.waiting()) {
                printer.abort();
                return waiting(opened, err);
            }
            printer.finish(result, answer -> JsonAnswer.withSession(answer, session, conversation.usage(),
                    conversation.cost()));
            printer.reportRefusal(result);
            boolean cut = printer.warnIfTruncated(result, options.failOnTruncation());
            if (!options.quiet() && !json) {
                err.println(screen.style().dim(usage.line(result, conversation.usage(), conversation.cost())));
                err.flush();
            }
            if (cut && options.failOnTruncation()) {
                return ExitCodes.TRUNCATED;
            }
        }
        return ExitCodes.OK;
    }

    /**
     * Says what the session's waiting run waits for and how to go on (a chat asks on a terminal
     * only); exit code 5.
     */
    private int waiting(ConversationStore opened, PrintWriter err) {
        RunRecord run = opened.waitingRun(session).orElseThrow();
        if (opened instanceof InMemoryConversationStore) {
            err.println("agent4j: the answer waits for approval of " + run.pending().size() + " tool call(s), which a "
                    + "chat asks for on a terminal only:");
            run.pending().forEach(call -> err.println("  " + call.id() + ": " + call.tool() + " "
                    + Approvals.shorten(call.arguments()) + " (" + call.reason() + ")"));
            err.println("agent4j: the session is kept in memory only (--replay without --store), so the run ends "
                    + "here; give --store FILE to keep it for 'agent4j resume', or chat on a terminal");
        } else {
            Approvals.printWaiting(err, "session '" + session + "'", run.runId(), run.pending(), store);
            err.println("agent4j: after that, 'agent4j chat --session " + session + "' goes on with the session; on a "
                    + "terminal, it asks first");
        }
        err.flush();
        return ExitCodes.WAITING;
    }

    private static String next(BufferedReader in, PrintWriter out, boolean terminal) {
        if (terminal) {
            out.print(PROMPT);
            out.flush();
        }
        try {
            String line = in.readLine();
            if (line == null && terminal) {
                out.println();
                out.flush();
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read standard input: " + e.getMessage(), e);
        }
    }

    /** The encoding of standard input: {@code stdin.encoding} where the runtime says, else the default. */
    static Charset inputCharset() {
        String name = System.getProperty("stdin.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
