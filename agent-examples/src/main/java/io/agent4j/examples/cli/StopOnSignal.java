package io.agent4j.examples.cli;

import io.agent4j.chat.Cancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Cancels the run in progress when the JVM is asked to stop (Ctrl-C, or SIGTERM), and holds the
 * JVM for up to {@value #GRACE_SECONDS} s while the command winds down: the model call in flight is
 * aborted, the partial answer ends with a line break, and {@code agent4j: The run was cancelled.}
 * is printed. With no run in progress (chat waiting for input) the JVM stops at once. Close it
 * once the command has printed everything.
 */
final class StopOnSignal implements AutoCloseable {

    static final int GRACE_SECONDS = 2;

    private final Cancellation cancellation = new Cancellation();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stop, "agent4j-stop");
    private volatile boolean running;

    StopOnSignal() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Runs {@code work}, which a stop request cancels through the cancellation it is given. */
    <T> T run(Function<Cancellation, T> work) {
        running = true;
        try {
            return work.apply(cancellation);
        } finally {
            running = false;
        }
    }

    /** What the shutdown hook does: cancel, and wait for the command to wind down if a run was going on. */
    void stop() {
        cancellation.cancel();
        if (!running) {
            return;
        }
        try {
            finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }
}
