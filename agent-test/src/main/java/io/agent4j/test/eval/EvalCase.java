package io.agent4j.test.eval;

import java.util.List;
import java.util.Objects;

/**
 * One case of an eval set: the prompt an agent is run with and the checks its result must pass.
 *
 * @param id the case's name, unique in its set (a cassette of the case is named after it)
 * @param prompt the user's message
 * @param checks what the result must pass; at least one
 */
public record EvalCase(String id, String prompt, List<Check> checks) {

    /** Creates a case; the checks are copied. */
    public EvalCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        checks = List.copyOf(checks);
    }
}
