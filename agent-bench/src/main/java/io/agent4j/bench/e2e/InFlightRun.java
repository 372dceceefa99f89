package io.agent4j.bench.e2e;

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
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * One side of {@link InFlight} in a JVM of its own:
 * {@code InFlightRun SIDE BASE_URL IN_FLIGHT WARMUP RUNS DELAY_MS}. Keeps {@code IN_FLIGHT} runs of
 * the scenario going (each worker starts its next run as its last ends; the workers start spread
 * over one run's time, so that the stub's answers do not come in waves), and after
 * {@code WARMUP} runs times {@code RUNS} more. Then, with as many runs still in flight, it takes the
 * heap left after a full collection and the memory of the threads (Native Memory Tracking), minus
 * what they were after a few runs with 16 in flight. Prints
 * {@code RESULT side runs/s heap-bytes/run thread-bytes/run peak-platform-threads cpu-µs/run process-cpu-µs/run}:
 * the CPU of the Java threads (those that run the runs, OkHttp's, agent4j's; not the compilers nor
 * the collector), and of the whole process.
 */
final class InFlightRun {

    /** The sides, each with how its runs are driven. */
    static final String[][] SIDES = {
        {"floor-virtual", "a virtual thread per run, Call.execute (Java 21+)"},
        {"floor-async", "OkHttp's dispatcher, Call.enqueue"},
        {"floor-platform", "a platform thread per run, Call.execute"},
        {"agent4j-virtual", "a virtual thread per run, Agent.run (Java 21+)"},
        {"agent4j-platform", "a platform thread per run, Agent.run"},
    };

    private final AtomicLong completed = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stop;

    private InFlightRun() {
    }

    /** Keeps runs in flight until stopped. */
    private interface Load {
        /** Starts {@code inFlight} runs, the n-th {@code n / inFlight} of {@code spreadNanos} after the first. */
        void start(int inFlight, long spreadNanos);

        /** Lets no run start again and waits until none is in flight. */
        void stop() throws InterruptedException;
    }

    public static void main(String[] args) throws Exception {
        String side = args[0];
        String baseUrl = args[1];
        int inFlight = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        long spread = TimeUnit.MILLISECONDS.toNanos(2 * Long.parseLong(args[5]));
        InFlightRun bench = new InFlightRun();
        OkHttpClient http = client(inFlight);
        Load load = bench.load(side, baseUrl, http, inFlight);

        load.start(16, spread);
        bench.await(32);
        load.stop();
        long[] baseline = memory();

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        load.start(inFlight, spread);
        bench.await(bench.completed.get() + warmup);
        threads.resetPeakThreadCount();
        long cpu = os.getProcessCpuTime();
        long javaCpu = Variants.cpu(threads);
        long from = bench.completed.get();
        long start = System.nanoTime();
        bench.await(from + runs);
        long elapsed = System.nanoTime() - start;
        long done = bench.completed.get() - from;
        long cpuPerRun = (os.getProcessCpuTime() - cpu) / done;
        long javaCpuPerRun = (Variants.cpu(threads) - javaCpu) / done;
        int peakThreads = threads.getPeakThreadCount();
        long[][] samples = new long[3][];
        for (int i = 0; i < samples.length; i++) {
            Thread.sleep(300);
            samples[i] = memory();
        }
        load.stop();
        bench.check();
        System.out.printf(Locale.ROOT, "RESULT %s %.1f %d %d %d %.1f %.1f%n", side, done / (elapsed / 1e9),
                (median(samples, 0) - baseline[0]) / inFlight, (median(samples, 1) - baseline[1]) / inFlight,
                peakThreads, javaCpuPerRun / 1e3, cpuPerRun / 1e3);
        System.out.flush();
        System.exit(0);
    }

    /** OkHttp with room for every run in flight: as many pooled connections, and no lower dispatcher limit. */
    static OkHttpClient client(int inFlight) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(inFlight);
        dispatcher.setMaxRequestsPerHost(inFlight);
        return new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(inFlight, 5, TimeUnit.MINUTES)).build();
    }

    private Load load(String side, String baseUrl, OkHttpClient http, int inFlight) {
        return switch (side) {
            case "floor-virtual" -> workers(new FloorRunner(baseUrl, http), n -> virtualThreads());
            case "floor-platform" -> workers(new FloorRunner(baseUrl, http), InFlightRun::platformThreads);
            case "floor-async" -> async(new AsyncFloor(baseUrl, http));
            case "agent4j-virtual" -> workers(agent4j(baseUrl, http), n -> virtualThreads());
            case "agent4j-platform" -> workers(agent4j(baseUrl, http), InFlightRun::platformThreads);
            default -> throw new IllegalArgumentException("no side " + side + "; one of "
                    + Arrays.stream(SIDES).map(s -> s[0]).toList());
        };
    }

    /** agent4j with the scenario's tools as ordinary tools, run on the agent's default executor. */
    private static ScenarioRunner agent4j(String baseUrl, OkHttpClient http) {
        return new Agent4jRunner(baseUrl, http, "agent4j", false, true);
    }

    /** Workers on threads of {@code threads}, each running the scenario over and over. */
    private Load workers(ScenarioRunner runner, IntFunction<ExecutorService> threads) {
        return new Load() {
            private ExecutorService running;

            @Override
            public void start(int inFlight, long spreadNanos) {
                stop = false;
                running = threads.apply(inFlight);
                spread(inFlight, spreadNanos, () -> running.execute(() -> {
                    try {
                        while (!stop) {
                            answered(runner.run());
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }

            @Override
            public void stop() throws InterruptedException {
                stop = true;
                running.shutdown();
                if (!running.awaitTermination(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("runs still in flight 60 s after the stop");
                }
            }
        };
    }

    /** Chains of runs on OkHttp's dispatcher: each run's answer starts the next. */
    private Load async(AsyncFloor floor) {
        AtomicInteger chains = new AtomicInteger();
        return new Load() {
            @Override
            public void start(int inFlight, long spreadNanos) {
                stop = false;
                chains.set(inFlight);
                spread(inFlight, spreadNanos, this::next);
            }

            private void next() {
                if (stop) {
                    chains.decrementAndGet();
                    return;
                }
                floor.run(answer -> {
                    answered(answer);
                    next();
                }, e -> {
                    failure.compareAndSet(null, e);
                    chains.decrementAndGet();
                });
            }

            @Override
            public void stop() throws InterruptedException {
                stop = true;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (chains.get() > 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(chains.get() + " runs still in flight 60 s after the stop");
                    }
                    Thread.sleep(1);
                }
            }
        };
    }

    private static void spread(int count, long spreadNanos, Runnable start) {
        long first = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long at = first + spreadNanos * i / count;
            for (long wait; (wait = at - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            start.run();
        }
    }

    private void answered(String answer) {
        if (!Scenario.ANSWER.equals(answer)) {
            throw new IllegalStateException("answered '" + answer + "'");
        }
        completed.incrementAndGet();
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
    static ExecutorService virtualThreads() {
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
