package io.agent4j.test.eval;

import java.util.Objects;

/**
 * A judge's grade of an answer against a rubric.
 *
 * @param pass whether the answer meets every point of the rubric
 * @param reason why, in a sentence
 */
public record Verdict(boolean pass, String reason) {

    /** Creates a verdict; a missing reason is empty. */
    public Verdict {
        reason = Objects.requireNonNullElse(reason, "");
    }
}
