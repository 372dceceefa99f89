package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sun.misc.Signal;

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

    /** The statuses the command asked to exit with, instead of exiting. */
    private final List<Integer> exits = new CopyOnWriteArrayList<>();
    private final CountDownLatch exited = new CountDownLatch(1);

    private StopOnSignal recordingExits() {
        return new StopOnSignal(status -> {
            exits.add(status);
            exited.countDown();
        });
    }

    /** Starts a command that waits for its cancellation, then until {@code release}; returns once it runs. */
    private static Thread command(StopOnSignal stop, CountDownLatch release) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Thread command = new Thread(() -> stop.run(cancellation -> {
            started.countDown();
            while (!cancellation.isCancelled()) {
                Thread.onSpinWait();
            }
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        command.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        return command;
    }

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void aSignalDuringARunCancelsItAndTheCancelledRunExitsWithTheSignalsStatus(String signal, int status)
            throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (StopOnSignal stop = recordingExits()) {
            Thread command = command(stop, release);

            stop.onSignal(new Signal(signal));

            release.countDown();
            command.join(30_000);
            assertThat(command.isAlive()).as("the cancelled command returned").isFalse();
            assertThat(stop.exitCode(ExitCodes.CANCELLED)).isEqualTo(status);
            assertThat(stop.exitCode(ExitCodes.OK)).as("a run that answered all the same").isEqualTo(ExitCodes.OK);
        }
        assertThat(exits).as("the command exits by returning its code").isEmpty();
    }

    @Test
    void withoutASignalACancelledRunKeepsItsCode() {
        try (StopOnSignal stop = recordingExits()) {
            assertThat(stop.exitCode(ExitCodes.CANCELLED)).isEqualTo(ExitCodes.CANCELLED);
        }
    }

    @Test
    void aSignalWithNoRunInProgressExitsAtOnceWithItsStatus() {
        try (StopOnSignal stop = recordingExits()) {
            stop.onSignal(new Signal("TERM"));
            assertThat(exits).containsExactly(ExitCodes.TERMINATED);
        }
    }

    @Test
    void aSecondSignalWhileTheRunWindsDownExitsAtOnce() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (StopOnSignal stop = recordingExits()) {
            Thread command = command(stop, release);
            stop.onSignal(new Signal("TERM"));
            stop.onSignal(new Signal("INT"));
            assertThat(exits).containsExactly(ExitCodes.CANCELLED);
            release.countDown();
            command.join(30_000);
        }
    }

    @Test
    void aRunThatDoesNotWindDownIsEndedOnceTheGraceIsOver() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (StopOnSignal stop = recordingExits()) {
            Thread command = command(stop, release);
            stop.onSignal(new Signal("TERM"));
            assertThat(exited.await(StopOnSignal.GRACE_SECONDS + 30, TimeUnit.SECONDS)).isTrue();
            assertThat(exits).containsExactly(ExitCodes.TERMINATED);
            release.countDown();
            command.join(30_000);
        }
    }
}
