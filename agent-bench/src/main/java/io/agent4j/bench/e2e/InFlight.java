package io.agent4j.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * {@code inflight [IN_FLIGHT] [ROUNDS] [peers] [--runs N] [--warmup N] [--delay MS] [--sides A,B]}: a
 * thousand runs in flight at once (by default) against a stub that answers each request after
 * 200 ms, each run two model calls and two tool calls. Each side runs in a fresh JVM of the same
 * settings per round (a peer's from its own jar), the sides in a new order each round, and reports
 * completed runs per second
 * over {@code --runs} runs (5,000) after {@code --warmup} (ten times the runs in flight, so that the
 * compilers are done), the CPU per run, the heap and the thread memory each run in flight holds,
 * and the most platform threads alive. The floors are the same OkHttp client, with the same pool
 * and dispatcher limits, driven as a careful engineer would: a virtual thread per run (Java 21+),
 * OkHttp's own dispatcher, or a platform thread per run. With {@code peers}, LangChain4j and Spring AI
 * run too, each through its synchronous API on a thread per run: virtual threads on Java 21 and later,
 * platform threads before (any side may be picked with {@code --sides}).
 */
public final class InFlight {

    private record Result(double rate, long heapPerRun, long threadsPerRun, int peakThreads, double cpuPerRun,
            double processCpuPerRun) {
    }

    private InFlight() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        boolean peers = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("peers")) {
                peers = true;
            } else if (args[i].startsWith("--")) {
                options.put(args[i], args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        int inFlight = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 1000;
        int rounds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 3;
        int runs = Integer.parseInt(options.getOrDefault("--runs", "5000"));
        int warmup = Integer.parseInt(options.getOrDefault("--warmup", String.valueOf(10 * inFlight)));
        long delay = Long.parseLong(options.getOrDefault("--delay", "200"));
        boolean virtual = Runtime.version().feature() >= 21;
        List<String> only = options.containsKey("--sides") ? List.of(options.get("--sides").split(",")) : null;
        boolean withPeers = peers;
        List<String[]> sides = Arrays.stream(InFlightRun.SIDES).filter(s -> only != null ? only.contains(s[0])
                : (virtual || !s[0].endsWith("-virtual")) && (!InFlightRun.peer(s[0])
                        || withPeers && s[0].endsWith(virtual ? "-virtual" : "-platform"))).toList();

        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s (%s)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), System.getProperty("java.vm.name"));
        System.out.printf(Locale.ROOT, "settings: %d runs in flight, answers after %d ms, %d rounds of %d runs after "
                + "%d warm-up runs, each side in a fresh JVM per round (%s)%n", inFlight, delay, rounds, runs, warmup,
                String.join(" ", JVM_OPTIONS));

        Map<String, List<Result>> results = new LinkedHashMap<>();
        sides.forEach(side -> results.put(side[0], new ArrayList<>()));
        try (StubProcess stub = StubProcess.start(DelayedStub.class, String.valueOf(delay))) {
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < sides.size(); k++) {
                    String side = sides.get((k + round) % sides.size())[0];
                    System.err.printf(Locale.ROOT, "[inflight] round %d of %d: %s%n", round + 1, rounds, side);
                    results.get(side).add(side(side, stub.baseUrl(), inFlight, warmup, runs, delay));
                }
            }
        }
        print(sides, results, inFlight / (2 * delay / 1e3));
    }

    private static final List<String> JVM_OPTIONS = List.of("-Xmx2g", "-XX:+UseG1GC",
            "-XX:NativeMemoryTracking=summary");

    private static Result side(String side, String baseUrl, int inFlight, int warmup, int runs, long delay)
            throws IOException, InterruptedException, URISyntaxException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        if (InFlightRun.peer(side)) {
            command.addAll(List.of("-jar", Peers.peerJar(side.substring(0, side.lastIndexOf('-')).equals("spring-ai")
                    ? "peer-spring-ai" : "peer-langchain4j").toString(), "inflight"));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), InFlightRun.class.getName()));
        }
        command.addAll(List.of(side, baseUrl, String.valueOf(inFlight), String.valueOf(warmup), String.valueOf(runs),
                String.valueOf(delay)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (result == null) {
            throw new IllegalStateException(side + " reported nothing (exit " + process.exitValue() + ")");
        }
        String[] f = result.split(" ");
        return new Result(Double.parseDouble(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                Integer.parseInt(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]));
    }

    private static void print(List<String[]> sides, Map<String, List<Result>> results, double ideal) {
        Map<String, Double> rates = new LinkedHashMap<>();
        results.forEach((side, list) -> rates.put(side, Harness.median(list.stream().mapToDouble(Result::rate)
                .toArray())));
        String best = rates.keySet().stream().filter(side -> side.startsWith("floor-"))
                .max((a, b) -> Double.compare(rates.get(a), rates.get(b))).orElseThrow();
        double floor = rates.get(best);
        System.out.println();
        System.out.printf(Locale.ROOT, "ideal: %.0f runs/s (every run in flight waiting 2 x the delay, nothing "
                + "else); the floor: %s, %.0f runs/s%n%n", ideal, best, floor);
        System.out.println("| side | runs driven by | runs/s, median | of the ideal | ÷ floor | CPU per run, Java "
                + "threads (µs) | CPU per run, process (µs) | heap per run in flight (KiB) | thread memory per run in "
                + "flight (KiB) | platform threads, peak |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String[] side : sides) {
            List<Result> list = results.get(side[0]);
            double rate = rates.get(side[0]);
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.2f | %.2f | %.0f | %.0f | %.1f | %.1f | %d |%n",
                    side[0], side[1], rate, rate / ideal, rate / floor,
                    Harness.median(list.stream().mapToDouble(Result::cpuPerRun).toArray()),
                    Harness.median(list.stream().mapToDouble(Result::processCpuPerRun).toArray()),
                    Harness.median(list.stream().mapToDouble(Result::heapPerRun).toArray()) / 1024,
                    Harness.median(list.stream().mapToDouble(Result::threadsPerRun).toArray()) / 1024,
                    list.stream().mapToInt(Result::peakThreads).max().orElse(0));
        }
        System.out.println();
        for (String agent4j : rates.keySet()) {
            if (agent4j.startsWith("agent4j-")) {
                String same = sameFloor(agent4j);
                double ratio = rates.get(agent4j) / floor;
                System.out.printf(Locale.ROOT, "%s / floor %.2f (target >= 0.90: %s)%s%n", agent4j, ratio,
                        ratio >= 0.9 ? "met" : "NOT met", rates.containsKey(same)
                                ? String.format(Locale.ROOT, "; / %s %.2f", same, rates.get(agent4j) / rates.get(same))
                                : "");
            }
        }
        System.out.println();
        System.out.println("each against the floor driven the same way (floor-virtual or floor-platform): the medians, "
                + "and in brackets the median of the rounds' ratios");
        System.out.println("| side | runs/s | CPU per run, Java threads (µs) | CPU per run, process (µs) | heap per run "
                + "in flight (KiB) | thread memory per run in flight (KiB) | memory per run in flight, in all (KiB) "
                + "| platform threads, peak |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String side : results.keySet()) {
            List<Result> list = results.get(side);
            List<Result> same = results.get(sameFloor(side));
            if (side.startsWith("floor-") || same == null) {
                continue;
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", side,
                    ratioCell(list, same, Result::rate, "%.0f"), ratioCell(list, same, Result::cpuPerRun, "%.0f"),
                    ratioCell(list, same, Result::processCpuPerRun, "%.0f"),
                    ratioCell(list, same, r -> r.heapPerRun() / 1024.0, "%.1f"),
                    ratioCell(list, same, r -> r.threadsPerRun() / 1024.0, "%.1f"),
                    ratioCell(list, same, r -> (r.heapPerRun() + r.threadsPerRun()) / 1024.0, "%.1f"),
                    ratioCell(list, same, Result::peakThreads, "%.0f"));
        }
        System.out.println();
        results.forEach((side, list) -> System.out.printf(Locale.ROOT, "rounds of %s (runs/s): %s%n", side,
                list.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.rate())).toList()));
    }

    /** The floor driven as {@code side} is: {@code floor-virtual} for a side on virtual threads, and so on. */
    private static String sameFloor(String side) {
        return "floor-" + side.substring(side.lastIndexOf('-') + 1);
    }

    /** The median of {@code side}'s figure, and in brackets the median of its rounds' ratios to {@code floor}'s. */
    private static String ratioCell(List<Result> side, List<Result> floor, ToDoubleFunction<Result> figure,
            String format) {
        int rounds = Math.min(side.size(), floor.size());
        double[] ratios = new double[rounds];
        Arrays.setAll(ratios, r -> figure.applyAsDouble(side.get(r)) / figure.applyAsDouble(floor.get(r)));
        return String.format(Locale.ROOT, format + " (%.2f)", Harness.median(side.stream().mapToDouble(figure)
                .toArray()), Harness.median(ratios));
    }
}
