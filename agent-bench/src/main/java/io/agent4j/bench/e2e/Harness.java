package io.agent4j.bench.e2e;

import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.ScenarioRunner;
import io.agent4j.bench.worker.Worker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The end-to-end harness: starts the {@link StubServer} in its own JVM, then runs the scenario
 * through agent4j and through the hand-written floor, interleaved, and prints one table of
 * figures with agent4j/floor ratios measured in the same run:
 * <ol>
 *   <li>sequential latency per run (median, p99), runs alternating in ABBA order;</li>
 *   <li>allocation per run: on the calling thread around each run, and over all threads for
 *       batches of runs (agent4j runs its tools on pool threads);</li>
 *   <li>throughput with 16 client threads over fixed rounds, alternating implementations;</li>
 *   <li>cold start to first answer: a fresh JVM per sample, from process start to the answer line.</li>
 * </ol>
 */
public final class Harness {

    private final Settings settings;
    /** The java command of this JVM, for the fresh JVMs of a cold start. */
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String classPath = System.getProperty("java.class.path");

    record Settings(Duration warmup, Duration latency, int allocRounds, int allocBatch, int threads,
            Duration throughputRound, int throughputRounds, int coldSamples) {

        static Settings parse(List<String> args) {
            boolean quick = args.contains("--quick");
            Settings s = quick
                    ? new Settings(Duration.ofSeconds(4), Duration.ofSeconds(6), 4, 100, 16, Duration.ofSeconds(2), 4, 3)
                    : new Settings(Duration.ofSeconds(12), Duration.ofSeconds(24), 10, 200, 16, Duration.ofSeconds(3), 8, 9);
            for (int i = 0; i < args.size() - 1; i++) {
                String value = args.get(i + 1);
                switch (args.get(i)) {
                    case "--threads" -> s = new Settings(s.warmup, s.latency, s.allocRounds, s.allocBatch,
                            Integer.parseInt(value), s.throughputRound, s.throughputRounds, s.coldSamples);
                    case "--cold-samples" -> s = new Settings(s.warmup, s.latency, s.allocRounds, s.allocBatch,
                            s.threads, s.throughputRound, s.throughputRounds, Integer.parseInt(value));
                    case "--latency-seconds" -> s = new Settings(s.warmup, Duration.ofSeconds(Long.parseLong(value)),
                            s.allocRounds, s.allocBatch, s.threads, s.throughputRound, s.throughputRounds, s.coldSamples);
                    default -> { }
                }
            }
            return s;
        }
    }

    private Harness(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        new Harness(Settings.parse(List.of(args))).run();
    }

    /** The mains of a cold start, in the order of its results: agent4j, the floor, a bare JVM, agent4j with TLS. */
    private static final String[] COLD_MAINS = {Agent4jRunner.class.getName(), FloorRunner.class.getName(),
            JvmOnly.class.getName(), Agent4jRunner.WithTls.class.getName()};

