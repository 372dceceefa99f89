package io.agent4j.examples;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The registry of example agents, by name. */
public final class Examples {

    private static final List<Example> ALL = List.of(
            new Example("calc", "exact arithmetic and unit conversion", CalcExample.SAMPLE_PROMPT,
                    CalcExample.INSTRUCTIONS, CalcExample::tools));

    private Examples() {
    }

    /** Every example, in a stable order. */
    public static List<Example> all() {
        return ALL;
    }

    /** The example with this name, if there is one. */
    public static Optional<Example> find(String name) {
        return ALL.stream().filter(example -> example.name().equals(name)).findFirst();
    }

    /** The names of all examples, for messages: {@code calc, ...}. */
    public static String names() {
        return ALL.stream().map(Example::name).collect(Collectors.joining(", "));
    }
}
