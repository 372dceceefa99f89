package io.agent4j.bench.e2e;

import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.ScenarioRunner;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Attribution of agent4j's overhead: agent4j as configured by default, then with one design point
 * switched off through its public configuration, beside the floor, round-robin in one JVM.
 * Reports median latency, CPU time of all Java threads and all-thread allocation per run.
 * {@code java -jar agent-bench.jar variants [seconds]}.
 */
public final class Variants {

    private Variants() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 30;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        try (StubProcess server = StubProcess.start(); OpenTelemetrySdk tracing = Tracing.sdk()) {
            String url = server.baseUrl();
            List<ScenarioRunner> runners = List.of(
                    new Agent4jRunner(url, Harness.client(clients), "agent4j (default)", false, false),
                    new Agent4jRunner(url, Harness.client(clients), "agent4j, callTimeout(0)", true, false),
                    new Agent4jRunner(url, Harness.client(clients), "agent4j, tools on the executor (not inline)",
                            false, true),
                    new Agent4jRunner(url, Harness.client(clients),
                            "agent4j, traced (agent-opentelemetry, SDK, spans and metrics dropped)", false, false,
                            tracing),
                    new FloorRunner(url, Harness.client(clients)));
            for (ScenarioRunner runner : runners) {
                if (!Scenario.ANSWER.equals(runner.run())) {
                    throw new IllegalStateException(runner.name() + " answered wrong");
                }
            }
            int n = runners.size();
            long warmEnd = System.nanoTime() + 8_000_000_000L;
            for (int i = 0; System.nanoTime() < warmEnd; i++) {
                runners.get(i % n).run();
            }
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            List<List<long[]>> samples = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                samples.add(new ArrayList<>());
            }
            if (clients > 1) {
                underLoad(runners, seconds, clients);
                return;
            }
            int batch = 50;
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            for (int round = 0; System.nanoTime() < end; round++) {
                for (int k = 0; k < n; k++) {
                    int which = (k + round) % n;
                    ScenarioRunner runner = runners.get(which);
                    long cpu = cpu(threads);
                    long bytes = allocated(threads);
                    long start = System.nanoTime();
                    for (int i = 0; i < batch; i++) {
                        runner.run();
                    }
                    long nanos = System.nanoTime() - start;
                    samples.get(which).add(new long[] {nanos / batch, (cpu(threads) - cpu) / batch,
                            (allocated(threads) - bytes) / batch});
                }
            }
            double[] floor = medians(samples.get(n - 1));
            System.out.printf(Locale.ROOT, "%nmedians of batches of %d runs, %d batches each%n", batch,
                    samples.get(0).size());
            System.out.println("| variant | wall µs/run | ratio | CPU µs/run | ratio | KiB/run | ratio |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            for (int k = 0; k < n; k++) {
                double[] m = medians(samples.get(k));
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.0f | %.2f | %.1f | %.2f |%n",
                        runners.get(k).name(), m[0] / 1e3, m[0] / floor[0], m[1] / 1e3, m[1] / floor[1],
                        m[2] / 1024.0, m[2] / floor[2]);
            }
        }
    }

    /** Throughput with N client threads, 2 s rounds round-robin (the harness measures CPU and allocation sequentially). */
    private static void underLoad(List<ScenarioRunner> runners, long seconds, int clients)
            throws InterruptedException {
        int n = runners.size();
        List<List<long[]>> samples = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            samples.add(new ArrayList<>());
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int round = 0; System.nanoTime() < end; round++) {
            for (int k = 0; k < n; k++) {
                int which = (k + round) % n;
                ScenarioRunner runner = runners.get(which);
                java.util.concurrent.atomic.LongAdder runs = new java.util.concurrent.atomic.LongAdder();
                java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
                List<Thread> workers = new ArrayList<>();
                long start = System.nanoTime();
                for (int t = 0; t < clients; t++) {
                    Thread worker = new Thread(() -> {
                        while (!stop.get()) {
                            runner.run();
                            runs.increment();
                        }
                    });
                    worker.start();
                    workers.add(worker);
                }
                Thread.sleep(2000);
                stop.set(true);
                for (Thread worker : workers) {
                    worker.join();
                }
                long elapsed = System.nanoTime() - start;
                long count = runs.sum();
                samples.get(which).add(new long[] {(long) (count / (elapsed / 1e9)), 0, 0});
            }
        }
        double[] floor = medians(samples.get(n - 1));
        System.out.printf(Locale.ROOT, "%n%d client threads, rounds of 2 s, %d rounds each (median)%n", clients,
                samples.get(0).size());
        System.out.println("| variant | runs/s | ratio to floor |");
        System.out.println("|---|---:|---:|");
        for (int k = 0; k < n; k++) {
            double[] m = medians(samples.get(k));
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f |%n", runners.get(k).name(), m[0], m[0] / floor[0]);
        }
    }

    private static double[] medians(List<long[]> rows) {
        double[] result = new double[3];
        for (int c = 0; c < 3; c++) {
            int column = c;
            result[c] = Harness.median(rows.stream().mapToDouble(r -> r[column]).toArray());
        }
        return result;
    }

    /** CPU time of every Java thread (not GC or JIT threads), in ns. */
    static long cpu(com.sun.management.ThreadMXBean threads) {
        return Arrays.stream(threads.getThreadCpuTime(threads.getAllThreadIds())).filter(t -> t > 0).sum();
    }

    private static long allocated(com.sun.management.ThreadMXBean threads) {
        return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(b -> b > 0).sum();
    }
}
