package io.agent4j;

import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.Usage;
import io.agent4j.memory.TokenCounter;
import io.agent4j.usage.Budget;
import io.agent4j.usage.PriceTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A run's budget and its conversation's, checked by the loop before and after each model call and
 * before each step's tool calls. What the conversation spent before this run is its baseline.
 */
final class Budgets {

    /** What was spent before a run: nothing for a one-off run; the earlier sends of a conversation. */
    record Spent(Usage usage, Optional<BigDecimal> cost, int toolCalls, Duration time) {
        static final Spent NOTHING = new Spent(Usage.ZERO, Optional.of(BigDecimal.ZERO), 0, Duration.ZERO);
    }

    /** A limit was reached: which, whose, and what was spent against what. */
    static final class Exceeded extends RuntimeException {
        final String limit;
        final boolean conversation;

        Exceeded(String limit, boolean conversation, String detail) {
            super(detail, null, false, false);
            this.limit = limit;
            this.conversation = conversation;
        }
    }

    private final Budget run;
    private final Budget conversation;
    private final Spent before;
    private final PriceTable prices;
    private final Function<String, TokenCounter> counters;
    private final long started = System.nanoTime();

    Budgets(Budget run, Budget conversation, Spent before, PriceTable prices) {
        this(run, conversation, before, prices, TokenCounter::forModel);
    }

    /**
     * @param counters the counter for a model name: the shared ones by default, whose remembered counts
     *     make a long conversation's prompt cost only its new messages to count
     */
    Budgets(Budget run, Budget conversation, Spent before, PriceTable prices, Function<String, TokenCounter> counters) {
        this.counters = counters;
        this.run = run;
        this.conversation = conversation;
        this.before = before;
        this.prices = prices;
    }

    boolean isUnlimited() {
        return run.isUnlimited() && conversation.isUnlimited();
    }

    /**
     * Before a model call: the tokens the request would send (counted), and their price at the
     * input rate, must fit beside what was spent; the wall time must not be over.
     */
    void beforeCall(ChatRequest request, String model, Usage usage, Supplier<Optional<BigDecimal>> cost) {
        if (isUnlimited()) {
            return;
        }
        checkTime();
        boolean counts = run.maxTokens() != null || conversation.maxTokens() != null || run.maxCost() != null
                || conversation.maxCost() != null;
        if (!counts) {
            return;
        }
        long prompt = counters.apply(model == null ? "gpt-4o" : model).estimate(request);
        Usage asked = Usage.of(prompt, 0);
        check(usage, cost, asked, model, "the next request has about " + prompt + " prompt tokens");
    }

    /** After a model call: what was spent so far must be within the limits. */
    void afterCall(Usage usage, Supplier<Optional<BigDecimal>> cost) {
        if (isUnlimited()) {
            return;
        }
        checkTime();
        check(usage, cost, Usage.ZERO, null, null);
    }

    /** Before a step's tool calls: {@code made} calls so far in this run, {@code more} asked for now. */
    void beforeTools(int made, int more) {
        if (run.maxToolCalls() != null && made + more > run.maxToolCalls()) {
            throw new Exceeded("tool calls", false, made + " tool call(s) made and " + more + " more asked for, "
                    + "the limit is " + run.maxToolCalls());
        }
        if (conversation.maxToolCalls() != null && before.toolCalls() + made + more > conversation.maxToolCalls()) {
            throw new Exceeded("tool calls", true, (before.toolCalls() + made) + " tool call(s) made and " + more
                    + " more asked for, the limit is " + conversation.maxToolCalls());
        }
        checkTime();
    }

    private void checkTime() {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (run.maxTime() != null && elapsed.compareTo(run.maxTime()) >= 0) {
            throw new Exceeded("time", false, "the run has taken " + elapsed.toMillis() + " ms, the limit is "
                    + run.maxTime().toMillis() + " ms");
        }
        if (conversation.maxTime() != null && before.time().plus(elapsed).compareTo(conversation.maxTime()) >= 0) {
            throw new Exceeded("time", true, "the conversation's sends have taken " + before.time().plus(elapsed)
                    .toMillis() + " ms, the limit is " + conversation.maxTime().toMillis() + " ms");
        }
    }

    /** @param spentSoFar what the run has cost so far, asked for only when there is a cost limit */
    private void check(Usage usage, Supplier<Optional<BigDecimal>> spentSoFar, Usage asked, String model,
            String next) {
        String coming = next == null ? "" : ", and " + next;
        if (run.maxTokens() != null || conversation.maxTokens() != null) {
            if (!usage.known()) {
                throw new Exceeded("tokens", run.maxTokens() == null, "the server did not report the tokens "
                        + "of a call, so the token limit cannot be kept");
            }
            long spent = usage.totalTokens() + asked.totalTokens();
            if (run.maxTokens() != null && spent > run.maxTokens()) {
                throw new Exceeded("tokens", false, usage.totalTokens() + " token(s) used" + coming
                        + ", the limit is " + run.maxTokens());
            }
            long all = before.usage().totalTokens() + spent;
            if (conversation.maxTokens() != null && all > conversation.maxTokens()) {
                throw new Exceeded("tokens", true, (all - asked.totalTokens()) + " token(s) used" + coming
                        + ", the limit is " + conversation.maxTokens());
            }
        }
        if (run.maxCost() != null || conversation.maxCost() != null) {
            // a request to a model not named yet (the model's own default) is priced once it answered
            Optional<BigDecimal> more = asked.totalTokens() == 0 || model == null ? Optional.of(BigDecimal.ZERO)
                    : prices.cost(model, asked);
            Optional<BigDecimal> cost = spentSoFar.get();
            if (cost.isEmpty() || more.isEmpty()) {
                throw new Exceeded("cost", run.maxCost() == null, "the price of "
                        + (model == null ? "a model that answered" : "model " + model) + " is not in the price "
                        + "table, so the cost limit cannot be kept; add it with PriceTable.with");
            }
            BigDecimal spent = cost.get().add(more.get());
            if (run.maxCost() != null && spent.compareTo(run.maxCost()) > 0) {
                throw new Exceeded("cost", false, "$" + cost.get().toPlainString() + " spent" + coming
                        + " (about $" + more.get().toPlainString() + "), the limit is $" + run.maxCost().toPlainString());
            }
            if (conversation.maxCost() != null) {
                if (before.cost().isEmpty()) {
                    throw new Exceeded("cost", true, "an earlier send's cost is not known, so the conversation's "
                            + "cost limit cannot be kept");
                }
                BigDecimal all = before.cost().get().add(spent);
                if (all.compareTo(conversation.maxCost()) > 0) {
                    throw new Exceeded("cost", true, "$" + before.cost().get().add(cost.get()).toPlainString()
                            + " spent" + coming + ", the limit is $" + conversation.maxCost().toPlainString());
                }
            }
        }
    }
}
