package io.agent4j.openai.internal;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Recognises OpenAI's reasoning models by name (the o-series, {@code o1}, {@code o3}, {@code o4-mini} and
 * their snapshots, and the {@code gpt-5} family apart from its {@code -chat} variants), which take
 * {@code max_completion_tokens} only, reject {@code temperature} and {@code top_p}, and read instructions
 * as the {@code developer} role. A gateway's prefix ({@code openai/o3}) is ignored.
 */
public final class ReasoningModels {

    private static final Pattern REASONING = Pattern.compile("(o[1-9]|gpt-5(\\.\\d+)?)([-.].*)?");
    /** The answers so far, asked of every request: an application names a handful of models. */
    private static final Map<String, Boolean> KNOWN = new ConcurrentHashMap<>();
    private static final int MAX_KNOWN = 256;

    private ReasoningModels() {
    }

    /** Whether {@code model} names a reasoning model. */
    public static boolean isReasoning(String model) {
        if (model == null) {
            return false;
        }
        Boolean known = KNOWN.get(model);
        if (known != null) {
            return known;
        }
        boolean reasoning = recognise(model);
        if (KNOWN.size() < MAX_KNOWN) {
            KNOWN.put(model, reasoning);
        }
        return reasoning;
    }

    private static boolean recognise(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return REASONING.matcher(name).matches() && !name.contains("-chat");
    }
}
