package io.agent4j.test.eval;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How one case went: what failed, and what the run took (model calls, tokens, cost, time). */
public final class EvalResult {

    private final EvalCase evalCase;
    private final List<String> problems;
    private final int steps;
    private final long tokens;
    private final BigDecimal cost;
    private final Duration time;

    /**
     * Creates the result; the problems are copied.
     *
     * @param evalCase the case
     * @param problems what failed: a check's problem, or the exception that ended the run; empty when it passed
     * @param steps the run's model calls (0 when it failed before a result)
     * @param tokens the run's tokens in all
     * @param cost the run's cost; null when not known
     * @param time how long the run took
     */
    public EvalResult(EvalCase evalCase, List<String> problems, int steps, long tokens, BigDecimal cost,
            Duration time) {
        this.evalCase = evalCase;
        this.problems = List.copyOf(problems);
        this.steps = steps;
        this.tokens = tokens;
        this.cost = cost;
        this.time = time;
    }

    /** The case. */
    public EvalCase evalCase() {
        return evalCase;
    }

    /** What failed: a check's problem, or the exception that ended the run; empty when it passed. */
    public List<String> problems() {
        return problems;
    }

    /** The run's model calls (0 when it failed before a result). */
    public int steps() {
        return steps;
    }

    /** The run's tokens in all. */
    public long tokens() {
        return tokens;
    }

    /** The run's cost, when known. */
    public Optional<BigDecimal> cost() {
        return Optional.ofNullable(cost);
    }

    /** How long the run took. */
    public Duration time() {
        return time;
    }

    /** Whether every check passed. */
    public boolean passed() {
        return problems.isEmpty();
    }

    /** Whether {@code other} is a result of the same case with the same outcome and measures. */
    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof EvalResult result && Objects.equals(evalCase, result.evalCase)
                && problems.equals(result.problems) && steps == result.steps && tokens == result.tokens
                && Objects.equals(cost, result.cost) && Objects.equals(time, result.time);
    }

    @Override
    public int hashCode() {
        return Objects.hash(evalCase, problems, steps, tokens, cost, time);
    }

    /** The parts by name, as a record shows its components. */
    @Override
    public String toString() {
        return "EvalResult[evalCase=" + evalCase + ", problems=" + problems + ", steps=" + steps + ", tokens=" + tokens
                + ", cost=" + cost() + ", time=" + time + "]";
    }
}
