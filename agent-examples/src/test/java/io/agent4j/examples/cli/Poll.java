package io.agent4j.examples.cli;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for a condition by looking at it every few milliseconds, for up to 30 s, instead of sleeping a guess. */
final class Poll {

    private Poll() {
    }

    /** Returns once {@code condition} holds; fails after 30 s, naming what it waited for. */
    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s, but not: " + what);
            }
            Thread.sleep(5);
        }
    }
}
