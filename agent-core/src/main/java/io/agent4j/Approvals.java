package io.agent4j;

import io.agent4j.approval.Decision;
import io.agent4j.approval.PendingCall;
import io.agent4j.errors.ResumeRefusedException;
import io.agent4j.memory.RunRecord;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks that make a resume fail closed: a run in the right state, and decisions answering exactly its pending calls. */
final class Approvals {

    private Approvals() {
    }

    /**
     * The statuses in which the run may be taken over with these decisions.
     *
     * @throws ResumeRefusedException saying what is wrong
     */
    static Set<RunRecord.Status> check(RunRecord run, List<Decision> decisions) {
        String id = run.runId();
        if (decisions.isEmpty()) {
            switch (run.status()) {
                case WAITING -> throw new ResumeRefusedException(id, "it waits for a decision on " + describe(run.pending())
                        + "; resume it with one Decision for each");
                case COMPLETED -> throw new ResumeRefusedException(id, "it completed");
                default -> {
                    return Set.of(RunRecord.Status.RUNNING, RunRecord.Status.FAILED);
                }
            }
        }
        if (run.status() == RunRecord.Status.RUNNING && !run.decisions().isEmpty()) {
            // resumed with decisions already: the claim finds its turn held while that resume runs
            // (ConcurrentConversationException), and refuses it as not waiting once it is not
            return Set.of(RunRecord.Status.WAITING);
        }
        if (run.status() != RunRecord.Status.WAITING) {
            throw new ResumeRefusedException(id, "it is " + run.status().name().toLowerCase() + ", not waiting for "
                    + "decisions" + (run.decisions().isEmpty() ? "" : " (it was resumed with decisions already)"));
        }
        Map<String, PendingCall> pending = new LinkedHashMap<>();
        run.pending().forEach(call -> pending.put(call.id(), call));
        Set<String> seen = new HashSet<>();
        for (Decision decision : decisions) {
            if (!pending.containsKey(decision.callId())) {
                throw new ResumeRefusedException(id, "it did not ask about call '" + decision.callId() + "'; it waits "
                        + "for " + describe(run.pending()));
            }
            if (!seen.add(decision.callId())) {
                throw new ResumeRefusedException(id, "it was given two decisions for call '" + decision.callId()
                        + "'; give one");
            }
        }
        List<PendingCall> undecided = run.pending().stream().filter(call -> !seen.contains(call.id())).toList();
        if (!undecided.isEmpty()) {
            throw new ResumeRefusedException(id, "no decision was given for " + describe(undecided));
        }
        return Set.of(RunRecord.Status.WAITING);
    }

    private static String describe(List<PendingCall> calls) {
        StringBuilder text = new StringBuilder();
        for (PendingCall call : calls) {
            text.append(text.length() == 0 ? "" : ", ").append("call '").append(call.id()).append("' (")
                    .append(call.tool()).append(")");
        }
        return text.toString();
    }
}
