package io.agent4j.examples.cli;

import io.agent4j.approval.PendingCall;
import io.agent4j.memory.RunRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code agent4j runs}: lists the runs that wait for approval, with their pending calls and what
 * agent each has, for {@code agent4j resume}.
 */
@Command(name = "runs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Lists the runs that wait for approval: id, when it stopped, its conversation, the pending "
                + "calls (tool and arguments) and its agent (example, packs, --tools jars); 'agent4j resume' "
                + "continues one."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed (none waiting included)", "1:the store cannot be opened"})
public final class RunsCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Spec
    private CommandSpec spec;

    @Option(names = "--store", paramLabel = "FILE|JDBC-URL",
            description = "The store to list; default: store in ~/.agent4j/config.properties, else ~/.agent4j/sessions.db, as for 'agent4j run'.")
    private String store;

    @Option(names = "--json", description = "Print one JSON object on stdout: {\"runs\":[...]}, each with runId, "
            + "updatedAt, conversationId, agent and pending (id, tool, arguments, reason).")
    private boolean json;

    /** Creates the command; picocli calls this. */
    public RunsCommand() {
    }

    /** Lists the waiting runs, newest last; returns an exit code from {@link ExitCodes}. */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<RunRecord> runs;
        String where;
        try {
            where = Stores.configured(store);
            runs = Stores.database(where).runs(RunRecord.Status.WAITING);
        } catch (RuntimeException e) {
            return Failures.report(err, e, false);
        }
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode array = root.putArray("runs");
            for (RunRecord run : runs) {
                ObjectNode node = array.addObject().put("runId", run.runId()).put("updatedAt",
                        run.updatedAt().toString()).put("conversationId", run.conversationId())
                        .put("agent", RunLabels.agent(run));
                ArrayNode pending = node.putArray("pending");
                for (PendingCall call : run.pending()) {
                    pending.addObject().put("id", call.id()).put("tool", call.tool())
                            .put("arguments", call.arguments()).put("reason", call.reason());
                }
            }
            out.println(JsonAnswer.line(root));
        } else if (runs.isEmpty()) {
            err.println("agent4j: no run waits for approval in " + Stores.describe(where, false));
        } else {
            for (RunRecord run : runs) {
                out.println(run.runId() + "  " + run.updatedAt() + "  conversation " + run.conversationId() + "  "
                        + RunLabels.agent(run));
                for (PendingCall call : run.pending()) {
                    out.println("  " + call.id() + ": " + call.tool() + " " + Approvals.shorten(call.arguments())
                            + " (" + call.reason() + ")");
                }
            }
        }
        out.flush();
        err.flush();
        return ExitCodes.OK;
    }
}
