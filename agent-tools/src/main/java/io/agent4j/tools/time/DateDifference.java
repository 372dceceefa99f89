package io.agent4j.tools.time;

/**
 * The time between two dates; every count is negative when the end is before the start.
 *
 * @param start the first date, e.g. {@code 2024-01-31}
 * @param end the second date, e.g. {@code 2025-03-15}
 * @param days the number of days from start to end
 * @param months the number of whole months from start to end
 * @param years the number of whole years from start to end
 * @param period the difference as years, months and days in ISO-8601, e.g. {@code P1Y1M15D}
 */
public record DateDifference(String start, String end, long days, long months, long years, String period) {
}
