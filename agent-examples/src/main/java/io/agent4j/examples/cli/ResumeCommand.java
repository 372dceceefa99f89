package io.agent4j.examples.cli;

import io.agent4j.approval.Decision;
import io.agent4j.memory.JdbcConversationStore;
import io.agent4j.memory.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code agent4j resume RUN --approve CALL... --reject CALL[=REASON]...}: continues a run of
 * {@code agent4j run} that waits for approval, or ({@code resume RUN} alone) one whose process
 * died, with the same agent: the example, packs, tool jars, settings and model the run stored,
 * parsed again as the arguments of {@code run}. The key comes from the environment or
 * {@code --api-key}, as for {@code run}; it is never stored.
 */
@Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Continues a run of 'agent4j run' that waits for approval (see 'agent4j runs'), with the same "
                + "agent: its example, packs, --tools jars, settings and model, as the run stored them.",
            "Every pending call needs one decision: --approve runs it, --reject does not and tells the model why.",
            "Without decisions, continues a run whose process died from its last stored step."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run answered", "1:failure, as for 'agent4j run'",
            "2:usage error: no such run, a decision for a call the run did not ask about, a duplicate or a missing one",
            "3:no API key, or the key was rejected",
            "5:the run waits again: another step needs approval",
            "9:a budget stopped the run",
            "11:the run is being resumed elsewhere at the same time",
            "130:Ctrl-C (SIGINT) stopped it; what it stored stays stored", "143:SIGTERM, as Ctrl-C"},
        footerHeading = "%nExamples:%n",
        footer = {"  agent4j runs",
            "  agent4j resume 6f1c... --approve call_1",
            "  agent4j resume 6f1c... --reject call_1='not that file'",
            "  agent4j resume 6f1c..."})
public final class ResumeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Main main;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id that 'agent4j run' printed.")
    private String runId;

    @Option(names = "--approve", paramLabel = "CALL", arity = "1..*",
            description = "Approve these pending calls (their ids, such as call_1): they run.")
    private List<String> approved = new ArrayList<>();

    @Option(names = "--reject", paramLabel = "CALL[=REASON]",
            description = "Reject this pending call; the model is told it was rejected, and the REASON. Repeatable.")
    private List<String> rejected = new ArrayList<>();

    @Option(names = "--store", paramLabel = "FILE|JDBC-URL",
            description = "The store the run is in; default: store in ~/.agent4j/config.properties, else ~/.agent4j/sessions.db, as for 'agent4j run'.")
    private String store;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "The API key; default $OPENAI_API_KEY, else api-key in ~/.agent4j/config.properties. "
                    + "Never stored with the run.")
    private String apiKey;

    @Option(names = "--json", description = "Print one JSON object on stdout, as 'agent4j run --json'.")
    private boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Do not print the tokens and cost on stderr.")
    private boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print each step and tool call in full on stderr.")
    private boolean verbose;

    /** Creates the command; picocli calls this. */
    public ResumeCommand() {
    }

    /** Resumes the run; returns an exit code from {@link ExitCodes}. */
    @Override
    public Integer call() {
        List<Decision> decisions = decisions();
        Optional<RunRecord> found;
        String configured;
        int replayed;
        try {
            configured = Stores.configured(store);
            JdbcConversationStore database = Stores.database(configured);
            found = database.run(runId);
            // a replay goes on after the model calls of the run's conversation: a chat's earlier turns too
            replayed = found.map(run -> RunLabels.replayed(run, run.labels().containsKey(RunLabels.SESSION)
                    ? database.load(run.conversationId()) : List.of())).orElse(0);
        } catch (RuntimeException e) {
            return Failures.report(spec.commandLine().getErr(), e, verbose);
        }
        String where = Stores.describe(configured, false);
        RunRecord run = found.orElseThrow(() -> ToolOptions.usage(spec, "no run '" + runId + "' in " + where
                + "; 'agent4j runs" + (store == null ? "" : " --store ...") + "' lists the waiting runs"));
        List<String> args = RunLabels.args(run);
        if (args == null) {
            throw ToolOptions.usage(spec, "run '" + runId + "' was not started by 'agent4j run', so the command line "
                    + "cannot make its agent again; resume it from the application that started it");
        }
        List<String> all = new ArrayList<>(args);
        if (apiKey != null) {
            all.addAll(List.of("--api-key", apiKey));
        }
        if (store != null) {
            all.addAll(List.of("--store", store));
        }
        if (json) {
            all.add("--json");
        }
        if (quiet) {
            all.add("--quiet");
        }
        if (verbose) {
            all.add("--verbose");
        }
        CommandLine run2 = spec.parent().subcommands().get("run");
        run2.setOut(spec.commandLine().getOut());
        run2.setErr(spec.commandLine().getErr());
        run2.parseArgs(all.toArray(String[]::new));
        return ((RunCommand) run2.getCommand()).resume(new RunCommand.Resume(runId, decisions, replayed));
    }

    /** The decisions of {@code --approve} and {@code --reject}, in that order; the core checks them against the run. */
    private List<Decision> decisions() {
        List<Decision> decisions = new ArrayList<>();
        approved.forEach(call -> decisions.add(Decision.approve(call)));
        for (String reject : rejected) {
            int equals = reject.indexOf('=');
            String call = equals < 0 ? reject : reject.substring(0, equals);
            if (call.isBlank()) {
                throw ToolOptions.usage(spec, "--reject " + reject + ": give the call's id, as in --reject call_1 or "
                        + "--reject call_1='not that file'");
            }
            decisions.add(Decision.reject(call, equals < 0 ? "" : reject.substring(equals + 1)));
        }
        return decisions;
    }
}
