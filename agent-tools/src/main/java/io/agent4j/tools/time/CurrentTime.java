package io.agent4j.tools.time;

/**
 * The current moment in one time zone.
 *
 * @param zone the zone, e.g. {@code Europe/Paris}
 * @param dateTime the date, time and UTC offset, e.g. {@code 2024-03-15T09:30:00+01:00}
 * @param date the date, e.g. {@code 2024-03-15}
 * @param time the time of day, e.g. {@code 09:30:00}
 * @param dayOfWeek the day of the week, e.g. {@code FRIDAY}
 * @param utcOffset the zone's offset from UTC at this moment, e.g. {@code +01:00} or {@code Z}
 */
public record CurrentTime(String zone, String dateTime, String date, String time, String dayOfWeek,
        String utcOffset) {
}
