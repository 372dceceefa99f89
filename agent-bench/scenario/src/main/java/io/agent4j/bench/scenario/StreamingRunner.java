package io.agent4j.bench.scenario;

import java.util.function.Consumer;

/**
 * One implementation streaming: each piece of the answer's text goes to {@code onText} as it
 * arrives (on whatever thread the implementation delivers it), and the call returns once the
 * answer is whole. Thread-safe.
 */
public interface StreamingRunner {

    /** The long answer, {@value Scenario#LONG_CHUNKS} text chunks, asked without tools; returns its text. */
    String streamLong(Consumer<String> onText);

    /** The scenario streamed: the two tool calls arrive as deltas, the tools run, the answer streams; returns it. */
    String streamScenario(Consumer<String> onText);

    /** How one kind of client streams a prompt, each piece of text to {@code onText}; returns the whole text. */
    @FunctionalInterface
    interface Streamer<C> {
        /** Streams {@code prompt} through {@code client}. */
        String stream(C client, String prompt, Consumer<String> onText);
    }

    /**
     * A runner over two clients of one kind: {@code plain}, without tools, pointed at the long answer
     * ({@link #longBaseUrl}), and {@code withTools}, with the scenario's tools.
     */
    static <C> StreamingRunner of(C plain, C withTools, Streamer<C> streamer) {
        return new StreamingRunner() {
            @Override
            public String streamLong(Consumer<String> onText) {
                return streamer.stream(plain, Scenario.LONG_PROMPT, onText);
            }

            @Override
            public String streamScenario(Consumer<String> onText) {
                return streamer.stream(withTools, Scenario.PROMPT, onText);
            }
        };
    }

    /** The base URL of the long answer on the stub, beside the scenario's {@code baseUrl}. */
    static String longBaseUrl(String baseUrl) {
        return baseUrl.replace("/v1", "/long/v1");
    }
}
