package io.agent4j.tools.time;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.zone.ZoneOffsetTransition;
import java.util.Objects;

/**
 * Dates, times and time zones as tools: the current time in a zone, the difference between two
 * dates, a date or date-time moved by an ISO-8601 amount, and a local time converted between zones.
 * Time zone rules are the JDK's (IANA tz database).
 *
 * <pre>{@code
 * TimeTools tools = new TimeTools(Clock.fixed(Instant.parse("2024-03-15T08:30:00Z"), ZoneOffset.UTC));
 * tools.now("Asia/Seoul").dateTime();                   // 2024-03-15T17:30:00+09:00
 * tools.addPeriod("2024-01-31", "P1M").result();        // 2024-02-29
 * }</pre>
 */
public class TimeTools {

    private final Clock clock;

    /** Tools reading the system clock. */
    public TimeTools() {
        this(Clock.systemUTC());
    }

    /** Tools reading {@code clock}, e.g. a fixed clock in tests. */
    public TimeTools(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The current date and time in a zone.
     *
     * @throws IllegalArgumentException for an unknown zone
     */
    @Tool(name = "time_now", value = "The current date, time, day of the week and UTC offset in a time zone. "
            + "Use it whenever the answer depends on today's date or the current time; never guess them.", inline = true)
    public CurrentTime now(@Param("IANA time zone name such as Europe/Paris, America/New_York or Asia/Seoul; "
            + "or UTC; or an offset such as +09:00") String zone) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(TimeParsing.zone(zone))).truncatedTo(ChronoUnit.SECONDS);
        return new CurrentTime(now.getZone().getId(), now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                now.toLocalDate().toString(), now.toLocalTime().format(DateTimeFormatter.ISO_LOCAL_TIME),
                now.getDayOfWeek().name(), now.getOffset().getId());
    }

    /**
     * The days, whole months and whole years from one date to another.
     *
     * @throws IllegalArgumentException when a date is not of the form YYYY-MM-DD or does not exist
     */
    @Tool(name = "date_difference", value = "Counts the time from a start date to an end date: the number of "
            + "days, of whole months and of whole years, and the difference as years, months and days "
            + "(ISO-8601, e.g. P1Y1M15D). Counts are negative when the end is before the start. The end "
            + "date itself is not counted: from 2024-03-01 to 2024-03-02 is 1 day.", inline = true)
    public DateDifference dateDifference(@Param("Start date, YYYY-MM-DD, e.g. 2024-01-31") String start,
            @Param("End date, YYYY-MM-DD, e.g. 2025-03-15") String end) {
        LocalDate from = TimeParsing.date(start, "start date");
        LocalDate to = TimeParsing.date(end, "end date");
        return new DateDifference(from.toString(), to.toString(), ChronoUnit.DAYS.between(from, to),
                ChronoUnit.MONTHS.between(from, to), ChronoUnit.YEARS.between(from, to),
                Period.between(from, to).toString());
    }

    /**
     * Moves a date or date-time by an ISO-8601 amount, keeping the form of the input.
     *
     * @throws IllegalArgumentException for an unreadable start or amount, or hours added to a bare date
     */
    @Tool(name = "add_period", value = "Adds an amount of time to a date or date-time (subtract with a "
            + "leading minus, e.g. -P1D) and returns the result in the same form, with its day of the week. "
            + "Months are calendar months: 2024-01-31 plus P1M is 2024-02-29. On a date-time with a zone, "
            + "days keep the local time across daylight-saving changes while PT24H adds exactly 24 hours.", inline = true)
    public AddedPeriod addPeriod(@Param("A date (2024-01-31), a local date-time (2024-01-31T09:30), a "
                    + "date-time with offset (2024-01-31T09:30+01:00) or with zone "
                    + "(2024-03-09T09:30-05:00[America/New_York])") String start,
            @Param("ISO-8601 period or duration: P1M2D (1 month 2 days), P2W (2 weeks), PT3H (3 hours), "
                    + "PT90M, P1DT12H, -P1Y (one year back)") String amount) {
        TimeParsing.Amount parsed = TimeParsing.amount(amount);
        Temporal from = TimeParsing.dateOrDateTime(start);
        if (from instanceof LocalDate date) {
            if (!parsed.duration().isZero()) {
                throw new IllegalArgumentException("Cannot add the time part of '" + amount + "' to the date '"
                        + start + "', which has no time of day: add whole days (e.g. P1D) or give a "
                        + "date-time such as " + date + "T00:00.");
            }
            LocalDate result = date.plus(parsed.period());
            return new AddedPeriod(start.trim(), amount.trim(), result.toString(), result.getDayOfWeek().name());
        }
        Temporal result = from.plus(parsed.period()).plus(parsed.duration());
        return new AddedPeriod(start.trim(), amount.trim(), format(result), DayOfWeek.from(result).name());
    }

    /**
     * Converts a local date-time from one zone to another, explaining skipped or repeated local times.
     *
     * @throws IllegalArgumentException for an unknown zone or an unreadable date-time
     */
    @Tool(name = "convert_time_zone", value = "Converts a local date and time in one time zone to the "
            + "date and time at the same moment in another zone, e.g. 09:00 in Asia/Seoul to Europe/Paris. "
            + "Returns both as ISO-8601 date-times with offset and zone, the target's local date-time and "
            + "day of the week, and a note when the local time falls in a daylight-saving gap or overlap.", inline = true)
    public ZoneConversion convertTimeZone(@Param("Local date-time without offset, YYYY-MM-DDTHH:MM[:SS], "
                    + "e.g. 2024-06-01T09:00") String dateTime,
            @Param("Zone of that local time, IANA name such as Asia/Seoul, or UTC, or +09:00") String fromZone,
            @Param("Zone to convert to, IANA name such as Europe/Paris, or UTC, or -05:00") String toZone) {
        LocalDateTime local = TimeParsing.localDateTime(dateTime, "date-time");
        ZoneId source = TimeParsing.zone(fromZone);
        ZoneId target = TimeParsing.zone(toZone);
        ZonedDateTime from = ZonedDateTime.ofLocal(local, source, null);
        ZonedDateTime to = from.withZoneSameInstant(target);
        return new ZoneConversion(format(from), format(to),
                to.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME), to.getDayOfWeek().name(),
                note(local, source, from));
    }

    private static String note(LocalDateTime local, ZoneId zone, ZonedDateTime resolved) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition == null) {
            return null;
        }
        String time = local.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        if (transition.isGap()) {
            return time + " does not exist in " + zone.getId() + ": the clocks jump from "
                    + transition.getOffsetBefore() + " to " + transition.getOffsetAfter()
                    + " then, so it was read as " + format(resolved) + ".";
        }
        return time + " happens twice in " + zone.getId() + " (offsets " + transition.getOffsetBefore()
                + " and " + transition.getOffsetAfter() + "); the earlier one, at offset "
                + resolved.getOffset() + ", was used.";
    }

    private static String format(Temporal value) {
        if (value instanceof ZonedDateTime zoned) {
            return zoned.format(zoned.getZone().getRules().isFixedOffset()
                    ? DateTimeFormatter.ISO_OFFSET_DATE_TIME : DateTimeFormatter.ISO_ZONED_DATE_TIME);
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        return ((LocalDateTime) value).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }
}
