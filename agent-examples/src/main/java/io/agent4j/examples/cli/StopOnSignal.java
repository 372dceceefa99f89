package io.agent4j.examples.cli;

import io.agent4j.chat.Cancellation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM while a command runs: the run in progress is cancelled (the model
 * call in flight is aborted, the partial answer ends with a line break, and
 * {@code agent4j: The run was cancelled.} is printed), and the command exits with the status a
 * shell gives a process its signal ended, 128 + the signal's number: {@link ExitCodes#CANCELLED}
 * (130) for SIGINT, {@link ExitCodes#TERMINATED} (143) for SIGTERM. The command's own handler
 * chooses it, not the JVM's shutdown, so the status is always the same.
 *
 * <p>With no run in progress (chat waiting for input), a second signal, or a run that has not
 * wound down {@value #GRACE_SECONDS} s after the signal, the process exits at once with that
 * status. Where the JVM keeps a signal for itself ({@code java -Xrs}, or a signal ignored when
 * the process started, as a shell does for a job run in the background), a shutdown hook still
 * cancels the run and holds the JVM while the command winds down; the JVM then picks the status.
 * Close it once the command has printed everything.
 */
final class StopOnSignal implements AutoCloseable {

    static final int GRACE_SECONDS = 2;

    private final Cancellation cancellation = new Cancellation();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stop, "agent4j-stop");
    private final IntConsumer exit;
    private final Map<Signal, SignalHandler> replaced = new LinkedHashMap<>();
    /** The number of the first signal handled, 0 before any. */
    private final AtomicInteger signalled = new AtomicInteger();
    private volatile boolean running;

    StopOnSignal() {
        this(System::exit);
    }

    /** With {@code exit} in place of {@link System#exit}, for tests. */
    StopOnSignal(IntConsumer exit) {
        this.exit = exit;
        Runtime.getRuntime().addShutdownHook(hook);
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal signal = new Signal(name);
                SignalHandler before = Signal.handle(signal, this::onSignal);
                replaced.put(signal, before);
            } catch (IllegalArgumentException kept) {
                // the JVM keeps this signal (java -Xrs) or the system has none: the shutdown hook stands in
            }
        }
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

    /**
     * What a handled signal does: cancel the run and give the command {@value #GRACE_SECONDS} s to
     * wind down and return; exit at once when nothing runs or the signal is a second one.
     */
    void onSignal(Signal signal) {
        int status = 128 + signal.getNumber();
        boolean first = signalled.compareAndSet(0, signal.getNumber());
        cancellation.cancel();
        if (!first || !running) {
            exit.accept(status);
            return;
        }
        Thread grace = new Thread(() -> {
            if (!awaitFinished()) {
                exit.accept(status);
            }
        }, "agent4j-stop-grace");
        grace.setDaemon(true);
        grace.start();
    }

    /**
     * The command's exit code after a signal: a run cancelled by the signal ({@link ExitCodes#CANCELLED})
     * exits 128 + the signal's number; any other code, or a cancellation without a signal, stays.
     */
    int exitCode(int code) {
        int number = signalled.get();
        return code == ExitCodes.CANCELLED && number != 0 ? 128 + number : code;
    }

    /** What the shutdown hook does: cancel, and wait for the command to wind down if a run was going on. */
    void stop() {
        cancellation.cancel();
        if (!running || signalled.get() != 0) {
            // nothing to wait for, or a handled signal already gave the command its time
            return;
        }
        awaitFinished();
    }

    private boolean awaitFinished() {
        try {
            return finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        finished.countDown();
        replaced.forEach((signal, before) -> {
            try {
                Signal.handle(signal, before);
            } catch (IllegalArgumentException gone) {
                // not ours to restore
            }
        });
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }
}
