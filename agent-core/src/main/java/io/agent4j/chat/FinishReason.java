package io.agent4j.chat;

/**
 * Why the model stopped writing. Whether tools run is decided by the presence of tool calls,
 * because compatible servers report this inconsistently; but no call of a reply cut off
 * ({@link #LENGTH}, {@link #CONTENT_FILTER}) is run, since any of them may be incomplete.
 */
public enum FinishReason {
    /** A natural end or a stop sequence. */
    STOP,
    /** The completion hit its token limit. */
    LENGTH,
    /** The model called tools. */
    TOOL_CALLS,
    /** A content filter cut the output. */
    CONTENT_FILTER,
    /** Absent, or a value this client does not know. */
    OTHER;

    /** Reads the wire value leniently: unknown or absent values become {@link #OTHER}. */
    public static FinishReason fromWire(String value) {
        if (value == null) {
            return OTHER;
        }
        return switch (value) {
            case "stop", "eos", "end_turn" -> STOP;
            case "length", "max_tokens" -> LENGTH;
            case "tool_calls", "function_call", "tool_use" -> TOOL_CALLS;
            case "content_filter" -> CONTENT_FILTER;
            default -> OTHER;
        };
    }

    /**
     * Whether the model was stopped before it finished ({@link #LENGTH}, {@link #CONTENT_FILTER}):
     * the text may end mid-sentence and the last tool call may be incomplete.
     */
    public boolean cutOff() {
        return this == LENGTH || this == CONTENT_FILTER;
    }

    /** The value on the wire, in lower case as OpenAI writes it. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
