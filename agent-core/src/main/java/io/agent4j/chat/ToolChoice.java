package io.agent4j.chat;

import java.util.Objects;

/**
 * Whether and which tool the model must call: {@link #AUTO} (it decides), {@link #NONE},
 * {@link #REQUIRED} (at least one), or one named function.
 *
 * @param mode {@code auto}, {@code none}, {@code required} or {@code function}
 * @param function the function's name when {@code mode} is {@code function}, else null
 */
public record ToolChoice(String mode, String function) {

    /** The model decides. */
    public static final ToolChoice AUTO = new ToolChoice("auto", null);
    /** The model must not call tools. */
    public static final ToolChoice NONE = new ToolChoice("none", null);
    /** The model must call at least one tool. */
    public static final ToolChoice REQUIRED = new ToolChoice("required", null);

    /** Checks that the mode is known and that only {@code function} names a function. */
    public ToolChoice {
        Objects.requireNonNull(mode, "mode");
        if (!mode.equals("auto") && !mode.equals("none") && !mode.equals("required") && !mode.equals("function")) {
            throw new IllegalArgumentException("tool choice must be auto, none, required or function, was " + mode);
        }
        if (mode.equals("function") == (function == null || function.isBlank())) {
            throw new IllegalArgumentException("a function name goes with tool choice 'function' and only with it");
        }
    }

    /** The model must call this function. */
    public static ToolChoice function(String name) {
        return new ToolChoice("function", name);
    }
}
