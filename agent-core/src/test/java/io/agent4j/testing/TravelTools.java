package io.agent4j.testing;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Tools used across the tests: they run for real and remember their calls. */
public class TravelTools {

    /** Units of temperature. */
    public enum Unit { CELSIUS, FAHRENHEIT }

    /** A forecast returned as JSON. */
    public record Forecast(String city, int temperature, Unit unit, List<String> conditions) {
    }

    /** A nested record parameter. */
    public record Trip(String from, String to, List<Leg> legs) {
    }

    /** Part of a trip. */
    public record Leg(String mode, double hours) {
    }

    public final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();

    @Tool("Current weather for a city")
    public Forecast weather(@Param("City name, e.g. Seoul") String city, Unit unit) {
        calls.add("weather:" + city);
        return new Forecast(city, unit == Unit.CELSIUS ? 21 : 70, unit, List.of("sunny"));
    }

    @Tool("Local time in a city")
    public String localTime(@Param("City name") String city) {
        calls.add("localTime:" + city);
        return "14:05 in " + city;
    }

    @Tool("Adds two integers")
    public int add(int a, int b) {
        return a + b;
    }

    @Tool("Total hours of a trip")
    public double tripHours(@Param("The trip") Trip trip) {
        return trip.legs().stream().mapToDouble(Leg::hours).sum();
    }

    @Tool("Books a table; the time is optional")
    public String book(String restaurant, Optional<String> time) {
        return restaurant + " at " + time.orElse("any time");
    }

    @Tool("Fails every time")
    public String explode(String reason) {
        throw new IllegalStateException("boom: " + reason);
    }

    @Tool("Clears the cache")
    public void clearCache() {
        calls.add("clearCache");
    }

    public String notATool() {
        return "never";
    }
}
