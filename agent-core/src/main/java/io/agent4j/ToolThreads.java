package io.agent4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor of tool calls that every agent shares unless it is given its own: on Java 21 and
 * later a virtual thread per call, before that a bounded pool of platform threads. Either way a
 * tool that ignores interruption keeps its thread past its timeout until it returns, so either
 * bounds what such calls can hold, and refuses a call past the bound (the model is told so).
 */
final class ToolThreads {

    private static final Logger log = LoggerFactory.getLogger(ToolThreads.class);

    /** The most threads of the pool. */
    static final int POOL_THREADS = 64;
    /** The most calls that wait for a thread of the pool; more are refused. */
    static final int POOL_QUEUE = 1_000;
    /**
     * The most calls that run at once on virtual threads, abandoned ones included; more are refused.
     * A parked virtual thread keeps its stack on the heap, a few kilobytes, so this bounds what
     * stuck tools can hold rather than the concurrency of a real load.
     */
    static final int VIRTUAL_CALLS = 10_000;
    /** The prefix of every tool thread's name. */
    static final String NAME = "agent4j-tool-";

    private static final ExecutorService SHARED = create();

    private ToolThreads() {
    }

    /** The executor shared by every agent not given one. */
    static ExecutorService shared() {
        return SHARED;
    }

    private static ExecutorService create() {
        ThreadFactory virtual = virtualThreads();
        if (virtual != null) {
            log.debug("Tool calls run on virtual threads (Java {})", Runtime.version().feature());
            return new ThreadPerCall(virtual, VIRTUAL_CALLS);
        }
        return pool();
    }

    /**
     * Up to {@link #POOL_THREADS} daemon threads, each ended after a minute idle, and a queue of
     * {@link #POOL_QUEUE} calls. A call that times out while it waits is cancelled; those are
     * purged before a call is refused, so the queue holds only calls that may still run. A refusal
     * becomes a tool message, never a call run on the agent's thread, which no timeout could then
     * abandon.
     */
    static ThreadPoolExecutor pool() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = runnable -> {
            Thread thread = new Thread(runnable, NAME + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(POOL_QUEUE), daemons, (task, executor) -> {
                    executor.purge();
                    if (executor.isShutdown() || !executor.getQueue().offer(task)) {
                        throw new RejectedExecutionException("all " + POOL_THREADS + " tool threads are busy and "
                                + POOL_QUEUE + " calls wait for them");
                    }
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * A factory of virtual threads named {@code agent4j-tool-N} on Java 21 or later, found at run
     * time because the library is compiled for Java 17; null before 21 (on 19 and 20 virtual
     * threads are a preview, and refuse to start without {@code --enable-preview}).
     */
    static ThreadFactory virtualThreads() {
        if (Runtime.version().feature() < 21) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            Object virtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual)).invoke();
            Object named = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class, long.class))
                    .invoke(virtual, NAME, 1L);
            return (ThreadFactory) lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class))
                    .invoke(named);
        } catch (Throwable e) {
            log.warn("Java {} has no virtual threads to run tool calls on ({}); a pool of {} threads runs them",
                    Runtime.version().feature(), e.toString(), POOL_THREADS);
            return null;
        }
    }

    /**
     * A new thread for each call, at most {@code bound} of them running at once. It serves every agent
     * of the JVM for the JVM's life, so it cannot be shut down.
     */
    static final class ThreadPerCall extends AbstractExecutorService {

        private final ThreadFactory threads;
        private final int bound;
        private final AtomicInteger running = new AtomicInteger();

        ThreadPerCall(ThreadFactory threads, int bound) {
            this.threads = threads;
            this.bound = bound;
        }

        /** The calls running now, abandoned ones included. */
        int running() {
            return running.get();
        }

        @Override
        public void execute(Runnable call) {
            if (running.incrementAndGet() > bound) {
                running.decrementAndGet();
                throw new RejectedExecutionException(bound + " tool calls are running, none of them has returned");
            }
            try {
                Thread thread = threads.newThread(() -> {
                    try {
                        call.run();
                    } finally {
                        running.decrementAndGet();
                    }
                });
                if (thread == null) {
                    throw new RejectedExecutionException("no thread for a tool call");
                }
                thread.start();
            } catch (RuntimeException | Error e) {
                running.decrementAndGet();
                throw e;
            }
        }

        @Override
        public void shutdown() {
            throw new UnsupportedOperationException("agent4j's shared tool executor serves every agent; it is not "
                    + "shut down");
        }

        @Override
        public List<Runnable> shutdownNow() {
            throw new UnsupportedOperationException("agent4j's shared tool executor serves every agent; it is not "
                    + "shut down");
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            unit.sleep(timeout);
            return false;
        }

        @Override
        public String toString() {
            return "ThreadPerCall[running=" + running.get() + ", bound=" + bound + "]";
        }
    }
}
