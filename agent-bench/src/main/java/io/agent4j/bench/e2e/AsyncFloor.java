package io.agent4j.bench.e2e;

import java.io.IOException;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import tools.jackson.databind.node.ObjectNode;

/**
 * The floor written on OkHttp's dispatcher: each step is an enqueued call, and its callback (on a
 * dispatcher thread) reads the answer, calls the tools and enqueues the next step. The same work as
 * {@link FloorRunner}, whose request and reading of the answer it uses, with no thread of its own
 * per run; OkHttp's dispatcher still runs each call in flight on a thread of its pool.
 */
final class AsyncFloor {

    private final FloorRunner floor;
    private final OkHttpClient http;

    /**
     * @param baseUrl the stub's base URL
     * @param http the client, whose dispatcher must allow as many requests to one host as runs are in
     *     flight (OkHttp allows 5 by default)
     */
    AsyncFloor(String baseUrl, OkHttpClient http) {
        this.floor = new FloorRunner(baseUrl, http);
        this.http = http;
    }

    /** Starts a run; {@code done} gets its answer, or {@code failed} what went wrong, on a dispatcher thread. */
    void run(Consumer<String> done, Consumer<Throwable> failed) {
        step(floor.firstRequest(), 0, done, failed);
    }

    private void step(ObjectNode body, int step, Consumer<String> done, Consumer<Throwable> failed) {
        http.newCall(floor.request(body)).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                failed.accept(e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    if (!response.isSuccessful()) {
                        throw new IllegalStateException("HTTP " + response.code());
                    }
                    String answer = floor.next(body, response.body().bytes());
                    if (answer != null) {
                        done.accept(answer);
                    } else if (step + 1 < 4) {
                        step(body, step + 1, done, failed);
                    } else {
                        throw new IllegalStateException("still calling tools after 4 steps");
                    }
                } catch (IOException | RuntimeException e) {
                    failed.accept(e);
                }
            }
        });
    }
}
