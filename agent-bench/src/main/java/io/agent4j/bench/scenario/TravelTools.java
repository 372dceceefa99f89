package io.agent4j.bench.scenario;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import java.util.ArrayList;
import java.util.List;

/**
 * The two tools of the benchmark scenario. Both implementations call these very methods: agent4j
 * through its {@code Toolbox}, the floor directly. Deterministic and cheap, so the benchmark
 * measures the plumbing around them.
 */
public class TravelTools {

    /** A temperature unit. */
    public enum Unit { CELSIUS, FAHRENHEIT }

    /** What {@link #weather} answers. */
    public record Forecast(String city, double temperature, Unit unit, String sky, int rainChance) {
    }

    /** The record argument of {@link #packingList}. */
    public record Trip(String city, int days, boolean rain, List<String> activities) {
    }

    @Tool(value = "Current weather for a city", inline = true)
    public Forecast weather(@Param("City name, e.g. Seoul") String city, @Param("Temperature unit") Unit unit) {
        double celsius = 12.5 + (city.length() % 7);
        return new Forecast(city, unit == Unit.CELSIUS ? celsius : celsius * 9 / 5 + 32, unit, "light rain", 70);
    }

    @Tool(value = "A packing list for a trip", inline = true)
    public String packingList(@Param("The trip to pack for") Trip trip) {
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
