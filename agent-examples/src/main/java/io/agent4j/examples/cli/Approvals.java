package io.agent4j.examples.cli;

import io.agent4j.AgentResult;
import io.agent4j.approval.ApprovalPolicy;
import io.agent4j.approval.Decision;
import io.agent4j.approval.PendingCall;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Approval on the command line: which calls need it (the {@code files} pack's writes and the
 * {@code http} pack's requests, and every tool that declares it), what a waiting run prints, and
 * the questions {@code agent4j run --approve} asks on a terminal.
 */
final class Approvals {

    /** The command line's policy: the tools' own declarations, then writes of files and HTTP requests. */
    static final ApprovalPolicy POLICY = ApprovalPolicy.declared()
            .or(ApprovalPolicy.tools(Set.of("write_file"), "writes a file"))
            .or(ApprovalPolicy.tools(Set.of("http_get"), "sends an HTTP request"));

    /** The tools of the ready packs that need approval from the command line. */
    static final Set<String> PACK_TOOLS = Set.of("write_file", "http_get");

    private static final int SHOWN = 120;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Approvals() {
    }

    /**
     * Prints on stderr that the run waits: its run id, each pending call (id, tool, arguments, why)
     * and the command that resumes it.
     *
     * @param store the {@code --store} value, or null for the default store
     */
    static void printWaiting(PrintWriter err, AgentResult result, String store) {
        printWaiting(err, "the run", result.runId(), result.pending(), store);
    }

    /** Prints what waits ({@code what}: "the run", "session 'x'") and the commands that go on. */
    static void printWaiting(PrintWriter err, String what, String runId, List<PendingCall> waiting, String store) {
        err.println("agent4j: " + what + " waits for approval of " + waiting.size() + " tool call(s); run id "
                + runId);
        for (PendingCall call : waiting) {
            err.println("  " + call.id() + ": " + call.tool() + " " + shorten(call.arguments()) + " (" + call.reason()
                    + ")");
        }
        err.println("agent4j: approve with: " + resumeCommand(runId, waiting, store, true));
        err.println("agent4j: or reject with: " + resumeCommand(runId, waiting, store, false));
        err.flush();
    }

    /** {@code agent4j resume RUN --approve CALL ...}, or with {@code --reject CALL=REASON} for each call. */
    static String resumeCommand(String runId, List<PendingCall> waiting, String store, boolean approve) {
        StringBuilder command = new StringBuilder("agent4j resume ").append(runId);
        if (approve) {
            command.append(" --approve");
            waiting.forEach(call -> command.append(' ').append(call.id()));
        } else {
            waiting.forEach(call -> command.append(" --reject ").append(call.id()).append("='REASON'"));
        }
        if (store != null) {
            command.append(" --store ").append(store.startsWith("jdbc:") ? "'" + store.replace("'", "'\\''") + "'"
                    : store);
        }
        return command.toString();
    }

    /** The JSON object of a run that waits: {@code {"status":"waiting","runId":...,"pending":[...]}}. */
    static ObjectNode waitingJson(AgentResult result, String store) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", "waiting");
        node.put("runId", result.runId());
        ArrayNode pending = node.putArray("pending");
        for (PendingCall call : result.pending()) {
            pending.addObject().put("id", call.id()).put("tool", call.tool()).put("arguments", call.arguments())
                    .put("reason", call.reason());
        }
        node.put("resume", resumeCommand(result.runId(), result.pending(), store, true));
        return node;
    }

    /**
     * Asks about each pending call on the terminal: its tool, its arguments as indented JSON and why
     * it needs approval; {@code y} approves it, {@code n} rejects it, any other text rejects it with
     * that text as the reason. The end of the input rejects the calls not yet decided.
     */
    static List<Decision> ask(List<PendingCall> pending, BufferedReader in, PrintWriter err) {
        List<Decision> decisions = new ArrayList<>();
        for (PendingCall call : pending) {
            err.println("agent4j: the model wants to call " + call.tool() + " (" + call.reason() + "):");
            err.println(indent(pretty(call.arguments())));
            err.print("Run it? y = yes, n = no, or type why not: ");
            err.flush();
            String answer;
            try {
                answer = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the terminal: " + e.getMessage(), e);
            }
            String text = answer == null ? "" : answer.strip();
            if (answer == null) {
                err.println();
                decisions.add(Decision.reject(call.id(), "the person gave no answer"));
            } else if (text.equalsIgnoreCase("y") || text.equalsIgnoreCase("yes")) {
                decisions.add(Decision.approve(call.id()));
            } else if (text.isEmpty() || text.equalsIgnoreCase("n") || text.equalsIgnoreCase("no")) {
                decisions.add(Decision.reject(call.id(), ""));
            } else {
                decisions.add(Decision.reject(call.id(), text));
            }
        }
        err.flush();
        return decisions;
    }

    private static String pretty(String arguments) {
        try {
            JsonNode node = JSON.readTree(arguments);
            return JsonAnswer.pretty(node);
        } catch (RuntimeException e) {
            return arguments;
        }
    }

    private static String indent(String text) {
        return text.lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("    ");
    }

    /** Arguments on one line, at most {@value #SHOWN} characters. */
    static String shorten(String arguments) {
        String line = Failures.oneLine(arguments);
        return line.length() > SHOWN ? line.substring(0, SHOWN - 3) + "..." : line;
    }
}
