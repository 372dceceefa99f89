package io.agent4j.examples.cli;

import io.agent4j.tool.ToolPack;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The tool packs on the command line's own class path, such as those of agent-tools. */
final class ReadyPacks {

    private ReadyPacks() {
    }

    /** Every pack the class path declares, in class path order. */
    static List<ToolPack> all() {
        return ToolPack.discover(ReadyPacks.class.getClassLoader());
    }

    /**
     * The packs with these names, in the order given.
     *
     * @throws IllegalArgumentException naming the first unknown pack and listing the available ones
     */
    static List<ToolPack> named(List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<ToolPack> available = all();
        List<ToolPack> chosen = new ArrayList<>();
        for (String name : names) {
            ToolPack pack = find(available, name).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown pack '" + name + "'; " + describe(available)));
            if (!chosen.contains(pack)) {
                chosen.add(pack);
            }
        }
        return chosen;
    }

    private static Optional<ToolPack> find(List<ToolPack> packs, String name) {
        return packs.stream().filter(pack -> pack.name().equals(name)).findFirst();
    }

    private static String describe(List<ToolPack> packs) {
        if (packs.isEmpty()) {
            return "there are no tool packs on the class path";
        }
        return "the packs are: " + packs.stream().map(ToolPack::name).collect(Collectors.joining(", "));
    }
}
