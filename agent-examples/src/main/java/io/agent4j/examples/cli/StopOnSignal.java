package io.agent4j.examples.cli;

import io.agent4j.chat.Cancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Cancels the run in progress when the JVM is asked to stop (Ctrl-C, or SIGTERM), and holds the
 * JVM for up to {@value #GRACE_SECONDS} s while the command winds down: the model call in flight is
 * aborted, the partial answer ends with a line break, and {@code agent4j: The run was cancelled.}
 * is printed. Close it once the command has printed everything.
 */
final class StopOnSignal implements AutoCloseable {

    static final int GRACE_SECONDS = 2;

    private final Cancellation cancellation = new Cancellation();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stop, "agent4j-stop");

    StopOnSignal() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Cancelled when the JVM is asked to stop. */
    Cancellation cancellation() {
        return cancellation;
    }

    private void stop() {
        cancellation.cancel();
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
