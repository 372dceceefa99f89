package io.agent4j.bench.worker;

import io.agent4j.bench.scenario.LongHistory;
import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.ScenarioRunner;
import io.agent4j.bench.scenario.StreamingRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One implementation of the scenario in a JVM of its own, so that each keeps its own class path
 * (a peer's OkHttp 4 never meets agent4j's OkHttp 5). The harness starts it as
 * {@code java -cp JAR MAIN serve BASE_URL THREADS} and drives it over standard input and output:
 * one command a line, one answer a line that starts with {@code result} (or {@code failed}),
 * figures as {@code key=value} words. Everything else the implementation prints goes to standard
 * error. Commands:
 * <ul>
 *   <li>{@code warmup MILLIS}: sequential runs for that long;</li>
 *   <li>{@code latency MILLIS}: sequential runs for that long; {@code runs}, {@code median} and
 *       {@code p99} in nanoseconds per run;</li>
 *   <li>{@code alloc RUNS}: that many sequential runs; {@code bytes} allocated and {@code cpu}
 *       nanoseconds per run, summed over every Java thread of the JVM;</li>
 *   <li>{@code throughput THREADS MILLIS}: runs per second ({@code rate}) with that many client threads;</li>
 *   <li>{@code stream long|scenario MILLIS}: sequential streamed runs of the long answer or of the
 *       scenario for that long; {@code runs}, and the medians of {@code first} (nanoseconds to the
 *       first text) and {@code total}.</li>
 *   <li>{@code history TURNS MILLIS}: steps of a conversation holding the first {@code TURNS} turns of
 *       {@link LongHistory}, starting again from them every {@value LongHistory#STEPS_PER_HISTORY}
 *       steps, for that long; {@code steps}, and the {@code median} nanoseconds of a step;</li>
 *   <li>{@code history-body TURNS}: the {@code bytes} of the request body of the first step of that
 *       conversation, captured by a proxy in front of the stub.</li>
 * </ul>
 * {@code MAIN cold BASE_URL} instead runs once in a fresh JVM, prints the answer and exits, for a
 * cold start; it builds the implementation with its defaults ({@code threads} 0).
 * {@code MAIN inflight SIDE BASE_URL IN_FLIGHT WARMUP RUNS DELAY_MS} runs {@link InFlightBench} on
 * the implementation built for {@code IN_FLIGHT} threads, on a virtual thread per run when
 * {@code SIDE} ends in {@code -virtual} and a platform thread per run otherwise.
 */
public final class Worker {

    /** Builds an implementation against the stub; {@code threads} sizes its connection pool, 0 for its defaults. */
    @FunctionalInterface
    public interface Factory {
        /** The implementation at {@code baseUrl}, {@code http://127.0.0.1:PORT/v1}. */
        ScenarioRunner create(String baseUrl, int threads);
    }

    /** Builds an implementation's streaming side against the stub. */
    @FunctionalInterface
    public interface StreamingFactory {
        /** The streaming implementation at {@code baseUrl}, {@code http://127.0.0.1:PORT/v1}. */
        StreamingRunner create(String baseUrl);
    }

    private final String baseUrl;
    private final ScenarioRunner runner;
    private final StreamingRunner streaming;
    private final LongHistory.Factory histories;
    private final Map<Integer, LongHistory.Conversation> conversations = new HashMap<>();
    private final com.sun.management.ThreadMXBean threads;

    private Worker(String baseUrl, ScenarioRunner runner, StreamingRunner streaming, LongHistory.Factory histories) {
        this.baseUrl = baseUrl;
        this.runner = runner;
        this.streaming = streaming;
        this.histories = histories;
        this.threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    /**
     * The main of an implementation's JVM: {@code cold BASE_URL}, {@code serve BASE_URL THREADS} or
     * {@code inflight SIDE BASE_URL IN_FLIGHT WARMUP RUNS DELAY_MS}.
     */
    public static void main(String[] args, Factory factory, StreamingFactory streamingFactory,
            LongHistory.Factory histories) throws Exception {
        if (args.length >= 7 && args[0].equals("inflight")) {
            InFlightBench.run(Arrays.copyOfRange(args, 1, args.length), (bench, side, baseUrl, inFlight) ->
                    bench.workers(factory.create(baseUrl, inFlight), side.endsWith("-virtual")));
        }
        if (args.length >= 2 && args[0].equals("cold")) {
            System.out.println(factory.create(args[1], 0).run());
            System.out.flush();
            System.exit(0);
        }
        if (args.length < 3 || !args[0].equals("serve")) {
            throw new IllegalArgumentException("usage: cold BASE_URL | serve BASE_URL THREADS "
                    + "| inflight SIDE BASE_URL IN_FLIGHT WARMUP RUNS DELAY_MS");
        }
        PrintStream protocol = System.out;
        System.setOut(System.err);
        ScenarioRunner runner = factory.create(args[1], Integer.parseInt(args[2]));
        String answer = runner.run();
        if (!Scenario.ANSWER.equals(answer)) {
            protocol.println("failed " + runner.name() + " answered '" + answer + "'");
            protocol.flush();
            System.exit(1);
        }
        StreamingRunner streaming = streamingFactory.create(args[1]);
        String streamed = streaming.streamScenario(text -> { });
        String longAnswer = streaming.streamLong(text -> { });
        if (!Scenario.ANSWER.equals(streamed) || !Scenario.longAnswer().equals(longAnswer)) {
            protocol.println("failed " + runner.name() + " streamed a wrong answer");
            protocol.flush();
            System.exit(1);
        }
        protocol.println("result ready");
        protocol.flush();
        new Worker(args[1], runner, streaming, histories).serve(protocol);
        System.exit(0);
    }

    private void serve(PrintStream protocol) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.trim().split(" +");
            String answer;
            try {
                answer = switch (words[0]) {
                    case "warmup" -> "runs=" + sequential(Long.parseLong(words[1])).length;
                    case "latency" -> latency(sequential(Long.parseLong(words[1])));
                    case "alloc" -> allocation(Integer.parseInt(words[1]));
                    case "throughput" -> String.format(Locale.ROOT, "rate=%.1f",
                            throughput(runner, Integer.parseInt(words[1]), Long.parseLong(words[2])));
                    case "stream" -> streamed(words[1].equals("long"), Long.parseLong(words[2]));
                    case "history" -> history(Integer.parseInt(words[1]), Long.parseLong(words[2]));
                    case "history-body" -> "bytes=" + historyBody(Integer.parseInt(words[1]));
                    default -> throw new IllegalArgumentException("unknown command '" + line + "'");
                };
                protocol.println("result " + answer);
            } catch (RuntimeException | InterruptedException | IOException e) {
                e.printStackTrace();
                protocol.println("failed " + e);
            }
            protocol.flush();
        }
    }

    /** The nanoseconds of each run, sequential runs for {@code millis}. */
    private long[] sequential(long millis) {
        long[] nanos = new long[1024];
        int size = 0;
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            runner.run();
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = System.nanoTime() - start;
        }
        return Arrays.copyOf(nanos, size);
    }

    /** Sequential streamed runs for {@code millis}: the medians of the time to the first text and in all. */
    private String streamed(boolean longAnswer, long millis) {
        List<long[]> runs = new ArrayList<>();
        AtomicLong firstText = new AtomicLong();
        Consumer<String> onText = text -> firstText.compareAndSet(0, System.nanoTime());
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            firstText.set(0);
            long start = System.nanoTime();
            if (longAnswer) {
                streaming.streamLong(onText);
            } else {
                streaming.streamScenario(onText);
            }
            runs.add(new long[] {firstText.get() - start, System.nanoTime() - start});
        }
        long[] first = runs.stream().mapToLong(r -> r[0]).sorted().toArray();
        long[] total = runs.stream().mapToLong(r -> r[1]).sorted().toArray();
        return "runs=" + runs.size() + " first=" + percentile(first, 50) + " total=" + percentile(total, 50);
    }

    /** Steps of the conversation over {@code turns} turns for {@code millis}: the median step. */
    private String history(int turns, long millis) {
        LongHistory.Conversation conversation = conversations.computeIfAbsent(turns,
                n -> histories.create(baseUrl, LongHistory.first(n)));
        long[] nanos = new long[256];
        int size = 0;
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            conversation.reset();
            for (int step = 0; step < LongHistory.STEPS_PER_HISTORY; step++) {
                long start = System.nanoTime();
                String answer = conversation.step(LongHistory.prompt(step));
                long elapsed = System.nanoTime() - start;
                if (!Scenario.ANSWER.equals(answer)) {
                    throw new IllegalStateException(runner.name() + " answered '" + answer + "'");
                }
                if (size == nanos.length) {
                    nanos = Arrays.copyOf(nanos, size * 2);
                }
                nanos[size++] = elapsed;
            }
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        return "steps=" + size + " median=" + percentile(sorted, 50);
    }

    /** The size of the first step's request body over {@code turns} turns, as the stub receives it. */
    private long historyBody(int turns) throws IOException {
        try (CapturingProxy proxy = CapturingProxy.start(baseUrl)) {
            LongHistory.Conversation conversation = histories.create(proxy.baseUrl(), LongHistory.first(turns));
            conversation.reset();
            String answer = conversation.step(LongHistory.prompt(0));
            if (!Scenario.ANSWER.equals(answer)) {
                throw new IllegalStateException(runner.name() + " answered '" + answer + "'");
            }
            return proxy.lastBody();
        }
    }

    private static String latency(long[] nanos) {
        Arrays.sort(nanos);
        return "runs=" + nanos.length + " median=" + percentile(nanos, 50) + " p99=" + percentile(nanos, 99);
    }

    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Bytes and CPU nanoseconds per run over every Java thread (GC and JIT threads are not Java threads). */
    private String allocation(int runs) {
        long cpu = sum(threads.getThreadCpuTime(threads.getAllThreadIds()));
        long bytes = sum(threads.getThreadAllocatedBytes(threads.getAllThreadIds()));
        for (int i = 0; i < runs; i++) {
            runner.run();
        }
        long allocated = sum(threads.getThreadAllocatedBytes(threads.getAllThreadIds())) - bytes;
        long spent = sum(threads.getThreadCpuTime(threads.getAllThreadIds())) - cpu;
        return "bytes=" + allocated / runs + " cpu=" + spent / runs;
    }

    /** The sum of the values that are not negative (a thread that died reports -1). */
    static long sum(long[] values) {
        long total = 0;
        for (long value : values) {
            total += Math.max(0, value);
        }
        return total;
    }

    /**
     * Runs per second of {@code runner} with {@code clients} threads over {@code millis}, counted from
     * the moment every thread is ready.
     *
     * @throws IllegalStateException when a run fails
     */
    public static double throughput(ScenarioRunner runner, int clients, long millis) throws InterruptedException {
        LongAdder runs = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            Thread worker = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    while (!stop.get()) {
                        runner.run();
                        runs.increment();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-client-" + t);
            worker.start();
            workers.add(worker);
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        Thread.sleep(millis);
        long completed = runs.sum();
        long elapsed = System.nanoTime() - start;
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(runner.name() + " failed under load", failure.get());
        }
        return completed / (elapsed / 1e9);
    }
}
