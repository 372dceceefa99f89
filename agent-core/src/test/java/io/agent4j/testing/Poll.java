package io.agent4j.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition by looking at it every few milliseconds, for a generous time (30 s unless
 * told), so that a test waits for what it needs instead of sleeping a guessed time. Fails naming
 * what it waited for.
 */
public final class Poll {

    /** How long {@link #until(String, BooleanSupplier)} waits: far longer than any condition takes. */
    public static final long SECONDS = 30;

    private Poll() {
    }

    /** Returns once {@code condition} holds; fails after {@value #SECONDS} s. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, SECONDS, condition);
    }

    /** Returns once {@code condition} holds; fails after {@code seconds} s. */
    public static void until(String what, long seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + seconds + " s, but not: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }
}
