package io.agent4j.tool.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A value made ahead of its first use on a background daemon thread ({@code agent4j-prepare}, one,
 * ended after 2 s idle) or on an executor of the application, so that the first use of a heavy
 * library (an HTTP client, a schema validator) overlaps with other start-up work instead of adding
 * to it. Whoever needs the value first while it is still queued makes it on their own thread; a
 * failure is thrown to every caller of {@link #get()}.
 */
public final class Prepared<T> {

    private static final ThreadPoolExecutor BACKGROUND = new ThreadPoolExecutor(0, 1, 2, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "agent4j-prepare");
                thread.setDaemon(true);
                return thread;
            });

    private final FutureTask<T> task;

    private Prepared(Callable<T> maker) {
        this.task = new FutureTask<>(maker);
    }

    /** Starts making the value in the background. */
    public static <T> Prepared<T> inBackground(Callable<T> maker) {
        Prepared<T> prepared = new Prepared<>(maker);
        BACKGROUND.execute(prepared.task);
        return prepared;
    }

    /**
     * Starts making the value on {@code executor}; if it refuses, the value is made on first use.
     */
    public static <T> Prepared<T> inBackground(Callable<T> maker, Executor executor) {
        Prepared<T> prepared = new Prepared<>(maker);
        try {
            executor.execute(prepared.task);
        } catch (RejectedExecutionException e) {
            // made by the first get()
        }
        return prepared;
    }

    /** Makes the value now, on the calling thread. */
    public static <T> Prepared<T> now(Callable<T> maker) {
        Prepared<T> prepared = new Prepared<>(maker);
        prepared.task.run();
        return prepared;
    }

    /**
     * Gives the value up if it was not made yet, and says so; {@link #get()} then throws
     * {@link java.util.concurrent.CancellationException}. A value being made is let finish and dropped.
     *
     * @return whether the value was given up; false when it was made (or failed) already
     */
    public boolean cancel() {
        return task.cancel(false);
    }

    /**
     * The value, waiting for it if the background thread is making it; not interruptible, since
     * making it is short and bounded, but the interrupt status is kept.
     *
     * @throws RuntimeException or Error, whatever making the value threw
     */
    public T get() {
        task.run(); // no-op unless still queued
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
