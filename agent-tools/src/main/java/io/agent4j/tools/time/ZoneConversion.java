package io.agent4j.tools.time;

/**
 * One moment as the clocks of two time zones show it.
 *
 * @param from the moment in the source zone, e.g. {@code 2024-06-01T09:00:00+09:00[Asia/Seoul]}
 * @param to the same moment in the target zone, e.g. {@code 2024-06-01T02:00:00+02:00[Europe/Paris]}
 * @param localDateTime the target zone's local date and time, e.g. {@code 2024-06-01T02:00:00}
 * @param dayOfWeek the day of the week in the target zone, e.g. {@code SATURDAY}
 * @param note null, or how a local time that a daylight-saving change skips or repeats was read
 */
public record ZoneConversion(String from, String to, String localDateTime, String dayOfWeek, String note) {
}
