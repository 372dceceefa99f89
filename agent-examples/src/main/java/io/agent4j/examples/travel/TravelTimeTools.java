package io.agent4j.examples.travel;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import io.agent4j.tools.time.TimeTools;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The date and time tools of {@link TimeTools} ({@code time_now}, {@code date_difference},
 * {@code add_period}, {@code convert_time_zone}), inherited, plus {@code flight_arrival}, whose
 * one parameter is a {@link Trip} record: the model sends it as a JSON object, checked against
 * the record's schema and bound to the record before the method runs. Time zones come from the
 * city dataset of {@link CityTools}.
 */
public class TravelTimeTools extends TimeTools {

    /**
     * A flight, as the model describes it.
     *
     * @param from the departure city
     * @param to the arrival city
     * @param departure the local date and time of departure, at the departure city
     * @param flightTime how long the flight takes
     */
    public record Trip(
            @JsonPropertyDescription("Departure city of the dataset, e.g. Seoul") String from,
            @JsonPropertyDescription("Arrival city of the dataset, e.g. Paris") String to,
            @JsonPropertyDescription("Local date and time of departure at the departure city, "
                    + "YYYY-MM-DDTHH:MM, e.g. 2026-03-28T10:30") LocalDateTime departure,
            @JsonPropertyDescription("Flight time as an ISO-8601 duration, e.g. PT11H50M") Duration flightTime) {
    }

    /**
     * When a flight lands.
     *
     * @param departs the departure, with the offset and zone of the departure city
     * @param arrives the arrival, with the offset and zone of the arrival city
     * @param arrivalLocalTime the arrival in the local time of the arrival city
     * @param arrivalDay the day of the week of the arrival, locally
     * @param clockDifference how far the arrival city's clocks are from the departure city's at arrival
     */
    public record Arrival(String departs, String arrives, String arrivalLocalTime, String arrivalDay,
            String clockDifference) {
    }

    private final CityTools cities = new CityTools();

    /** Tools on the system clock; scanning creates them through this constructor. */
    public TravelTimeTools() {
    }

    /**
     * When a flight lands, in the local time of the arrival city.
     *
     * @throws IllegalArgumentException for a city not in the dataset, or a flight time that is not positive
     */
    @Tool(name = "flight_arrival", value = "When a flight lands, in the local time of the arrival city. "
            + "Give the cities, the local departure time and the flight time; the time zones of both cities "
            + "come from the city dataset, daylight saving included.")
    public Arrival flightArrival(@Param("The flight") Trip trip) {
        if (trip.flightTime().isNegative() || trip.flightTime().isZero()) {
            throw new IllegalArgumentException("The flight time must be positive, e.g. PT11H50M; was "
                    + trip.flightTime() + ".");
        }
        ZoneId fromZone = ZoneId.of(cities.city(trip.from()).timeZone());
        ZoneId toZone = ZoneId.of(cities.city(trip.to()).timeZone());
        ZonedDateTime departs = ZonedDateTime.of(trip.departure(), fromZone);
        ZonedDateTime arrives = departs.plus(trip.flightTime()).withZoneSameInstant(toZone);
        int seconds = arrives.getOffset().getTotalSeconds()
                - departs.plus(trip.flightTime()).getOffset().getTotalSeconds();
        return new Arrival(departs.format(DateTimeFormatter.ISO_ZONED_DATE_TIME),
                arrives.format(DateTimeFormatter.ISO_ZONED_DATE_TIME),
                arrives.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME),
                arrives.getDayOfWeek().name(), clockDifference(seconds));
    }

    private static String clockDifference(int seconds) {
        if (seconds == 0) {
            return "same time";
        }
        int minutes = Math.abs(seconds) / 60;
        String amount = minutes % 60 == 0 ? minutes / 60 + " h" : minutes / 60 + " h " + minutes % 60 + " min";
        return amount + (seconds < 0 ? " behind" : " ahead");
    }
}
