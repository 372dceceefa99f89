package io.agent4j.bench.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * The scenario's two tools as plain Java. Every implementation runs these very methods: agent4j's
 * {@code TravelTools} and each peer's tool class delegate to them, the floor calls them directly.
 * Deterministic and cheap, so the benchmark measures the plumbing around them.
 */
public final class Travel {

    /** A temperature unit. */
    public enum Unit { CELSIUS, FAHRENHEIT }

    /** What {@link #weather} answers. */
    public record Forecast(String city, double temperature, Unit unit, String sky, int rainChance) {
    }

    /** The record argument of {@link #packingList}. */
    public record Trip(String city, int days, boolean rain, List<String> activities) {
    }

    private Travel() {
    }

    /** The weather tool: a forecast that depends only on its arguments. */
    public static Forecast weather(String city, Unit unit) {
        double celsius = 12.5 + (city.length() % 7);
        return new Forecast(city, unit == Unit.CELSIUS ? celsius : celsius * 9 / 5 + 32, unit, "light rain", 70);
    }

    /** The packing-list tool: clothes for the days, an umbrella for rain, shoes for each activity. */
    public static String packingList(Trip trip) {
        List<String> items = new ArrayList<>();
        items.add(trip.days() + " sets of clothes");
        if (trip.rain()) {
            items.add("umbrella");
        }
        for (String activity : trip.activities()) {
            items.add(activity.equals("hiking") ? "boots" : "comfortable shoes");
        }
        return String.join(", ", items);
    }
}
