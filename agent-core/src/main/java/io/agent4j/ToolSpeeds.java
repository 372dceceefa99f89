package io.agent4j;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * An agent's record of which tools are fast: those whose last {@value #STREAK} calls in a row each took
 * less than {@link #FAST} nanoseconds. A fast tool's calls run on the run's thread, one after another,
 * since handing such a call to another thread costs more than running it. One slower call ends that
 * until the tool has again been fast {@value #STREAK} times in a row, so that the first calls of a tool,
 * which load its classes and run before the JIT has compiled it, do not decide for good. Thread-safe:
 * the runs of an agent share it; a race between them only delays a judgement by a call.
 */
final class ToolSpeeds {

    /** A call shorter than this, one millisecond, is fast. */
    static final long FAST = TimeUnit.MILLISECONDS.toNanos(1);
    /** How many fast calls in a row make a tool fast. */
    static final int STREAK = 8;

    /** The number of fast calls in a row of each tool, up to {@link #STREAK}. */
    private final ConcurrentMap<String, Integer> streaks = new ConcurrentHashMap<>();

    /** Whether the tool's last {@value #STREAK} calls were all fast. */
    boolean fast(String tool) {
        Integer streak = streaks.get(tool);
        return streak != null && streak >= STREAK;
    }

    /** Takes note of one call of {@code tool} that took {@code nanos}. */
    void record(String tool, long nanos) {
        Integer streak = streaks.get(tool);
        if (nanos >= FAST) {
            if (streak == null || streak != 0) {
                streaks.put(tool, 0);
            }
        } else if (streak == null || streak < STREAK) {
            streaks.merge(tool, 1, Integer::sum);
        }
    }

    /** Whether any call has been recorded. */
    boolean isEmpty() {
        return streaks.isEmpty();
    }
}
