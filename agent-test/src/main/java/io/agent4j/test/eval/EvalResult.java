package io.agent4j.test.eval;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How one case went.
 *
 * @param evalCase the case
 * @param problems what failed: a check's problem, or the exception that ended the run; empty when it passed
 * @param steps the run's model calls (0 when it failed before a result)
 * @param tokens the run's tokens in all
 * @param cost the run's cost, when known
 * @param time how long the run took
 */
public record EvalResult(EvalCase evalCase, List<String> problems, int steps, long tokens, Optional<BigDecimal> cost,
        Duration time) {

    /** Copies the problems. */
    public EvalResult {
        problems = List.copyOf(problems);
    }

    /** Whether every check passed. */
    public boolean passed() {
        return problems.isEmpty();
    }
}
