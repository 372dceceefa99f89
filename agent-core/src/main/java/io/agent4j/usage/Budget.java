package io.agent4j.usage;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The most a run (or a conversation) may spend: US dollars, tokens, wall time and tool calls; a
 * null limit is no limit. The agent checks it before each model call, with the tokens of the
 * request counted first, so that a call that would go over is not made, and after each; a run that
 * reaches a limit stops with {@link io.agent4j.errors.BudgetExceededException}.
 *
 * <pre>{@code
 * Budget budget = Budget.NONE.withMaxCost(new BigDecimal("0.05")).withMaxTime(Duration.ofMinutes(2));
 * }</pre>
 *
 * @param maxCost the most US dollars, priced by the agent's {@link PriceTable}; a model whose price is
 *     not known cannot be held to it, and a run that would need its price stops
 * @param maxTokens the most tokens, prompt and completion together
 * @param maxTime the most wall time, from the start of the run (or the first send of a conversation)
 * @param maxToolCalls the most tool calls, counted as the model asks for them
 */
public record Budget(BigDecimal maxCost, Long maxTokens, Duration maxTime, Integer maxToolCalls) {

    /** No limit at all. */
    public static final Budget NONE = new Budget(null, null, null, null);

    /** Checks every limit is positive. */
    public Budget {
        if (maxCost != null && maxCost.signum() <= 0) {
            throw new IllegalArgumentException("maxCost must be more than 0 US dollars, was " + maxCost);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
        if (maxTime != null && (maxTime.isNegative() || maxTime.isZero())) {
            throw new IllegalArgumentException("maxTime must be positive, was " + maxTime);
        }
        if (maxToolCalls != null && maxToolCalls < 0) {
            throw new IllegalArgumentException("maxToolCalls must be 0 or more, was " + maxToolCalls);
        }
    }

    /** This budget with at most {@code usd} US dollars. */
    public Budget withMaxCost(BigDecimal usd) {
        return new Budget(usd, maxTokens, maxTime, maxToolCalls);
    }

    /** This budget with at most {@code tokens} tokens, prompt and completion together. */
    public Budget withMaxTokens(long tokens) {
        return new Budget(maxCost, tokens, maxTime, maxToolCalls);
    }

    /** This budget with at most {@code time} of wall time. */
    public Budget withMaxTime(Duration time) {
        return new Budget(maxCost, maxTokens, time, maxToolCalls);
    }

    /** This budget with at most {@code calls} tool calls. */
    public Budget withMaxToolCalls(int calls) {
        return new Budget(maxCost, maxTokens, maxTime, calls);
    }

    /** Whether no limit is set. */
    public boolean isUnlimited() {
        return maxCost == null && maxTokens == null && maxTime == null && maxToolCalls == null;
    }
}
