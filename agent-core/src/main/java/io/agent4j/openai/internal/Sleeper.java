package io.agent4j.openai.internal;

import io.agent4j.chat.Cancellation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits between retries; tests substitute one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** The real one; a cancellation ends its wait at once. */
    Sleeper SYSTEM = new Sleeper() {
        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }

        @Override
        public void sleep(Duration duration, Cancellation cancellation) throws InterruptedException {
            CountDownLatch cancelled = new CountDownLatch(1);
            try (Cancellation.Registration registration = cancellation.onCancel(cancelled::countDown)) {
                cancelled.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    };

    /** Waits for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Waits for {@code duration}, or less when {@code cancellation} is cancelled meanwhile; the
     * caller checks the cancellation afterwards. By default simply {@link #sleep(Duration)}.
     */
    default void sleep(Duration duration, Cancellation cancellation) throws InterruptedException {
        sleep(duration);
    }
}
