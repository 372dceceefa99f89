package io.agent4j.tools.time;

import io.agent4j.tool.ToolPack;
import io.agent4j.tools.internal.Settings;
import java.util.List;
import java.util.Map;

/**
 * The {@code time} tool pack: {@link TimeTools} on the system clock. It has no settings; a test
 * or an application that needs another clock registers {@code new TimeTools(clock)} itself.
 */
public final class TimePack implements ToolPack {

    /** Creates the pack; {@link ToolPack#discover} calls this. */
    public TimePack() {
    }

    @Override
    public String name() {
        return "time";
    }

    @Override
    public String description() {
        return "The current time in a zone, date differences, adding periods, converting between zones";
    }

    @Override
    public List<Object> tools(Map<String, String> settings) {
        Settings.of(this, settings);
        return List.of(new TimeTools());
    }
}
