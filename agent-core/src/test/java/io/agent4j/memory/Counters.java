package io.agent4j.memory;

import com.knuddels.jtokkit.api.Encoding;

/** Tests outside this package get a counter over an encoding of their own (a counting one) here. */
public final class Counters {

    private Counters() {
    }

    /** A counter of its own over {@code encoding}, apart from the shared ones. */
    public static TokenCounter over(Encoding encoding) {
        return TokenCounter.of(encoding);
    }
}
