/**
 * The typed answer of the {@code expenses} example: an {@link io.agent4j.examples.expenses.ExpenseReport}
 * of {@link io.agent4j.examples.expenses.Expense}s, each with its {@link io.agent4j.examples.expenses.Category}.
 */
package io.agent4j.examples.expenses;
