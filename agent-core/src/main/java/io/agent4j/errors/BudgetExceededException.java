package io.agent4j.errors;

import io.agent4j.chat.Message;
import io.agent4j.chat.Usage;
import java.math.BigDecimal;
import java.util.List;

/**
 * A run reached a limit of its budget, or of its conversation's: {@link #limit()} says which
 * ({@code cost}, {@code tokens}, {@code time} or {@code tool calls}). When the limit was seen before
 * a model call, the call was not made; before a step's tool calls, none of them ran.
 */
public class BudgetExceededException extends RunException {

    private final String limit;
    private final boolean conversation;

    /**
     * Creates the exception.
     *
     * @param limit {@code cost}, {@code tokens}, {@code time} or {@code tool calls}
     * @param conversation whether the conversation's budget was reached rather than the run's
     * @param detail what was spent and what the limit is, for the message
     * @param cost what the run cost before it stopped; null when a price was unknown
     */
    public BudgetExceededException(String limit, boolean conversation, String detail, List<Message> transcript,
            Usage usage, BigDecimal cost) {
        super("The " + (conversation ? "conversation" : "run") + " reached its " + limit + " budget: " + detail
                + ". Raise the budget, or ask for less.", transcript, usage, cost, null);
        this.limit = limit;
        this.conversation = conversation;
    }

    /** The limit reached: {@code cost}, {@code tokens}, {@code time} or {@code tool calls}. */
    public String limit() {
        return limit;
    }

    /** Whether it was the conversation's budget (all its sends together) rather than the run's. */
    public boolean conversation() {
        return conversation;
    }
}
