package io.agent4j.tools.time;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the model's zones, dates and amounts, with errors that say what form was expected. */
final class TimeParsing {

    /** An ISO-8601 amount: optional sign, a period part (Y M W D) and an optional time part (H M S). */
    private static final Pattern AMOUNT = Pattern.compile("([-+]?)P([^T]*)(T.+)?", Pattern.CASE_INSENSITIVE);

    private static final Map<String, String> ZONES_BY_LOWER_CASE = new TreeMap<>();

    static {
        ZoneId.getAvailableZoneIds().forEach(id -> ZONES_BY_LOWER_CASE.put(id.toLowerCase(Locale.ROOT), id));
    }

    private TimeParsing() {
    }

    /** A time zone: an IANA name in any case, {@code UTC}, or an offset such as {@code +09:00}. */
    static ZoneId zone(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A time zone is required: give an IANA name such as "
                    + "Europe/Paris, or UTC, or an offset such as +09:00.");
        }
        String trimmed = name.trim();
        String known = ZONES_BY_LOWER_CASE.get(trimmed.toLowerCase(Locale.ROOT));
        try {
            return ZoneId.of(known != null ? known : trimmed);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Unknown time zone '" + trimmed + "'. Use an IANA name "
                    + "such as Europe/Paris, America/New_York or Asia/Seoul, or UTC, or an offset such as "
                    + "+09:00; abbreviations like PST or CET are ambiguous and not accepted.");
        }
    }

    /** A calendar date in the ISO form {@code 2024-03-15}. */
    static LocalDate date(String text, String what) {
        try {
            return LocalDate.parse(required(text, what, "2024-03-15"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(invalid(text, what, "a date in the form YYYY-MM-DD, e.g. 2024-03-15", e));
        }
    }

    /** A local date-time such as {@code 2024-03-15T09:30}; a space instead of the T is accepted. */
    static LocalDateTime localDateTime(String text, String what) {
        String value = required(text, what, "2024-03-15T09:30").replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T");
        try {
            return LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(invalid(text, what,
                    "a local date-time in the form YYYY-MM-DDTHH:MM[:SS] without offset or zone, "
                    + "e.g. 2024-03-15T09:30", e));
        }
    }

    /**
     * A date, local date-time, offset date-time or zoned date-time, told apart by their form so
     * that an error names the form the model seems to have meant.
     */
    static Temporal dateOrDateTime(String text) {
        String value = required(text, "start", "2024-01-31 or 2024-01-31T09:30");
        int t = value.indexOf('T');
        try {
            if (t < 0) {
                return LocalDate.parse(value);
            }
            if (value.endsWith("]")) {
                return ZonedDateTime.parse(value);
            }
            String time = value.substring(t);
            if (time.endsWith("Z") || time.indexOf('+') >= 0 || time.indexOf('-') >= 0) {
                return OffsetDateTime.parse(value);
            }
            return LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(invalid(text, "date or date-time", "ISO-8601: 2024-01-31, "
                    + "2024-01-31T09:30, 2024-01-31T09:30+01:00 or 2024-01-31T09:30-05:00[America/New_York]", e));
        }
    }

    /**
     * An ISO-8601 amount of time split into its calendar part and its clock part: {@code P1M2D},
     * {@code PT3H30M}, {@code P1DT12H}, {@code P2W}, {@code -P1D}.
     */
    static Amount amount(String text) {
        String value = required(text, "amount", "P1M2D").toUpperCase(Locale.ROOT);
        Matcher matcher = AMOUNT.matcher(value);
        try {
            if (!matcher.matches() || (matcher.group(2).isEmpty() && matcher.group(3) == null)) {
                throw new DateTimeParseException("not an ISO-8601 period or duration", value, 0);
            }
            String sign = matcher.group(1).equals("-") ? "-" : "";
            Period period = matcher.group(2).isEmpty() ? Period.ZERO : Period.parse(sign + "P" + matcher.group(2));
            Duration duration = matcher.group(3) == null ? Duration.ZERO : Duration.parse(sign + "P" + matcher.group(3));
            return new Amount(period, duration);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 period or duration. Write "
                    + "P, then years Y, months M, weeks W, days D, then T and hours H, minutes M, seconds S; "
                    + "e.g. P1M2D (1 month 2 days), PT3H (3 hours), P1DT12H, or -P1D to go back one day.");
        }
    }

    /** A calendar period and a clock duration, as in {@code P1DT12H}. */
    record Amount(Period period, Duration duration) {
    }

    private static String required(String text, String what, String example) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is required, e.g. " + example + ".");
        }
        return text.trim();
    }

    private static String invalid(String text, String what, String expected, DateTimeParseException e) {
        String detail = e.getMessage();
        int colon = detail == null ? -1 : detail.indexOf(": ");
        return "'" + text + "' is not a valid " + what + " (" + (colon < 0 ? "unrecognised form" : detail.substring(colon + 2))
                + "); write " + expected + ".";
    }
}
