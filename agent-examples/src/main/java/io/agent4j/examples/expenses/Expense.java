package io.agent4j.examples.expenses;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One expense, as a receipt shows it.
 *
 * @param date the day of the expense, as an ISO date ({@code 2025-03-04})
 * @param merchant who was paid, as the receipt names them
 * @param category what the expense was for
 * @param amount the total paid, as printed on the receipt
 * @param currency the ISO 4217 code of the amount, e.g. {@code EUR}
 */
public record Expense(LocalDate date, String merchant, Category category, BigDecimal amount, String currency) {
}
