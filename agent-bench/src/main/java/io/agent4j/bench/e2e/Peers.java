package io.agent4j.bench.e2e;

import io.agent4j.bench.scenario.Scenario;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The peers side by side: the floor, agent4j, LangChain4j and Spring AI run the same scenario
 * against the same stub, each in a JVM of its own with its own class path (a {@link WorkerProcess}),
 * in interleaved rounds. Each round measures, the implementations taking turns in an order that
 * rotates (the timed measurements in {@value #SLICES} turns each): sequential latency, allocation
 * and CPU per run over all threads, throughput with 16 client threads, a cold start (a fresh JVM
 * to the first answer), and the two streamed answers of {@link Streaming} (time to the first text
 * and in all). Prints the medians over the rounds and their ratios to the floor.
 * {@code java -jar agent-bench.jar peers [ROUNDS]}, with the peers' jars built beside agent-bench's
 * ({@code agent-bench/peer-*}/target, see docs/performance.md); {@code peers history ...} runs
 * {@link PeersHistory} instead.
 */
public final class Peers {

    private static final int THREADS = 16;
    /** How many turns each side takes at a timed measurement in a round. */
    private static final int SLICES = 6;

    /** An implementation: how to start its worker, and its fresh JVM for a cold start. */
    record Side(String name, List<String> main) {

        List<String> serve(String baseUrl) {
            return command("serve", baseUrl, Integer.toString(THREADS));
        }

        List<String> cold(String baseUrl) {
            return command("cold", baseUrl);
        }

        private List<String> command(String... args) {
            List<String> command = new ArrayList<>(main);
            command.addAll(List.of(args));
            return command;
        }
    }

    private record Settings(int rounds, long warmupMillis, long latencyMillis, int allocRuns, long throughputMillis) {

        static Settings parse(String[] args) {
            int rounds = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 5;
            Settings s = new Settings(rounds, 10_000, 3_000, 200, 3_000);
            for (int i = 0; i < args.length - 1; i++) {
                long value = args[i + 1].matches("\\d+") ? Long.parseLong(args[i + 1]) : -1;
                switch (args[i]) {
                    case "--warmup-seconds" -> s = new Settings(s.rounds, value * 1000, s.latencyMillis, s.allocRuns,
                            s.throughputMillis);
                    case "--latency-seconds" -> s = new Settings(s.rounds, s.warmupMillis, value * 1000, s.allocRuns,
                            s.throughputMillis);
                    case "--throughput-seconds" -> s = new Settings(s.rounds, s.warmupMillis, s.latencyMillis,
                            s.allocRuns, value * 1000);
                    default -> { }
                }
            }
            return s;
        }
    }

    /** One figure of every side in every round. */
    private static final class Figure {
        final double[][] values;

        Figure(int sides, int rounds) {
            values = new double[sides][rounds];
        }

        double median(int side) {
            return Harness.median(values[side]);
        }
    }

    private Peers() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("history")) {
            PeersHistory.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Settings settings = Settings.parse(args);
        String benchPath = System.getProperty("java.class.path");
        List<Side> sides = sides();
        int n = sides.size();
        Harness.printMachineLine();
        System.out.printf(Locale.ROOT, "settings: %s, %d client threads for throughput%n", settings, THREADS);
        long started = System.nanoTime();
        Figure latency = new Figure(n, settings.rounds);
        Figure p99 = new Figure(n, settings.rounds);
        Figure bytes = new Figure(n, settings.rounds);
        Figure cpu = new Figure(n, settings.rounds);
        Figure throughput = new Figure(n, settings.rounds);
        Figure cold = new Figure(n, settings.rounds);
        Figure longFirst = new Figure(n, settings.rounds);
        Figure longTotal = new Figure(n, settings.rounds);
        Figure streamFirst = new Figure(n, settings.rounds);
        Figure streamTotal = new Figure(n, settings.rounds);
        double[] bareJvm = new double[settings.rounds];
        try (StubProcess server = StubProcess.start()) {
            String baseUrl = server.baseUrl();
            List<WorkerProcess> workers = new ArrayList<>();
            try {
                for (Side side : sides) {
                    workers.add(WorkerProcess.start(side.name(), side.serve(baseUrl)));
                }
                for (WorkerProcess worker : workers) {
                    Harness.progress("warm-up: %s, %d s sequential, then under load", worker.name(),
                            settings.warmupMillis / 1000);
                    worker.send("warmup " + settings.warmupMillis);
                    worker.send("throughput " + THREADS + " " + settings.throughputMillis);
                }
                for (int round = 0; round < settings.rounds; round++) {
                    Harness.progress("round %d of %d", round + 1, settings.rounds);
                    List<List<Map<String, Double>>> seq = sliced(workers, "latency", settings.latencyMillis, round);
                    for (int k = 0; k < n; k++) {
                        latency.values[k][round] = median(seq.get(k), "median");
                        p99.values[k][round] = median(seq.get(k), "p99");
                    }
                    for (int k = 0; k < n; k++) {
                        int which = (k + round) % n;
                        Map<String, Double> alloc = workers.get(which).send("alloc " + settings.allocRuns);
                        bytes.values[which][round] = alloc.get("bytes");
                        cpu.values[which][round] = alloc.get("cpu");
                    }
                    for (int k = 0; k < n; k++) {
                        int which = (k + round) % n;
                        throughput.values[which][round] = workers.get(which)
                                .send("throughput " + THREADS + " " + settings.throughputMillis).get("rate");
                    }
                    List<List<Map<String, Double>>> longs = sliced(workers, "stream long", settings.latencyMillis, round);
                    List<List<Map<String, Double>>> scenarios = sliced(workers, "stream scenario",
                            settings.latencyMillis, round);
                    for (int k = 0; k < n; k++) {
                        longFirst.values[k][round] = median(longs.get(k), "first");
                        longTotal.values[k][round] = median(longs.get(k), "total");
                        streamFirst.values[k][round] = median(scenarios.get(k), "first");
                        streamTotal.values[k][round] = median(scenarios.get(k), "total");
                    }
                    // let the workers' collectors and compilers go quiet so the fresh JVMs have the cores
                    Thread.sleep(1000);
                    for (int k = 0; k < n; k++) {
                        int which = (k + round) % n;
                        cold.values[which][round] = Harness.coldSample(sides.get(which).cold(baseUrl));
                    }
                    bareJvm[round] = Harness.coldSample(List.of(Harness.JAVA, "-cp", benchPath,
                            JvmOnly.class.getName()));
                }
            } finally {
                for (WorkerProcess worker : workers) {
                    worker.close();
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nmedians of %d rounds; in brackets, the median of the rounds' ratios to the floor%n%n",
                settings.rounds);
        System.out.println("| implementation | latency per run, median (µs) | p99 (µs) | allocation per run, all threads "
                + "(KiB) | CPU per run, all Java threads (µs) | throughput, " + THREADS + " threads (runs/s) "
                + "| cold start to first answer (ms) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (int k = 0; k < n; k++) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", sides.get(k).name(),
                    cell(latency, k, 1e3), cell(p99, k, 1e3), cell(bytes, k, 1024), cell(cpu, k, 1e3),
                    cell(throughput, k, 1), cell(cold, k, 1));
        }
        System.out.println();
        System.out.println("| implementation | " + Scenario.LONG_CHUNKS + "-chunk answer: first text (µs) | in all (µs) "
                + "| tool calls as deltas, then the answer: first text (µs) | in all (µs) |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int k = 0; k < n; k++) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", sides.get(k).name(), cell(longFirst, k, 1e3),
                    cell(longTotal, k, 1e3), cell(streamFirst, k, 1e3), cell(streamTotal, k, 1e3));
        }
        System.out.printf(Locale.ROOT, "%nbare JVM printing a line from agent-bench's jar: median %.0f ms%n",
                Harness.median(bareJvm));
        System.out.println("ratios to the floor, round by round:");
        printRounds("latency", latency, sides);
        printRounds("allocation", bytes, sides);
        printRounds("throughput", throughput, sides);
        printRounds("cold start", cold, sides);
        printRounds("streamed long answer, in all", longTotal, sides);
        printRounds("streamed scenario, in all", streamTotal, sides);
        System.out.printf(Locale.ROOT, "%npeers took %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** The four implementations, the floor first. */
    static List<Side> sides() throws URISyntaxException {
        String benchPath = System.getProperty("java.class.path");
        return List.of(
                new Side("floor", List.of(Harness.JAVA, "-cp", benchPath, LocalWorker.class.getName(), "floor")),
                new Side("agent4j", List.of(Harness.JAVA, "-cp", benchPath, LocalWorker.class.getName(), "agent4j")),
                new Side("LangChain4j", List.of(Harness.JAVA, "-jar", peerJar("peer-langchain4j").toString())),
                new Side("Spring AI", List.of(Harness.JAVA, "-jar", peerJar("peer-spring-ai").toString())));
    }

    /**
     * {@code command MILLIS} in {@value #SLICES} slices of its time, the workers taking turns slice by slice
     * in an order that rotates, so that what else the machine does falls on every side alike; the answers
     * of each worker, in its order.
     */
    static List<List<Map<String, Double>>> sliced(List<WorkerProcess> workers, String command, long millis,
            int round) throws IOException {
        int n = workers.size();
        List<List<Map<String, Double>>> answers = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            answers.add(new ArrayList<>());
        }
        for (int slice = 0; slice < SLICES; slice++) {
            for (int k = 0; k < n; k++) {
                int which = (k + round + slice) % n;
                answers.get(which).add(workers.get(which).send(command + " " + millis / SLICES));
            }
        }
        return answers;
    }

    static double median(List<Map<String, Double>> answers, String key) {
        return Harness.median(answers.stream().mapToDouble(a -> a.get(key)).toArray());
    }

    private static String cell(Figure figure, int side, double unit) {
        return Harness.num(figure.median(side) / unit) + String.format(Locale.ROOT, " (%.2f)",
                Streaming.medianRatio(figure.values[side], figure.values[0]));
    }

    private static void printRounds(String metric, Figure figure, List<Side> sides) {
        StringBuilder line = new StringBuilder("  " + metric + ":");
        for (int k = 1; k < sides.size(); k++) {
            double[] side = figure.values[k];
            double[] ratios = new double[side.length];
            Arrays.setAll(ratios, r -> side[r] / figure.values[0][r]);
            line.append(' ').append(sides.get(k).name()).append(' ').append(Arrays.stream(ratios)
                    .mapToObj(r -> String.format(Locale.ROOT, "%.2f", r)).toList()).append(k + 1 < sides.size() ? ";" : "");
        }
        System.out.println(line);
    }

    /** A peer's runnable jar, built by its module beside agent-bench: {@code agent-bench/MODULE/target/MODULE.jar}. */
    static Path peerJar(String module) throws URISyntaxException {
        Path code = Path.of(Peers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = code.getParent().getParent().resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the peers with "
                    + "mvn -B -q -Pbench -pl agent-bench -am package -DskipTests (see docs/performance.md)");
        }
        return jar;
    }
}
