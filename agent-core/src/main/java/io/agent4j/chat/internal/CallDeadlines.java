package io.agent4j.chat.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends calls that outlive their whole-call timeout. One sweep looks at the calls in flight every
 * {@value #TICK_MILLIS} ms while there are any, and stops after a second without any. Watching
 * a call is a put into a concurrent map and nothing else: OkHttp's own call timeout takes a global
 * lock twice per call and wakes its watchdog thread whenever no other call is in flight, which
 * costs more than the rest of a loopback exchange's client-side work. The shared sweep runs on a
 * daemon thread of its own ({@code agent4j-call-deadlines}); {@link #on(Executor)} runs one on the
 * application's executor instead.
 */
public final class CallDeadlines {

    static final long TICK_MILLIS = 10;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    private static final int IDLE_TICKS = 100;
    private static final Logger log = LoggerFactory.getLogger(CallDeadlines.class);

    private static final CallDeadlines SHARED = new CallDeadlines(sweep -> {
        Thread sweeper = new Thread(sweep, "agent4j-call-deadlines");
        sweeper.setDaemon(true);
        sweeper.start();
    });

    private final Executor executor;
    private final ConcurrentHashMap<Watch, Boolean> watched = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();

    private CallDeadlines(Executor executor) {
        this.executor = executor;
    }

    /** The deadlines kept by agent4j's own thread. */
    public static CallDeadlines shared() {
        return SHARED;
    }

    /**
     * Deadlines whose sweep runs on {@code executor}: it takes one of its threads while calls are
     * watched, and gives it back after a second without any. An executor that refuses the sweep
     * leaves the call to the shared deadlines.
     */
    public static CallDeadlines on(Executor executor) {
        return new CallDeadlines(executor);
    }

    /** {@link #start} on the shared deadlines. */
    public static Watch watch(long timeoutNanos, Runnable onExpiry) {
        return SHARED.start(timeoutNanos, onExpiry);
    }

    /** One watched call; closing it stops the watch. */
    public static final class Watch implements AutoCloseable {
        private final CallDeadlines owner;
        private final long deadline;
        private final Runnable onExpiry;
        private volatile boolean expired;

        private Watch(CallDeadlines owner, long deadline, Runnable onExpiry) {
            this.owner = owner;
            this.deadline = deadline;
            this.onExpiry = onExpiry;
        }

        /** Whether the deadline passed and the call was ended because of it. */
        public boolean expired() {
            return expired;
        }

        @Override
        public void close() {
            owner.watched.remove(this);
        }
    }

    /**
     * Runs {@code onExpiry} (which ends the call) once {@code timeoutNanos} have passed, unless the
     * returned watch is closed first.
     */
    public Watch start(long timeoutNanos, Runnable onExpiry) {
        Watch watch = new Watch(this, System.nanoTime() + timeoutNanos, onExpiry);
        watched.put(watch, Boolean.TRUE);
        if (!running.get() && running.compareAndSet(false, true)) {
            try {
                executor.execute(this::sweep);
            } catch (RejectedExecutionException e) {
                running.set(false);
                watched.remove(watch);
                if (this == SHARED) {
                    throw e;
                }
                log.warn("The executor refused the sweep of call deadlines ({}); agent4j's own thread keeps this "
                        + "call's deadline", e.toString());
                return SHARED.start(timeoutNanos, onExpiry);
            }
        }
        return watch;
    }

    private void sweep() {
        int idle = 0;
        while (true) {
            LockSupport.parkNanos(TICK_NANOS);
            if (watched.isEmpty()) {
                if (++idle < IDLE_TICKS) {
                    continue;
                }
                running.set(false);
                // a call watched since the check above saw running still true and started no sweep
                if (watched.isEmpty() || !running.compareAndSet(false, true)) {
                    return;
                }
            }
            idle = 0;
            long now = System.nanoTime();
            for (Watch watch : watched.keySet()) {
                if (now - watch.deadline >= 0 && watched.remove(watch) != null) {
                    watch.expired = true;
                    try {
                        watch.onExpiry.run();
                    } catch (RuntimeException e) {
                        log.warn("Ending a call past its timeout failed", e);
                    }
                }
            }
        }
    }
}
