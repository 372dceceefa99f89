package io.agent4j.tools.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.tool.ToolPack;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.Toolbox;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The time tools on a fixed clock, called through a Toolbox as the model would call them. */
class TimeToolsTest {

    /** Friday 2024-03-15 08:30:45.123 UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-15T08:30:45.123Z"), ZoneOffset.UTC);

    private final Toolbox tools = Toolbox.of(new TimeTools(CLOCK));

    private String call(String name, String arguments) {
        ToolResult result = tools.call(name, arguments);
        assertThat(result.failed()).as(result.content()).isFalse();
        return result.content();
    }

    private String failure(String name, String arguments) {
        ToolResult result = tools.call(name, arguments);
        assertThat(result.failed()).as(result.content()).isTrue();
        return result.content();
    }

    @Test
    void nowInAZone() {
        assertThat(call("time_now", "{\"zone\": \"Asia/Seoul\"}")).isEqualTo("{\"zone\":\"Asia/Seoul\","
                + "\"dateTime\":\"2024-03-15T17:30:45+09:00\",\"date\":\"2024-03-15\",\"time\":\"17:30:45\","
                + "\"dayOfWeek\":\"FRIDAY\",\"utcOffset\":\"+09:00\"}");
    }

    @Test
    void zonesAreReadInAnyCaseAndAsOffsets() {
        TimeTools time = new TimeTools(CLOCK);
        assertThat(time.now("america/new_york").dateTime()).isEqualTo("2024-03-15T04:30:45-04:00");
        assertThat(time.now("america/new_york").zone()).isEqualTo("America/New_York");
        assertThat(time.now("UTC").dateTime()).isEqualTo("2024-03-15T08:30:45Z");
        assertThat(time.now("+05:30").time()).isEqualTo("14:00:45");
    }

    @Test
    void unknownZoneSaysWhatToWrite() {
        assertThat(failure("time_now", "{\"zone\": \"PST\"}")).isEqualTo("Error: tool 'time_now' failed: "
                + "IllegalArgumentException: Unknown time zone 'PST'. Use an IANA name such as Europe/Paris, "
                + "America/New_York or Asia/Seoul, or UTC, or an offset such as +09:00; abbreviations like "
                + "PST or CET are ambiguous and not accepted.");
        assertThat(failure("time_now", "{\"zone\": \"Mars/Olympus\"}")).contains("Unknown time zone 'Mars/Olympus'");
    }

    @Test
    void theSystemClockIsTheDefault() {
        CurrentTime now = new TimeTools().now("UTC");
        Instant read = Instant.parse(now.dateTime());
        assertThat(read).isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(1));
    }

    @ParameterizedTest(name = "{0} to {1}: {2} days, {3} months, {4} years, {5}")
    @CsvSource({
        "2024-01-31, 2025-03-15, 409, 13, 1, P1Y1M15D",
        "2024-03-01, 2024-03-02, 1, 0, 0, P1D",
        "2024-02-01, 2024-03-01, 29, 1, 0, P1M",
        "2023-02-01, 2023-03-01, 28, 1, 0, P1M",
        "2024-03-15, 2024-03-15, 0, 0, 0, P0D",
        "2025-03-15, 2024-01-31, -409, -13, -1, P-1Y-1M-15D",
    })
    void dateDifferences(String start, String end, long days, long months, long years, String period) {
        DateDifference difference = new TimeTools(CLOCK).dateDifference(start, end);
        assertThat(difference).isEqualTo(new DateDifference(start, end, days, months, years, period));
    }

    @Test
    void dateDifferenceAsTheModelSeesIt() {
        assertThat(call("date_difference", "{\"start\": \"2024-01-31\", \"end\": \"2025-03-15\"}"))
                .isEqualTo("{\"start\":\"2024-01-31\",\"end\":\"2025-03-15\",\"days\":409,\"months\":13,"
                        + "\"years\":1,\"period\":\"P1Y1M15D\"}");
    }

    @Test
    void badDatesSayWhatIsWrong() {
        assertThat(failure("date_difference", "{\"start\": \"2024-13-01\", \"end\": \"2024-01-01\"}"))
                .endsWith("IllegalArgumentException: '2024-13-01' is not a valid start date (Invalid value "
                        + "for MonthOfYear (valid values 1 - 12): 13); write a date in the form YYYY-MM-DD, "
                        + "e.g. 2024-03-15.");
        assertThat(failure("date_difference", "{\"start\": \"2024-01-01\", \"end\": \"15/03/2024\"}"))
                .endsWith("'15/03/2024' is not a valid end date (unrecognised form); write a date in the form "
                        + "YYYY-MM-DD, e.g. 2024-03-15.");
        assertThat(failure("date_difference", "{\"start\": \"2023-02-29\", \"end\": \"2024-01-01\"}"))
                .contains("Invalid date 'February 29' as '2023' is not a leap year");
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
        "2024-01-31, P1M, 2024-02-29, THURSDAY",
        "2024-01-31, P1M2D, 2024-03-02, SATURDAY",
        "2024-03-15, P2W, 2024-03-29, FRIDAY",
        "2024-03-15, -P1Y, 2023-03-15, WEDNESDAY",
        "2024-03-15, p10d, 2024-03-25, MONDAY",
        "2024-03-15T22:00, PT3H, 2024-03-16T01:00:00, SATURDAY",
        "2024-03-15T09:30, P1DT12H30M, 2024-03-16T22:00:00, SATURDAY",
        "2024-03-15T09:30:00+01:00, PT90M, 2024-03-15T11:00:00+01:00, FRIDAY",
        "2024-03-09T09:30-05:00[America/New_York], P1D, 2024-03-10T09:30:00-04:00[America/New_York], SUNDAY",
        "2024-03-09T09:30-05:00[America/New_York], PT24H, 2024-03-10T10:30:00-04:00[America/New_York], SUNDAY",
    })
    void addsPeriodsAndDurations(String start, String amount, String result, String dayOfWeek) {
        assertThat(new TimeTools(CLOCK).addPeriod(start, amount))
                .isEqualTo(new AddedPeriod(start, amount, result, dayOfWeek));
    }

    @Test
    void addPeriodErrors() {
        assertThat(failure("add_period", "{\"start\": \"2024-03-15\", \"amount\": \"PT3H\"}")).endsWith(
                "Cannot add the time part of 'PT3H' to the date '2024-03-15', which has no time of day: add "
                + "whole days (e.g. P1D) or give a date-time such as 2024-03-15T00:00.");
        assertThat(failure("add_period", "{\"start\": \"2024-03-15\", \"amount\": \"3 days\"}")).endsWith(
                "'3 days' is not an ISO-8601 period or duration. Write P, then years Y, months M, weeks W, "
                + "days D, then T and hours H, minutes M, seconds S; e.g. P1M2D (1 month 2 days), PT3H "
                + "(3 hours), P1DT12H, or -P1D to go back one day.");
        assertThat(failure("add_period", "{\"start\": \"2024-03-15\", \"amount\": \"P\"}"))
                .contains("'P' is not an ISO-8601 period or duration");
        assertThat(failure("add_period", "{\"start\": \"2024-03-15T25:00\", \"amount\": \"P1D\"}"))
                .contains("'2024-03-15T25:00' is not a valid date or date-time (Invalid value for HourOfDay");
        assertThat(failure("add_period", "{\"start\": \"next friday\", \"amount\": \"P1D\"}"))
                .contains("'next friday' is not a valid date or date-time");
    }

    @Test
    void convertsBetweenZones() {
        assertThat(call("convert_time_zone", "{\"dateTime\": \"2024-06-01T09:00\", \"fromZone\": \"Asia/Seoul\", "
                + "\"toZone\": \"Europe/Paris\"}")).isEqualTo("{\"from\":\"2024-06-01T09:00:00+09:00[Asia/Seoul]\","
                + "\"to\":\"2024-06-01T02:00:00+02:00[Europe/Paris]\",\"localDateTime\":\"2024-06-01T02:00:00\","
                + "\"dayOfWeek\":\"SATURDAY\",\"note\":null}");
        ZoneConversion toUtc = new TimeTools(CLOCK).convertTimeZone("2024-01-01 00:30", "America/Los_Angeles", "UTC");
        assertThat(toUtc.to()).isEqualTo("2024-01-01T08:30:00Z");
        assertThat(toUtc.note()).isNull();
    }

    @Test
    void explainsDaylightSavingGapsAndOverlaps() {
        TimeTools time = new TimeTools(CLOCK);
        ZoneConversion gap = time.convertTimeZone("2024-03-10T02:30", "America/New_York", "UTC");
        assertThat(gap.from()).isEqualTo("2024-03-10T03:30:00-04:00[America/New_York]");
        assertThat(gap.note()).isEqualTo("2024-03-10T02:30:00 does not exist in America/New_York: the clocks "
                + "jump from -05:00 to -04:00 then, so it was read as 2024-03-10T03:30:00-04:00[America/New_York].");
        ZoneConversion overlap = time.convertTimeZone("2024-11-03T01:30", "America/New_York", "UTC");
        assertThat(overlap.to()).isEqualTo("2024-11-03T05:30:00Z");
        assertThat(overlap.note()).isEqualTo("2024-11-03T01:30:00 happens twice in America/New_York (offsets "
                + "-04:00 and -05:00); the earlier one, at offset -04:00, was used.");
    }

    @Test
    void convertErrors() {
        assertThat(failure("convert_time_zone", "{\"dateTime\": \"2024-06-01T09:00+09:00\", \"fromZone\": "
                + "\"Asia/Seoul\", \"toZone\": \"UTC\"}")).contains("'2024-06-01T09:00+09:00' is not a valid "
                + "date-time").contains("without offset or zone");
        assertThat(failure("convert_time_zone", "{\"dateTime\": \"2024-06-01T09:00\", \"fromZone\": "
                + "\"Asia/Seoul\", \"toZone\": \"Paris\"}")).contains("Unknown time zone 'Paris'");
    }

    @Test
    void thePackOffersTheToolsOnTheSystemClock() {
        Toolbox pack = Toolbox.ofPacks(ToolPack.discover(getClass().getClassLoader()).stream()
                .filter(p -> p.name().equals("time")).toList(), Map.of());
        assertThat(pack.names()).containsExactly("add_period", "convert_time_zone", "date_difference", "time_now");
        assertThat(pack.call("add_period", "{\"start\": \"2024-01-31\", \"amount\": \"P1M\"}").content())
                .isEqualTo("{\"start\":\"2024-01-31\",\"amount\":\"P1M\",\"result\":\"2024-02-29\","
                        + "\"dayOfWeek\":\"THURSDAY\"}");
        assertThat(pack.call("time_now", "{\"zone\": \"UTC\"}").content()).contains("\"zone\":\"UTC\"");
    }
}
