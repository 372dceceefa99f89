package io.agent4j.bench.scenario;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;

/**
 * The scenario's tools as executor tools (not inline), for the {@code variants} command: the same
 * names, descriptions and parameters, so the requests are byte for byte those of {@link TravelTools}.
 */
public class PooledTravelTools {

    private final TravelTools tools = new TravelTools();

    @Tool("Current weather for a city")
    public TravelTools.Forecast weather(@Param("City name, e.g. Seoul") String city,
            @Param("Temperature unit") TravelTools.Unit unit) {
        return tools.weather(city, unit);
    }

    @Tool("A packing list for a trip")
    public String packingList(@Param("The trip to pack for") TravelTools.Trip trip) {
        return tools.packingList(trip);
    }
}
