package io.agent4j.bench.e2e;

import io.agent4j.bench.worker.Worker;
import java.util.Arrays;

/**
 * The {@link Worker} of agent4j and of the floor, on agent-bench's own class path:
 * {@code LocalWorker agent4j|floor cold BASE_URL} or {@code ... serve BASE_URL THREADS}. With
 * threads each gets an OkHttp client whose pool fits them; a cold start uses each one's default.
 * agent4j's tools are plain {@code @Tool}s (not inline), as an application writes them.
 * Streaming, agent4j uses its own default client and the floor a client of its own. In a long
 * conversation ({@link History}'s sides) both have a client with Nagle's algorithm off, and agent4j
 * its default memory.
 */
public final class LocalWorker {

    private LocalWorker() {
    }

    public static void main(String[] args) throws Exception {
        boolean floor = switch (args.length == 0 ? "" : args[0]) {
            case "floor" -> true;
            case "agent4j" -> false;
            default -> throw new IllegalArgumentException("usage: agent4j|floor cold|serve ...");
        };
        Worker.main(Arrays.copyOfRange(args, 1, args.length), (baseUrl, threads) -> floor
                ? new FloorRunner(baseUrl, threads > 0 ? Harness.client(threads) : null)
                : new Agent4jRunner(baseUrl, threads > 0 ? Harness.client(threads) : null, "agent4j", false, true),
                baseUrl -> floor ? new StreamingFloor(baseUrl, Harness.client(1)) : Agent4jStreaming.create(baseUrl, null),
                (baseUrl, turns) -> floor ? new History.FloorSide(baseUrl, History.client(), History.tree(turns))
                        : new History.Agent4jSide("agent4j", baseUrl, History.client(), History.messages(turns), false));
    }
}
