package io.agent4j.bench.e2e;

import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.ScenarioRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one implementation alone against a fresh stub server for a while, for a profiler to watch:
 * {@code java -XX:StartFlightRecording:filename=a.jfr,settings=profile -jar agent-bench.jar profile agent4j 20 1}.
 * Arguments: {@code agent4j|plain|floor} ({@code plain}: agent4j with plain {@code @Tool}s, not inline), seconds,
 * client threads.
 */
public final class Profile {

    private Profile() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "agent4j";
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        try (StubProcess server = StubProcess.start()) {
            ScenarioRunner runner = switch (which) {
                case "floor" -> new FloorRunner(server.baseUrl(), Harness.client(threads));
                case "plain" -> new Agent4jRunner(server.baseUrl(), Harness.client(threads), "agent4j, plain @Tool",
                        false, true);
                default -> new Agent4jRunner(server.baseUrl(), Harness.client(threads));
            };
            if (!Scenario.ANSWER.equals(runner.run())) {
                throw new IllegalStateException("wrong answer");
            }
            LongAdder runs = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    while (!stop.get()) {
                        runner.run();
                        runs.increment();
                    }
                }, "profile-client-" + t);
                worker.start();
                workers.add(worker);
            }
            Thread.sleep(seconds * 1000);
            stop.set(true);
            for (Thread worker : workers) {
                worker.join();
            }
            System.out.printf(Locale.ROOT, "%s: %d runs in %d s with %d thread(s), %.0f runs/s%n", runner.name(),
                    runs.sum(), seconds, threads, runs.sum() / (double) seconds);
        }
    }
}
