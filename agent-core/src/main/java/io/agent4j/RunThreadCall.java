package io.agent4j;

import io.agent4j.chat.internal.CallDeadlines;
import io.agent4j.tool.ToolResult;
import java.time.Duration;
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

    private final String tool;
    private final Duration timeout;
    private Thread thread;
    private int state = RUNNING;

    RunThreadCall(String tool, Duration timeout) {
        this.tool = tool;
        this.timeout = timeout;
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
        ToolResult result;
        // the model calls' deadline sweep keeps this one too: watching is a put into a map, waking nothing
        CallDeadlines.Watch deadline = timeout.isZero() ? null
                : CallDeadlines.watch(timeout.toNanos(), () -> stop(TIMED_OUT));
        try {
            result = call.get();
        } finally {
            if (deadline != null) {
                deadline.close();
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
