package io.agent4j.openai.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends calls that outlive their whole-call timeout. One daemon thread looks at the calls in flight
 * every {@value #TICK_MILLIS} ms while there are any, and stops after a second without any. Watching
 * a call is a put into a concurrent map and nothing else: OkHttp's own call timeout takes a global
 * lock twice per call and wakes its watchdog thread whenever no other call is in flight, which
 * costs more than the rest of a loopback exchange's client-side work.
 */
public final class CallDeadlines {

    static final long TICK_MILLIS = 10;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    private static final int IDLE_TICKS = 100;
    private static final Logger log = LoggerFactory.getLogger(CallDeadlines.class);

    private static final ConcurrentHashMap<Watch, Boolean> WATCHED = new ConcurrentHashMap<>();
    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    private CallDeadlines() {
    }

    /** One watched call; closing it stops the watch. */
    public static final class Watch implements AutoCloseable {
        private final long deadline;
        private final Runnable onExpiry;
        private volatile boolean expired;

        private Watch(long deadline, Runnable onExpiry) {
            this.deadline = deadline;
            this.onExpiry = onExpiry;
        }

        /** Whether the deadline passed and the call was ended because of it. */
        public boolean expired() {
            return expired;
        }

        @Override
        public void close() {
            WATCHED.remove(this);
        }
    }

    /**
     * Runs {@code onExpiry} (which ends the call) once {@code timeoutNanos} have passed, unless the
     * returned watch is closed first.
     */
    public static Watch watch(long timeoutNanos, Runnable onExpiry) {
        Watch watch = new Watch(System.nanoTime() + timeoutNanos, onExpiry);
        WATCHED.put(watch, Boolean.TRUE);
        if (!RUNNING.get() && RUNNING.compareAndSet(false, true)) {
            Thread sweeper = new Thread(CallDeadlines::sweep, "agent4j-call-deadlines");
            sweeper.setDaemon(true);
            sweeper.start();
        }
        return watch;
    }

    private static void sweep() {
        int idle = 0;
        while (true) {
            LockSupport.parkNanos(TICK_NANOS);
            if (WATCHED.isEmpty()) {
                if (++idle < IDLE_TICKS) {
                    continue;
                }
                RUNNING.set(false);
                // a call watched since the check above saw RUNNING still true and started no thread
                if (WATCHED.isEmpty() || !RUNNING.compareAndSet(false, true)) {
                    return;
                }
            }
            idle = 0;
            long now = System.nanoTime();
            for (Watch watch : WATCHED.keySet()) {
                if (now - watch.deadline >= 0 && WATCHED.remove(watch) != null) {
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
