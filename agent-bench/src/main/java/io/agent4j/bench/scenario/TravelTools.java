package io.agent4j.bench.scenario;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;

/**
 * The two tools of the benchmark scenario for agent4j, registered through its {@code Toolbox}:
 * the methods of {@link Travel}, which the floor and the peers call too.
 */
public class TravelTools {

    @Tool(value = "Current weather for a city", inline = true)
    public Travel.Forecast weather(@Param("City name, e.g. Seoul") String city,
            @Param("Temperature unit") Travel.Unit unit) {
        return Travel.weather(city, unit);
    }

    @Tool(value = "A packing list for a trip", inline = true)
    public String packingList(@Param("The trip to pack for") Travel.Trip trip) {
        return Travel.packingList(trip);
    }
}
