package io.agent4j.chat.internal;

import java.util.Map;
import java.util.Optional;

/**
 * Looks a model up in a table keyed by model family: an exact name, else the longest family that
 * the name starts with followed by a dash, so a dated snapshot such as
 * {@code gpt-4o-mini-2024-07-18} finds {@code gpt-4o-mini}.
 */
public final class ModelFamilies {

    private ModelFamilies() {
    }

    /** The entry of {@code model} or of its family; empty when neither is in the table. */
    public static <T> Optional<T> lookup(Map<String, T> table, String model) {
        if (model == null) {
            return Optional.empty();
        }
        T exact = table.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String name : table.keySet()) {
            boolean family = model.length() > name.length() && model.charAt(name.length()) == '-'
                    && model.startsWith(name);
            if (family && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        return Optional.ofNullable(best == null ? null : table.get(best));
    }
}
