package io.agent4j.openai.internal;

import java.time.Duration;

/** Waits between retries; tests substitute one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** The real one. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    /** Waits for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
}
