package io.agent4j.tools.time;

/**
 * A date or date-time moved by an amount of time.
 *
 * @param start the date or date-time given, e.g. {@code 2024-01-31}
 * @param amount the amount added, in ISO-8601, e.g. {@code P1M}
 * @param result the start plus the amount, in the same form as the start, e.g. {@code 2024-02-29}
 * @param dayOfWeek the day of the week of the result, e.g. {@code THURSDAY}
 */
public record AddedPeriod(String start, String amount, String result, String dayOfWeek) {
}
