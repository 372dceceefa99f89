package io.agent4j.bench.scenario;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;

/**
 * The scenario's tools as executor tools (not inline), for the {@code variants} command: the same
 * names, descriptions and parameters, so the requests are byte for byte those of {@link TravelTools}.
 */
public class PooledTravelTools {

    @Tool("Current weather for a city")
    public Travel.Forecast weather(@Param("City name, e.g. Seoul") String city,
            @Param("Temperature unit") Travel.Unit unit) {
        return Travel.weather(city, unit);
    }

    @Tool("A packing list for a trip")
    public String packingList(@Param("The trip to pack for") Travel.Trip trip) {
        return Travel.packingList(trip);
    }
}
