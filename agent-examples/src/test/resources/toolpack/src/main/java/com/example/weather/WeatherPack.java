package com.example.weather;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.ToolPack;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The weather pack; its one setting is {@code weather.units}: metric (the default) or imperial. */
public final class WeatherPack implements ToolPack {

    @Override
    public String name() {
        return "weather";
    }

    @Override
    public String description() {
        return "Today's weather for a city (sample data)";
    }

    @Override
    public Set<String> settingNames() {
        return Set.of("units");
    }

    @Override
    public List<Object> tools(Map<String, String> settings) {
        String units = settings.getOrDefault("units", "metric");
        if (!units.equals("metric") && !units.equals("imperial")) {
            throw new ToolRegistrationException(
                    "weather.units must be metric or imperial, was '" + units + "'");
        }
        return List.of(new WeatherTools(units.equals("imperial")));
    }
}
