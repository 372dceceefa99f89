package io.agent4j.memory;

import io.agent4j.chat.internal.ModelFamilies;
import java.util.Map;
import java.util.Optional;

/**
 * The context windows of current OpenAI models, in tokens: how much prompt and completion one
 * request may hold. Dated snapshots match their family (gpt-4o-2024-08-06 is gpt-4o).
 */
public final class ContextWindows {

    private static final Map<String, Integer> WINDOWS = Map.ofEntries(
            Map.entry("gpt-5", 400_000), Map.entry("gpt-5-mini", 400_000), Map.entry("gpt-5-nano", 400_000),
            Map.entry("gpt-4.1", 1_047_576), Map.entry("gpt-4.1-mini", 1_047_576),
            Map.entry("gpt-4.1-nano", 1_047_576), Map.entry("gpt-4o", 128_000), Map.entry("gpt-4o-mini", 128_000),
            Map.entry("o1", 200_000), Map.entry("o3", 200_000), Map.entry("o3-mini", 200_000),
            Map.entry("o4-mini", 200_000), Map.entry("gpt-4-turbo", 128_000), Map.entry("gpt-4", 8_192),
            Map.entry("gpt-3.5-turbo", 16_385));

    private ContextWindows() {
    }

    /** The context window of a model, matched exactly or by its longest known prefix followed by a dash. */
    public static Optional<Integer> of(String model) {
        return ModelFamilies.lookup(WINDOWS, model);
    }

    /** Every known model and its window. */
    public static Map<String, Integer> all() {
        return WINDOWS;
    }
}
