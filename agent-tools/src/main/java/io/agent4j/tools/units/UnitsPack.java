package io.agent4j.tools.units;

import io.agent4j.tool.ToolPack;
import io.agent4j.tools.internal.Settings;
import java.util.List;
import java.util.Map;

/** The {@code units} tool pack: the {@link UnitConverter}. It has no settings. */
public final class UnitsPack implements ToolPack {

    /** Creates the pack; {@link ToolPack#discover} calls this. */
    public UnitsPack() {
    }

    @Override
    public String name() {
        return "units";
    }

    @Override
    public String description() {
        return "Unit conversion of length, mass, temperature and volume with exact factors";
    }

    @Override
    public List<Object> tools(Map<String, String> settings) {
        Settings.of(this, settings);
        return List.of(new UnitConverter());
    }
}
