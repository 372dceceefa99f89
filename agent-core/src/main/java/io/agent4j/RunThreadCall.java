package io.agent4j;

import io.agent4j.tool.ToolResult;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A tool call run on the run's own thread instead of the executor, which saves the hand-over to a pool
 * thread and back. It is held to the agent's timeout by an interruption: at the deadline (or when the
 * run is cancelled) the thread is interrupted, and whatever the tool then returns or throws, the model
 * reads that the call did not finish (or was cancelled). A tool that ignores the interruption holds
 * the run until it returns; one that needs to be abandoned at its limit declares a timeout of its own
 * and runs on the executor.
 *
 * <p>The interruption is delivered only while the call runs, and taken back after it: the run's
 * thread is never left interrupted by agent4j, so the next model call is not cut short.
 */
final class RunThreadCall {

    static final int RUNNING = 0;
    static final int FINISHED = 1;
    static final int TIMED_OUT = 2;
    static final int CANCELLED = 3;

    /** How often the deadline thread looks at the watched calls. */
    private static final long SWEEP_MILLIS = 10;
    /** How long the deadline thread stays without a watched call before it ends. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * The calls watched now. One daemon thread for every agent looks at them every 10 ms and interrupts
     * those past their deadline: a call registers and leaves without waking anything, where a timer per
     * call would wake the timer thread each time.
     */
    private static final Set<RunThreadCall> WATCHED = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean SWEEPING = new AtomicBoolean();
    private static final AtomicInteger SWEEPERS = new AtomicInteger();

    private final String tool;
    private final Duration timeout;
    private Thread thread;
    private int state = RUNNING;
    private long deadline;

    RunThreadCall(String tool, Duration timeout) {
        this.tool = tool;
        this.timeout = timeout;
    }

    private static void watch(RunThreadCall call) {
        WATCHED.add(call);
        if (!SWEEPING.get() && SWEEPING.compareAndSet(false, true)) {
            Thread sweeper = new Thread(RunThreadCall::sweep, "agent4j-tool-deadlines-" + SWEEPERS.incrementAndGet());
            sweeper.setDaemon(true);
            sweeper.start();
        }
    }

    private static void sweep() {
        long idleSince = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(SWEEP_MILLIS);
            } catch (InterruptedException e) {
                SWEEPING.set(false);
                return;
            }
            long now = System.nanoTime();
            for (RunThreadCall call : WATCHED) {
                if (now - call.deadline >= 0) {
                    call.stop(TIMED_OUT);
                }
            }
            if (!WATCHED.isEmpty()) {
                idleSince = now;
            } else if (now - idleSince > IDLE_NANOS) {
                SWEEPING.set(false);
                // a call watched since the look above finds this thread gone, or is seen here
                if (WATCHED.isEmpty() || !SWEEPING.compareAndSet(false, true)) {
                    return;
                }
            }
        }
    }

    /**
     * Runs the call on this thread and returns its result, or the result that says it timed out, or
     * {@code cancelled} when the run was cancelled meanwhile.
     */
    ToolResult run(Supplier<ToolResult> call, Supplier<ToolResult> cancelled) {
        synchronized (this) {
            if (state == CANCELLED) {
                return cancelled.get();
            }
            thread = Thread.currentThread();
        }
        boolean watched = !timeout.isZero();
        if (watched) {
            deadline = System.nanoTime() + timeout.toNanos();
            watch(this);
        }
        ToolResult result;
        try {
            result = call.get();
        } finally {
            if (watched) {
                WATCHED.remove(this);
            }
        }
        int ended = finish();
        if (ended == FINISHED) {
            return result;
        }
        Thread.interrupted();
        return ended == CANCELLED ? cancelled.get() : ToolResult.failure("Error: tool '" + tool
                + "' did not finish within " + timeout.toMillis() + " ms and was stopped. Try simpler arguments, or "
                + "answer without this result.");
    }

    /**
     * Stops the call for {@code why} ({@link #TIMED_OUT} or {@link #CANCELLED}) by interrupting its thread,
     * unless it has finished; a call not started yet will not start.
     */
    synchronized void stop(int why) {
        if (state != RUNNING) {
            return;
        }
        state = why;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private synchronized int finish() {
        if (state == RUNNING) {
            state = FINISHED;
        }
        return state;
    }
}
