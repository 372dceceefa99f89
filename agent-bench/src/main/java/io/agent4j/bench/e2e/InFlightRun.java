package io.agent4j.bench.e2e;

import io.agent4j.bench.scenario.ScenarioRunner;
import io.agent4j.bench.worker.InFlightBench;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The sides of {@link InFlight} on agent-bench's class path, each in a JVM of its own:
 * {@code InFlightRun SIDE BASE_URL IN_FLIGHT WARMUP RUNS DELAY_MS}, measured by {@link InFlightBench}.
 * The peers' sides run the same bench from their own jars ({@code java -jar peer-….jar inflight ...}).
 */
final class InFlightRun {

    /** The sides, each with how its runs are driven; the peers' run from their own jars. */
    static final String[][] SIDES = {
        {"floor-virtual", "a virtual thread per run, Call.execute (Java 21+)"},
        {"floor-async", "OkHttp's dispatcher, Call.enqueue"},
        {"floor-platform", "a platform thread per run, Call.execute"},
        {"agent4j-virtual", "a virtual thread per run, Agent.run (Java 21+)"},
        {"agent4j-platform", "a platform thread per run, Agent.run"},
        {"langchain4j-virtual", "a virtual thread per run, the AI service's chat (Java 21+)"},
        {"langchain4j-platform", "a platform thread per run, the AI service's chat"},
        {"spring-ai-virtual", "a virtual thread per run, ChatClient call() (Java 21+)"},
        {"spring-ai-platform", "a platform thread per run, ChatClient call()"},
    };

    private InFlightRun() {
    }

    public static void main(String[] args) throws Exception {
        InFlightBench.run(args, (bench, side, baseUrl, inFlight) -> {
            OkHttpClient http = client(inFlight);
            return switch (side) {
                case "floor-virtual" -> bench.workers(new FloorRunner(baseUrl, http), true);
                case "floor-platform" -> bench.workers(new FloorRunner(baseUrl, http), false);
                case "floor-async" -> async(bench, new AsyncFloor(baseUrl, http));
                case "agent4j-virtual" -> bench.workers(agent4j(baseUrl, http), true);
                case "agent4j-platform" -> bench.workers(agent4j(baseUrl, http), false);
                default -> throw new IllegalArgumentException("no side " + side + " on agent-bench's class path; one of "
                        + Arrays.stream(SIDES).map(s -> s[0]).filter(s -> !peer(s)).toList());
            };
        });
    }

    /** Whether {@code side} runs from a peer's jar rather than agent-bench's. */
    static boolean peer(String side) {
        return !side.startsWith("floor-") && !side.startsWith("agent4j-");
    }

    /** OkHttp with room for every run in flight: as many pooled connections, and no lower dispatcher limit. */
    static OkHttpClient client(int inFlight) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(inFlight);
        dispatcher.setMaxRequestsPerHost(inFlight);
        return new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(inFlight, 5, TimeUnit.MINUTES)).build();
    }

    /** agent4j with the scenario's tools as ordinary tools, run on the agent's default executor. */
    private static ScenarioRunner agent4j(String baseUrl, OkHttpClient http) {
        return new Agent4jRunner(baseUrl, http, "agent4j", false, true);
    }

    /** Chains of runs on OkHttp's dispatcher: each run's answer starts the next. */
    private static InFlightBench.Load async(InFlightBench bench, AsyncFloor floor) {
        AtomicInteger chains = new AtomicInteger();
        return new InFlightBench.Load() {
            @Override
            public void start(int inFlight, long spreadNanos) {
                chains.set(inFlight);
                InFlightBench.spread(inFlight, spreadNanos, this::next);
            }

            private void next() {
                if (bench.stopping()) {
                    chains.decrementAndGet();
                    return;
                }
                floor.run(answer -> {
                    bench.answered(answer);
                    next();
                }, e -> {
                    bench.failed(e);
                    chains.decrementAndGet();
                });
            }

            @Override
            public void stop() throws InterruptedException {
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
}
