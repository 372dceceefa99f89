package io.agent4j.test.eval;

import io.agent4j.chat.Message;
import java.util.List;
import java.util.Objects;

/**
 * One case of an eval set: the prompt an agent is run with, the conversation before it, and the
 * checks its result must pass.
 *
 * @param id the case's name, unique in its set (a recording of the case is named after it)
 * @param prompt the user's message
 * @param conversation the user and assistant messages the prompt follows, oldest first; empty for
 *     a prompt that starts a conversation
 * @param checks what the result must pass; at least one
 */
public record EvalCase(String id, String prompt, List<Message> conversation, List<Check> checks) {

    /** Creates a case; the conversation and the checks are copied. */
    public EvalCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        conversation = List.copyOf(conversation);
        checks = List.copyOf(checks);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("The eval case '" + id + "' has no check; give it at least one.");
        }
    }

    /** A case whose prompt starts a conversation. */
    public EvalCase(String id, String prompt, List<Check> checks) {
        this(id, prompt, List.of(), checks);
    }

    /** Whether a check of the case is graded by a judge model ({@link Check.Judged}). */
    public boolean judged() {
        return checks.stream().anyMatch(Check.Judged.class::isInstance);
    }
}
