package com.example.broken;

import io.agent4j.tool.ToolPack;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A pack whose tools need a class its jar lacks (the test leaves Helper out), or too much memory. */
public final class BrokenPack implements ToolPack {

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public String description() {
        return "Fails as it makes its tools";
    }

    @Override
    public Set<String> settingNames() {
        return Set.of("fail");
    }

    @Override
    public List<Object> tools(Map<String, String> settings) {
        if ("memory".equals(settings.get("fail"))) {
            long[] huge = new long[Integer.MAX_VALUE];
            return List.of(huge);
        }
        return List.of(new Helper());
    }
}
