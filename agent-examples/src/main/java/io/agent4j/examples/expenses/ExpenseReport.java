package io.agent4j.examples.expenses;

import java.math.BigDecimal;
import java.util.List;

/**
 * An expense report: the expenses of a folder of receipts, and their total.
 *
 * @param expenses one per receipt, in the order of the receipts' dates
 * @param total the sum of the amounts
 */
public record ExpenseReport(List<Expense> expenses, BigDecimal total) {

    /** Copies the expenses. */
    public ExpenseReport {
        expenses = List.copyOf(expenses);
    }
}
