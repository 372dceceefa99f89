package io.agent4j;

import io.agent4j.tool.ToolResult;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

    /**
     * One daemon thread for every agent, that only interrupts: started by the first watched call and
     * ended after a second without one. A watched call that finishes in time removes its task.
     */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final String tool;
    private final Duration timeout;
    private Thread thread;
    private int state = RUNNING;

    RunThreadCall(String tool, Duration timeout) {
        this.tool = tool;
        this.timeout = timeout;
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "agent4j-tool-deadlines-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(1, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        return executor;
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
        ScheduledFuture<?> deadline = timeout.isZero() ? null
                : DEADLINES.schedule(() -> stop(TIMED_OUT), timeout.toNanos(), TimeUnit.NANOSECONDS);
        ToolResult result;
        try {
            result = call.get();
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
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
