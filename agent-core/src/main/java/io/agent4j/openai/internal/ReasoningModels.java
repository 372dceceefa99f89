package io.agent4j.openai.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises OpenAI's reasoning models by name (the o-series, {@code o1}, {@code o3}, {@code o4-mini} and
 * their snapshots, and the {@code gpt-5} family apart from its {@code -chat} variants), which take
 * {@code max_completion_tokens} only, reject {@code temperature} and {@code top_p}, and read instructions
 * as the {@code developer} role. A gateway's prefix ({@code openai/o3}) is ignored.
 */
public final class ReasoningModels {

    private static final Pattern REASONING = Pattern.compile("(o[1-9]|gpt-5(\\.\\d+)?)([-.].*)?");

    private ReasoningModels() {
    }

    /** Whether {@code model} names a reasoning model. */
    public static boolean isReasoning(String model) {
        if (model == null) {
            return false;
        }
        String name = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return REASONING.matcher(name).matches() && !name.contains("-chat");
    }
}
