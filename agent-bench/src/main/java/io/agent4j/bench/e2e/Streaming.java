package io.agent4j.bench.e2e;

import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.StreamingRunner;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * Streamed answers through agent4j ({@link Agent4jStreaming}) against the {@link StreamingFloor},
 * both on the same OkHttp client, in
 * one JVM: the long answer of {@value Scenario#LONG_CHUNKS} text chunks, and the scenario
 * streamed (two parallel tool calls arriving as deltas, the tools, then the answer streamed).
 * Each round runs each case for a while, the sides alternating run by run in ABBA order, and
 * takes the medians of the time to the first text, the total time, and the CPU time and the
 * allocation of the calling thread (where both read the events and run the tools) per run; the
 * table gives the medians over the rounds and agent4j/floor. CPU time is the figure to trust when
 * other work shares the machine.
 * {@code java -jar agent-bench.jar streaming [ROUNDS] [SECONDS]};
 * {@code streaming profile agent4j|floor long|tools SECONDS} runs one side of one case alone, for a profiler.
 */
public final class Streaming {

    /** A side of a case: streams once, handing each piece of text to {@code onText}, and returns the answer. */
    @FunctionalInterface
    private interface Side {
        String stream(Consumer<String> onText);
    }

    private record Case(String title, String expected, Side agent4j, Side floor) {
    }

    /** Times one run: its start, its first piece of text. */
    private static final class Clock implements Consumer<String> {
        long start;
        long firstText;

        void reset() {
            start = System.nanoTime();
            firstText = 0;
        }

        @Override
        public void accept(String delta) {
            if (firstText == 0) {
                firstText = System.nanoTime();
            }
        }
    }

    private static final int METRICS = 4;

    private Streaming() {
    }

    public static void main(String[] args) throws Exception {
        boolean profile = args.length > 0 && args[0].equals("profile");
        int rounds = profile ? 0 : args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long seconds = !profile && args.length > 1 ? Long.parseLong(args[1]) : 3;
        Harness.printMachineLine();
        if (!profile) {
            System.out.printf(Locale.ROOT, "settings: %d rounds of %d s per case, the sides alternating ABBA%n",
                    rounds, seconds);
        }
        OkHttpClient http = Harness.client(1);
        try (StubProcess server = StubProcess.start()) {
            String baseUrl = server.baseUrl();
            Clock clock = new Clock();
            StreamingRunner agent4j = Agent4jStreaming.create(baseUrl, http);
            StreamingFloor floor = new StreamingFloor(baseUrl, http);
            List<Case> cases = List.of(
                    new Case(Scenario.LONG_CHUNKS + "-chunk answer", Scenario.longAnswer(), agent4j::streamLong,
                            floor::streamLong),
                    new Case("two tool calls as deltas, then the answer", Scenario.ANSWER, agent4j::streamScenario,
                            floor::streamScenario));
            for (Case c : cases) {
                check(c.title() + ", agent4j", c.expected(), c.agent4j().stream(clock));
                check(c.title() + ", floor", c.expected(), c.floor().stream(clock));
            }
            if (profile) {
                Case c = cases.get(args[2].equals("long") ? 0 : 1);
                Side side = args[1].equals("floor") ? c.floor() : c.agent4j();
                long end = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
                int runs = 0;
                for (; System.nanoTime() < end; runs++) {
                    side.stream(clock);
                }
                System.out.printf(Locale.ROOT, "%s, %s: %d runs in %s s%n", args[1], c.title(), runs, args[3]);
                return;
            }
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            threads.setThreadAllocatedMemoryEnabled(true);
            Harness.progress("warm-up, %d s per case", 2 * seconds);
            for (Case c : cases) {
                measure(c, clock, threads, 2 * seconds);
            }
            // [case][metric: first text, total, CPU, bytes][side: agent4j, floor][round]
            double[][][][] medians = new double[cases.size()][METRICS][2][rounds];
            for (int round = 0; round < rounds; round++) {
                Harness.progress("round %d of %d", round + 1, rounds);
                for (int k = 0; k < cases.size(); k++) {
                    long[][][] samples = measure(cases.get(k), clock, threads, seconds);
                    for (int metric = 0; metric < METRICS; metric++) {
                        for (int side = 0; side < 2; side++) {
                            medians[k][metric][side][round] = median(samples[metric][side]);
                        }
                    }
                }
            }
            print(cases, medians, rounds);
        }
    }

    private static void check(String what, String expected, String answer) {
        if (!expected.equals(answer)) {
            throw new IllegalStateException(what + " answered '" + answer + "'");
        }
    }

    /**
     * Runs the case's sides in ABBA order for {@code seconds}; returns [metric][side][run]: nanoseconds to
     * the first text, nanoseconds in all, CPU nanoseconds and bytes allocated of the calling thread.
     */
    private static long[][][] measure(Case c, Clock clock, com.sun.management.ThreadMXBean threads, long seconds) {
        Side[] sides = {c.agent4j(), c.floor()};
        long[][][] samples = new long[METRICS][2][1024];
        int[] sizes = new int[2];
        int[] order = {0, 1, 1, 0};
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int i = 0; System.nanoTime() < end; i++) {
            int side = order[i & 3];
            long bytes = threads.getCurrentThreadAllocatedBytes();
            long cpu = threads.getCurrentThreadCpuTime();
            clock.reset();
            sides[side].stream(clock);
            long done = System.nanoTime();
            long spent = threads.getCurrentThreadCpuTime() - cpu;
            long allocated = threads.getCurrentThreadAllocatedBytes() - bytes;
            int n = sizes[side]++;
            if (n == samples[0][side].length) {
                for (int metric = 0; metric < METRICS; metric++) {
                    samples[metric][side] = Arrays.copyOf(samples[metric][side], n * 2);
                }
            }
            samples[0][side][n] = clock.firstText - clock.start;
            samples[1][side][n] = done - clock.start;
            samples[2][side][n] = spent;
            samples[3][side][n] = allocated;
        }
        for (int metric = 0; metric < METRICS; metric++) {
            for (int side = 0; side < 2; side++) {
                samples[metric][side] = Arrays.copyOf(samples[metric][side], sizes[side]);
            }
        }
        return samples;
    }

    /** The median over the rounds of {@code a[round] / b[round]}: the sides alternate within a round, not across. */
    static double medianRatio(double[] a, double[] b) {
        double[] ratios = new double[a.length];
        Arrays.setAll(ratios, r -> a[r] / b[r]);
        return Harness.median(ratios);
    }

    private static double median(long[] values) {
        return Harness.median(Arrays.stream(values).asDoubleStream().toArray());
    }

    private static void print(List<Case> cases, double[][][][] medians, int rounds) {
        String[] metrics = {"time to first text, median (µs)", "total time, median (µs)",
            "CPU per run, calling thread, median (µs)", "allocation per run, calling thread, median (KiB)"};
        double[] units = {1e3, 1e3, 1e3, 1024};
        System.out.printf(Locale.ROOT, "%nmedians of %d rounds; agent4j/floor is the median of the rounds' ratios%n%n",
                rounds);
        System.out.println("| case | metric | agent4j | floor | agent4j/floor | target | met |");
        System.out.println("|---|---|---:|---:|---:|---|---|");
        for (int k = 0; k < cases.size(); k++) {
            for (int metric = 0; metric < METRICS; metric++) {
                double a = Harness.median(medians[k][metric][0]) / units[metric];
                double f = Harness.median(medians[k][metric][1]) / units[metric];
                double ratio = medianRatio(medians[k][metric][0], medians[k][metric][1]);
                boolean timed = metric < 3;
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s | %s |%n", cases.get(k).title(),
                        metrics[metric], Harness.num(a), Harness.num(f), ratio, timed ? "≤ 1.05" : "—",
                        timed ? (ratio <= 1.05 ? "yes" : "**no**") : "");
            }
        }
        System.out.println();
        System.out.println("agent4j/floor, round by round:");
        for (int k = 0; k < cases.size(); k++) {
            for (int metric = 0; metric < METRICS; metric++) {
                double[] ratios = new double[rounds];
                double[][] side = medians[k][metric];
                Arrays.setAll(ratios, r -> side[0][r] / side[1][r]);
                System.out.printf(Locale.ROOT, "  %s, %s: %s%n", cases.get(k).title(), metrics[metric],
                        Arrays.stream(ratios).mapToObj(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
            }
        }
    }
}
