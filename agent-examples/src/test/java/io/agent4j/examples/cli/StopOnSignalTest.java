package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StopOnSignalTest {

    @Test
    void withNoRunGoingOnAStopCancelsAndLetsTheJvmGoAtOnce() throws InterruptedException {
        try (StopOnSignal stop = new StopOnSignal()) {
            Thread hook = new Thread(stop::stop);
            hook.start();
            hook.join(TimeUnit.SECONDS.toMillis(StopOnSignal.GRACE_SECONDS) / 2);
            assertThat(hook.isAlive()).as("the hook waits for nothing").isFalse();
            boolean cancelled = stop.run(cancellation -> cancellation.isCancelled());
            assertThat(cancelled).isTrue();
        }
    }

    @Test
    void duringARunAStopCancelsItAndWaitsUntilTheCommandHasFinished() throws InterruptedException {
        StopOnSignal stop = new StopOnSignal();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread command = new Thread(() -> stop.run(cancellation -> {
            started.countDown();
            while (!cancellation.isCancelled()) {
                Thread.onSpinWait();
            }
            cancelled.set(true);
            try {
                reported.await(10, TimeUnit.SECONDS); // the command prints what happened
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        command.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        Thread hook = new Thread(stop::stop);
        hook.start();
        hook.join(100);
        assertThat(hook.isAlive()).as("the hook holds the JVM while the command winds down").isTrue();
        reported.countDown();
        command.join(10_000);
        assertThat(cancelled).isTrue();
        stop.close();
        hook.join(10_000);
        assertThat(hook.isAlive()).isFalse();
    }
}
