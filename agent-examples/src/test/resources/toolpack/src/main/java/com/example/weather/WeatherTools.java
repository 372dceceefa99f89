package com.example.weather;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import java.util.Locale;

/** The tools of the weather pack. A real pack would ask a weather service; this one has fixed data. */
public class WeatherTools {

    private final boolean imperial;

    /** Tools that answer in degrees Fahrenheit when {@code imperial}, else in degrees Celsius. */
    public WeatherTools(boolean imperial) {
        this.imperial = imperial;
    }

    /** Today's high temperature in a city. */
    @Tool("Today's high temperature in a city, in the units the pack is configured for")
    public String highTemperature(@Param("City name, e.g. Seoul") String city) {
        double celsius = 22.0;
        return imperial
                ? String.format(Locale.ROOT, "%s: %.1f F", city, celsius * 9 / 5 + 32)
                : String.format(Locale.ROOT, "%s: %.1f C", city, celsius);
    }
}
