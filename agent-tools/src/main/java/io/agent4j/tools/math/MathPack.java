package io.agent4j.tools.math;

import io.agent4j.tool.ToolPack;
import io.agent4j.tools.internal.Settings;
import java.util.List;
import java.util.Map;

/** The {@code math} tool pack: the {@link Calculator}'s exact decimal arithmetic. It has no settings. */
public final class MathPack implements ToolPack {

    /** Creates the pack; {@link ToolPack#discover} calls this. */
    public MathPack() {
    }

    @Override
    public String name() {
        return "math";
    }

    @Override
    public String description() {
        return "Exact decimal arithmetic: expressions, square roots, percentages";
    }

    @Override
    public List<Object> tools(Map<String, String> settings) {
        Settings.of(this, settings);
        return List.of(new Calculator());
    }
}
