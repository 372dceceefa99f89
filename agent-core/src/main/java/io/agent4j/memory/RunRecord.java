package io.agent4j.memory;

import io.agent4j.approval.Decision;
import io.agent4j.approval.PendingCall;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The state of a run, kept beside its conversation's messages and stored in the same transaction
 * as each step, so that a run that waits for approval, or whose process died, can be resumed
 * ({@code agent.resume(runId, ...)}) in this process or another.
 *
 * @param runId the run's id
 * @param conversationId the conversation whose messages are its transcript (a one-off run's own)
 * @param status where the run is
 * @param steps how many model calls it made
 * @param toolCalls how many tool calls the model asked for, for the run's budget
 * @param usage the tokens of those calls
 * @param pending the calls that wait for a decision; empty unless {@link Status#WAITING}
 * @param decisions the decisions it was resumed with, once resumed
 * @param labels what the application keeps with the run (the command line: how to make its agent again)
 * @param model the model that answered last, to price the run's usage when it is resumed; may be null
 * @param options the request options in force (the agent's, with the run's overrides of
 *     {@code agent.withOptions}); a resumed run is sent with them, over the resuming agent's own
 * @param updatedAt when it was stored last
 */
public record RunRecord(String runId, String conversationId, Status status, int steps, int toolCalls, Usage usage,
        List<PendingCall> pending, List<Decision> decisions, Map<String, String> labels, String model,
        ChatOptions options, Instant updatedAt) {

    /** Where a run is. */
    public enum Status {
        /** Running, or its process died while it ran. */
        RUNNING,
        /** Stopped before a step whose calls need a person's approval. */
        WAITING,
        /** Ended with its final answer. */
        COMPLETED,
        /** Ended with an exception. */
        FAILED
    }

    /** Copies the lists and labels. */
    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(usage, "usage");
        pending = List.copyOf(pending);
        decisions = List.copyOf(decisions);
        labels = Map.copyOf(labels);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** This record in another status, with these pending calls, stored now. */
    public RunRecord with(Status status, int steps, Usage usage, List<PendingCall> pending) {
        return new RunRecord(runId, conversationId, status, steps, toolCalls, usage, pending, decisions, labels, model,
                options, Instant.now());
    }

    /** This record resumed with {@code decisions}: running again. */
    public RunRecord resumed(List<Decision> decisions) {
        return new RunRecord(runId, conversationId, Status.RUNNING, steps, toolCalls, usage, List.of(), decisions, labels, model,
                options, Instant.now());
    }
}
