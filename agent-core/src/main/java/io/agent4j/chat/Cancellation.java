package io.agent4j.chat;

import io.agent4j.errors.CancelledException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets a caller cancel a running stream or agent run from another thread: {@link #cancel()} aborts
 * the HTTP call in flight and any running tools, and the run ends with a
 * {@link CancelledException}. Thread-safe; cancelling is final.
 *
 * <pre>{@code
 * Cancellation cancellation = new Cancellation();
 * executor.submit(() -> agent.stream(prompt, handler, cancellation));
 * ...
 * cancellation.cancel();
 * }</pre>
 */
public final class Cancellation {

    /** A cancellation that is never cancelled, for calls nobody can cancel. */
    public static final Cancellation NEVER = new Cancellation();

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    /** Creates a cancellation that is not cancelled yet. */
    public Cancellation() {
    }

    /** Cancels: runs every registered action once. Later calls do nothing. */
    public void cancel() {
        if (this != NEVER && cancelled.compareAndSet(false, true)) {
            actions.forEach(Runnable::run);
        }
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /**
     * Runs {@code action} on cancellation (at once when already cancelled) until the returned
     * handle is closed.
     */
    public Registration onCancel(Runnable action) {
        if (this == NEVER) {
            return () -> { };
        }
        actions.add(action);
        if (cancelled.get()) {
            action.run();
        }
        return () -> actions.remove(action);
    }

    /** An action registered with {@link #onCancel}; closing it removes the action. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {

        /** Removes the action; it will not run on a later cancellation. */
        @Override
        void close();
    }

    /** Throws {@link CancelledException} when cancelled. */
    public void throwIfCancelled() {
        if (cancelled.get()) {
            throw new CancelledException("The run was cancelled.");
        }
    }
}