    /** Cold start alone: {@code samples} fresh JVMs for each side and a bare JVM, interleaved. */
    public static void coldOnly(int samples) throws Exception {
        Harness harness = new Harness(new Settings(Duration.ZERO, Duration.ZERO, 0, 0, 0, Duration.ZERO, 0, samples));
        harness.printMachine();
        try (StubProcess server = StubProcess.start()) {
            double[][] cold = harness.coldStart(COLD_MAINS, server.baseUrl());
            double agent4j = median(cold[0]);
            double floor = median(cold[1]);
            double tls = median(cold[3]);
            System.out.printf(Locale.ROOT, "cold start to first answer, median of %d (ms): agent4j %.0f, floor %.0f,"
                    + " agent4j/floor %.2f (target <= 1.3); agent4j with TLS loaded %.0f (%.2f); bare JVM %.0f%n",
                    samples, agent4j, floor, agent4j / floor, tls, tls / floor, median(cold[2]));
            System.out.printf(Locale.ROOT, "samples (ms): agent4j %s, floor %s%n", Arrays.toString(cold[0]),
                    Arrays.toString(cold[1]));
        }
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        printMachine();
        try (StubProcess server = StubProcess.start()) {
            String baseUrl = server.baseUrl();
            ScenarioRunner agent4j = new Agent4jRunner(baseUrl, client(settings.threads));
            ScenarioRunner floor = new FloorRunner(baseUrl, client(settings.threads));
            ScenarioRunner[] both = {agent4j, floor};
            for (ScenarioRunner runner : both) {
                String answer = runner.run();
                if (!Scenario.ANSWER.equals(answer)) {
                    throw new IllegalStateException(runner.name() + " answered '" + answer + "'");
                }
            }

            progress("warm-up, interleaved, %d s", settings.warmup.toSeconds());
            long warmEnd = System.nanoTime() + settings.warmup.toNanos();
            for (int i = 0; System.nanoTime() < warmEnd; i++) {
                both[i & 1].run();
                both[(i + 1) & 1].run();
            }

            progress("sequential latency and calling-thread allocation, ABBA, %d s", settings.latency.toSeconds());
            Samples[] sequential = sequential(both);

            progress("allocation and CPU over all threads, %d rounds of %d runs", settings.allocRounds,
                    settings.allocBatch);
            double[][][] batches = allocationAllThreads(both);
            double[][] allThreads = batches[0];
            double[][] cpu = batches[1];

            progress("throughput, %d threads, %d rounds of %d s each", settings.threads, settings.throughputRounds,
                    settings.throughputRound.toSeconds());
            double[][] throughput = throughput(both);

            progress("cold start, %d fresh JVMs each", settings.coldSamples);
            // let this JVM's collector and compilers go quiet so the fresh JVMs have the cores to themselves
            System.gc();
            Thread.sleep(2000);
            double[][] cold = coldStart(COLD_MAINS, baseUrl);

            printTable(sequential, allThreads, cpu, throughput, cold);
            System.out.printf(Locale.ROOT, "%nharness took %.0f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    /** OkHttp with a pool large enough for the client threads; each implementation gets its own. */
    static OkHttpClient client(int threads) {
        return new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(Math.max(5, threads * 2), 5, TimeUnit.MINUTES))
                .build();
    }

    /** Latency and calling-thread allocation per run; runs alternate A B B A so neither always goes first. */
    private Samples[] sequential(ScenarioRunner[] both) {
        com.sun.management.ThreadMXBean threads = threadBean();
        Samples[] samples = {new Samples(), new Samples()};
        long end = System.nanoTime() + settings.latency.toNanos();
        int[] order = {0, 1, 1, 0};
        for (int i = 0; System.nanoTime() < end; i++) {
            int which = order[i & 3];
            long bytes = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            both[which].run();
            long nanos = System.nanoTime() - start;
            samples[which].add(nanos, threads.getCurrentThreadAllocatedBytes() - bytes);
        }
        return samples;
    }

    /**
     * Bytes and CPU nanoseconds per run over every Java thread of this JVM (GC and JIT threads are
     * not Java threads), per batch; batches alternate A B, B A.
     */
    private double[][][] allocationAllThreads(ScenarioRunner[] both) {
        com.sun.management.ThreadMXBean threads = threadBean();
        double[][] perRun = new double[2][settings.allocRounds];
        double[][] cpuPerRun = new double[2][settings.allocRounds];
        for (int round = 0; round < settings.allocRounds; round++) {
            for (int k = 0; k < 2; k++) {
                int which = (round & 1) == 0 ? k : 1 - k;
                long cpu = Variants.cpu(threads);
                long before = totalAllocated(threads);
                for (int i = 0; i < settings.allocBatch; i++) {
                    both[which].run();
                }
                perRun[which][round] = (double) (totalAllocated(threads) - before) / settings.allocBatch;
                cpuPerRun[which][round] = (double) (Variants.cpu(threads) - cpu) / settings.allocBatch;
            }
        }
        return new double[][][] {perRun, cpuPerRun};
    }

    private static long totalAllocated(com.sun.management.ThreadMXBean threads) {
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    /** Runs per second with N client threads; rounds alternate A B, B A, ... */
    private double[][] throughput(ScenarioRunner[] both) throws InterruptedException {
        for (ScenarioRunner runner : both) {
            measureThroughput(runner, Duration.ofSeconds(Math.max(1, settings.throughputRound.toSeconds() / 2)));
        }
        double[][] rates = new double[2][settings.throughputRounds];
        for (int round = 0; round < settings.throughputRounds; round++) {
            for (int k = 0; k < 2; k++) {
                int which = (round & 1) == 0 ? k : 1 - k;
                rates[which][round] = measureThroughput(both[which], settings.throughputRound);
            }
        }
        return rates;
    }

    private double measureThroughput(ScenarioRunner runner, Duration duration) throws InterruptedException {
        return Worker.throughput(runner, settings.threads, duration.toMillis());
    }

    /** Milliseconds from process start to the answer line, a fresh JVM per sample, mains interleaved. */
    private double[][] coldStart(String[] mains, String baseUrl) throws IOException, InterruptedException {
        double[][] millis = new double[mains.length][settings.coldSamples];
        for (int sample = 0; sample < settings.coldSamples; sample++) {
            for (int k = 0; k < mains.length; k++) {
                int which = (k + sample) % mains.length;
                millis[which][sample] = coldSample(mains[which], baseUrl);
            }
        }
        return millis;
    }

    private double coldSample(String main, String baseUrl) throws IOException, InterruptedException {
        return coldSample(List.of(JAVA, "-cp", classPath, main, baseUrl));
    }

    /**
     * Milliseconds from starting {@code command}, a fresh JVM, until it prints the scenario's answer.
     *
     * @throws IllegalStateException when it exits without printing the answer
     */
    static double coldSample(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        long start = System.nanoTime();
        Process process = builder.start();
        double elapsed = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals(Scenario.ANSWER)) {
                    elapsed = (System.nanoTime() - start) / 1e6;
                    break;
                }
            }
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (elapsed < 0) {
            throw new IllegalStateException(command + " printed no answer (exit " + process.exitValue() + ")");
        }
        return elapsed;
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }

    private void printMachine() {
        printMachineLine();
        System.out.printf(Locale.ROOT, "settings: %s%n", settings);
    }

    /** The machine and the JVM, the first line of every table's output. */
    static void printMachineLine() {
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s (%s), Java %s (%s %s)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"));
    }

    private void printTable(Samples[] sequential, double[][] allThreads, double[][] cpu, double[][] throughput,
            double[][] cold) {
        System.out.println();
        System.out.printf(Locale.ROOT, "samples: %d agent4j and %d floor sequential runs; %d threads for throughput%n",
                sequential[0].size(), sequential[1].size(), settings.threads);
        System.out.println();
        System.out.println("| metric | agent4j | floor | agent4j/floor | target | met |");
        System.out.println("|---|---:|---:|---:|---|---|");
        double latA = sequential[0].nanosPercentile(50) / 1e3;
        double latF = sequential[1].nanosPercentile(50) / 1e3;
        row("latency per run, median (µs)", latA, latF, "≤ 1.10", latA / latF <= 1.10);
        double p99A = sequential[0].nanosPercentile(99) / 1e3;
        double p99F = sequential[1].nanosPercentile(99) / 1e3;
        row("latency per run, p99 (µs)", p99A, p99F, "—", null);
        double callA = sequential[0].bytesPercentile(50) / 1024.0;
        double callF = sequential[1].bytesPercentile(50) / 1024.0;
        row("allocation per run, calling thread, median (KiB)", callA, callF, "≤ 1.5", callA / callF <= 1.5);
        double allA = median(allThreads[0]) / 1024.0;
        double allF = median(allThreads[1]) / 1024.0;
        row("allocation per run, all threads, median (KiB)", allA, allF, "≤ 1.5", allA / allF <= 1.5);
        double cpuA = median(cpu[0]) / 1e3;
        double cpuF = median(cpu[1]) / 1e3;
        row("CPU per run, all Java threads, median (µs)", cpuA, cpuF, "—", null);
        double thrA = median(throughput[0]);
        double thrF = median(throughput[1]);
        row("throughput, " + settings.threads + " threads, median of rounds (runs/s)", thrA, thrF, "≥ 0.91 (1/1.10)",
                thrA / thrF >= 1 / 1.10);
        double coldA = median(cold[0]);
        double coldF = median(cold[1]);
        row("cold start to first answer, median (ms)", coldA, coldF, "≤ 1.3", coldA / coldF <= 1.3);
        double tls = median(cold[3]);
        row("cold start, agent4j given a default OkHttpClient (TLS loaded as by the floor) (ms)", tls, coldF, "—",
                null);
        double jvm = median(cold[2]);
        row("cold start minus a bare JVM on the same jar (ms)", coldA - jvm, coldF - jvm, "—", null);
        System.out.println();
        System.out.printf(Locale.ROOT, "bare JVM printing a line from the same jar: median %.0f ms%n", jvm);
        System.out.printf(Locale.ROOT, "throughput rounds (runs/s): agent4j %s, floor %s%n", fmt(throughput[0]),
                fmt(throughput[1]));
        System.out.printf(Locale.ROOT, "cold samples (ms): agent4j %s, floor %s, bare JVM %s, agent4j with TLS %s%n",
                fmt(cold[0]), fmt(cold[1]), fmt(cold[2]), fmt(cold[3]));
        System.out.printf(Locale.ROOT, "all-thread allocation rounds (KiB/run): agent4j %s, floor %s%n",
                fmt(scale(allThreads[0], 1 / 1024.0)), fmt(scale(allThreads[1], 1 / 1024.0)));
    }

    private static void row(String metric, double a, double f, String target, Boolean met) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %s | %s |%n", metric, num(a), num(f), a / f, target,
                met == null ? "" : met ? "yes" : "**no**");
    }

    static String num(double value) {
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    static String fmt(double[] values) {
        return Arrays.stream(values).mapToObj(Harness::num).toList().toString();
    }

    private static double[] scale(double[] values, double factor) {
        return Arrays.stream(values).map(v -> v * factor).toArray();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[harness] " + format + "%n", args);
    }

    /** Per-run nanoseconds and bytes. */
    private static final class Samples {
        private long[] nanos = new long[1 << 14];
        private long[] bytes = new long[1 << 14];
        private int size;

        void add(long n, long b) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            nanos[size] = n;
            bytes[size] = b;
            size++;
        }

        int size() {
            return size;
        }

        double nanosPercentile(double p) {
            return percentile(nanos, p);
        }

        double bytesPercentile(double p) {
            return percentile(bytes, p);
        }

        private double percentile(long[] values, double p) {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * size);
            return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
        }
    }
}
