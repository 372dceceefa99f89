package io.agent4j.bench.worker;

import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.ScenarioRunner;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * One side of the benchmark of many runs in flight, in a JVM of its own (the JDK only, so that every
 * implementation's JVM can run it): {@code SIDE BASE_URL IN_FLIGHT WARMUP RUNS DELAY_MS}. Keeps
 * {@code IN_FLIGHT} runs of the scenario going (each worker starts its next run as its last ends;
 * the workers start spread over one run's time, so that the stub's answers do not come in waves),
 * and after {@code WARMUP} runs times {@code RUNS} more. Then, with as many runs still in flight, it
 * takes the heap left after a full collection and the memory of the threads (Native Memory Tracking),
 * minus what they were after a few runs with 16 in flight. Prints
 * {@code RESULT side runs/s heap-bytes/run thread-bytes/run peak-platform-threads cpu-µs/run process-cpu-µs/run}:
 * the CPU of the Java threads (those that run the runs and the clients' own; not the compilers nor the
 * collector), and of the whole process.
 */
public final class InFlightBench {

    private final AtomicLong completed = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stop;

    private InFlightBench() {
    }

    /** Keeps runs in flight until the bench stops it. */
    public interface Load {
        /** Starts {@code inFlight} runs, the n-th {@code n / inFlight} of {@code spreadNanos} after the first. */
        void start(int inFlight, long spreadNanos);

        /** Waits until no run is in flight, once {@link #stopping()} has turned true. */
        void stop() throws InterruptedException;
    }

    /** How one JVM drives a side: the load for {@code side} against {@code baseUrl}. */
    @FunctionalInterface
    public interface Sides {
        /** The load of {@code side}, its client sized for {@code inFlight} runs at once. */
        Load load(InFlightBench bench, String side, String baseUrl, int inFlight);
    }

    /** Runs one side as the class comment says, printing its {@code RESULT} line, and exits the JVM. */
    public static void run(String[] args, Sides sides) throws Exception {
        String side = args[0];
        int inFlight = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        long spread = TimeUnit.MILLISECONDS.toNanos(2 * Long.parseLong(args[5]));
        InFlightBench bench = new InFlightBench();
        Load load = sides.load(bench, side, args[1], inFlight);

        bench.start(load, 16, spread);
        bench.await(32);
        bench.stop(load);
        long[] baseline = memory();

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        bench.start(load, inFlight, spread);
        bench.await(bench.completed.get() + warmup);
        threads.resetPeakThreadCount();
        long cpu = os.getProcessCpuTime();
        long javaCpu = Worker.sum(threads.getThreadCpuTime(threads.getAllThreadIds()));
        long from = bench.completed.get();
        long start = System.nanoTime();
        bench.await(from + runs);
        long elapsed = System.nanoTime() - start;
        long done = bench.completed.get() - from;
        long cpuPerRun = (os.getProcessCpuTime() - cpu) / done;
        long javaCpuPerRun = (Worker.sum(threads.getThreadCpuTime(threads.getAllThreadIds())) - javaCpu) / done;
        int peakThreads = threads.getPeakThreadCount();
        long[][] samples = new long[3][];
        for (int i = 0; i < samples.length; i++) {
            Thread.sleep(300);
            samples[i] = memory();
        }
        bench.stop(load);
        bench.check();
        System.out.printf(Locale.ROOT, "RESULT %s %.1f %d %d %d %.1f %.1f%n", side, done / (elapsed / 1e9),
                (median(samples, 0) - baseline[0]) / inFlight, (median(samples, 1) - baseline[1]) / inFlight,
                peakThreads, javaCpuPerRun / 1e3, cpuPerRun / 1e3);
        System.out.flush();
        System.exit(0);
    }

    /** Whether the load should start no more runs. */
    public boolean stopping() {
        return stop;
    }

    /** Counts a finished run, whose answer must be the scenario's. */
    public void answered(String answer) {
        if (!Scenario.ANSWER.equals(answer)) {
            throw new IllegalStateException("answered '" + answer + "'");
        }
        completed.incrementAndGet();
    }

    /** Records a run that failed; the bench then fails too. */
    public void failed(Throwable e) {
        failure.compareAndSet(null, e);
    }

    /**
     * Workers each running {@code runner}'s scenario over and over, a thread per run in flight: a virtual
     * thread (Java 21 and later) or a platform thread.
     */
    public Load workers(ScenarioRunner runner, boolean virtual) {
        return new Load() {
            private ExecutorService running;

            @Override
            public void start(int inFlight, long spreadNanos) {
                running = virtual ? virtualThreads() : platformThreads(inFlight);
                spread(inFlight, spreadNanos, () -> running.execute(() -> {
                    try {
                        while (!stop) {
                            answered(runner.run());
                        }
                    } catch (Throwable e) {
                        failed(e);
                    }
                }));
            }

            @Override
            public void stop() throws InterruptedException {
                running.shutdown();
                if (!running.awaitTermination(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("runs still in flight 60 s after the stop");
                }
            }
        };
    }

    /** Calls {@code start} {@code count} times, spread evenly over {@code spreadNanos}. */
    public static void spread(int count, long spreadNanos, Runnable start) {
        long first = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long at = first + spreadNanos * i / count;
            for (long wait; (wait = at - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            start.run();
        }
    }

    private void start(Load load, int inFlight, long spreadNanos) {
        stop = false;
        load.start(inFlight, spreadNanos);
    }

    private void stop(Load load) throws InterruptedException {
        stop = true;
        load.stop();
    }

    private void await(long runs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (completed.get() < runs) {
            check();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + completed.get() + " of " + runs + " runs in 5 minutes");
            }
            Thread.sleep(1);
        }
    }

    private void check() {
        if (failure.get() != null) {
            throw new IllegalStateException("a run failed", failure.get());
        }
    }

    private static ExecutorService platformThreads(int count) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, "run-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, found at run time: this module is compiled for Java 17. */
    private static ExecutorService virtualThreads() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need Java 21 or later, not " + Runtime.version(), e);
        }
    }

    private static final Pattern THREADS = Pattern.compile("-\\s+Thread \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

    /** The heap used after a full collection, and the memory committed for threads (bytes; -1 without NMT). */
    private static long[] memory() throws Exception {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String summary = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
        Matcher thread = THREADS.matcher(summary);
        return new long[] {heap, thread.find() ? Long.parseLong(thread.group(1)) * 1024 : -1};
    }

    private static long median(long[][] samples, int which) {
        long[] values = Arrays.stream(samples).mapToLong(s -> s[which]).sorted().toArray();
        return values[values.length / 2];
    }
}
