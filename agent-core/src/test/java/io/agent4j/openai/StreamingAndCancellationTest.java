package io.agent4j.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.agent4j.openai.Sse.events;
import static io.agent4j.openai.Sse.eventsWithoutDone;
import static io.agent4j.openai.Sse.finish;
import static io.agent4j.openai.Sse.text;
import static io.agent4j.openai.Sse.usage;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.CancelledException;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ChatModel.stream}: text reaches the listener as it arrives, in order; a {@link Cancellation}
 * from another thread ends the call promptly wherever it is (waiting for headers, mid-stream,
 * between retries). The time bounds are liveness checks (a few seconds against a 30 s stall), not
 * performance assertions.
 */
class StreamingAndCancellationTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static final ChatRequest HELLO = new ChatRequest(List.of(new UserMessage("Hello")), List.of());
    /** Half the 30 s the slowest of these servers stalls: a call that ends sooner ended on its cancellation. */
    private static final Duration PROMPTLY = Duration.ofSeconds(15);

    private final List<String> deltas = Collections.synchronizedList(new ArrayList<>());

    /** Cancels {@code cancellation} from another thread once {@code when} opens (or after 30 s). */
    private static void cancelFromAnotherThread(Cancellation cancellation, CountDownLatch when) {
        cancelFromAnotherThread(cancellation, () -> {
            try {
                when.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Cancels {@code cancellation} from another thread once {@code await} returns. */
    private static void cancelFromAnotherThread(Cancellation cancellation, Runnable await) {
        Thread canceller = new Thread(() -> {
            await.run();
            cancellation.cancel();
        }, "canceller");
        canceller.setDaemon(true);
        canceller.start();
    }

    @Test
    void textDeltasReachTheListenerInOrderAsTheyArrive() throws Exception {
        String[] pieces = {"The", " weather", " in", " Seoul", " is", " sunny."};
        List<CountDownLatch> seen = new ArrayList<>();
        for (int i = 0; i < pieces.length; i++) {
            seen.add(new CountDownLatch(1));
        }
        List<Boolean> seenBeforeTheNextWasSent = Collections.synchronizedList(new ArrayList<>());
        // the server sends a delta only after the client has handed the previous one to the listener
        try (LoopbackServer loopback = new LoopbackServer(out -> {
            LoopbackServer.head(out, 200, "text/event-stream");
            for (int i = 0; i < pieces.length; i++) {
                LoopbackServer.write(out, eventsWithoutDone(text(pieces[i])));
                seenBeforeTheNextWasSent.add(seen.get(i).await(5, TimeUnit.SECONDS));
            }
            LoopbackServer.write(out, events(finish("stop"), usage(9, 6, 15)));
        })) {
            ChatResponse response = ChatServer.model(server).baseUrl(loopback.baseUrl()).build().stream(HELLO,
                    delta -> {
                        seen.get(deltas.size()).countDown();
                        deltas.add(delta);
                    }, new Cancellation());
            assertThat(deltas).containsExactly(pieces);
            assertThat(seenBeforeTheNextWasSent).hasSize(pieces.length).containsOnly(true);
            assertThat(response.message().content()).isEqualTo(String.join("", pieces));
            assertThat(response.usage()).isEqualTo(Usage.of(9, 6));
        }
    }

    @Test
    void cancellingWhileTheServerDelaysItsAnswerEndsTheCallPromptly() throws Exception {
        LoopbackServer[] holder = new LoopbackServer[1];
        CountDownLatch requested = new CountDownLatch(1);
        try (LoopbackServer loopback = new LoopbackServer(out -> {
            requested.countDown();
            holder[0].awaitClose(); // a 30 s+ delay before any byte of the answer
        })) {
            holder[0] = loopback;
            Cancellation cancellation = new Cancellation();
            cancelFromAnotherThread(cancellation, requested);
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> ChatServer.model(server).baseUrl(loopback.baseUrl()).build()
                    .stream(HELLO, deltas::add, cancellation));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
            assertThat(thrown).isInstanceOf(CancelledException.class);
            assertThat(deltas).isEmpty();
            assertThat(loopback.requests()).hasSize(1);
        }
    }

    @Test
    void cancellingWhileWireMockDelaysTheAnswerEndsTheCallPromptly() {
        script(server, Sse.stream(events(text("late"), finish("stop"))).withFixedDelay(30_000));
        Cancellation cancellation = new Cancellation();
        cancelFromAnotherThread(cancellation, () -> Poll.until("the request reached the server",
                () -> !server.getAllServeEvents().isEmpty()));
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> ChatServer.model(server).build().stream(HELLO, deltas::add,
                cancellation));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
        assertThat(thrown).isInstanceOf(CancelledException.class);
        assertThat(deltas).isEmpty();
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void cancellingWhileWireMockDribblesTheStreamEndsTheCallPromptly() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            body.append("data: ").append(text("word" + i + " ")).append("\n\n");
        }
        body.append("data: ").append(finish("stop")).append("\n\n").append(Sse.DONE);
        // 30 pieces over 30 s
        script(server, Sse.stream(body.toString()).withChunkedDribbleDelay(30, 30_000));
        Cancellation cancellation = new Cancellation();
        CountDownLatch firstText = new CountDownLatch(1);
        cancelFromAnotherThread(cancellation, firstText);
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> ChatServer.model(server).build().stream(HELLO, delta -> {
            deltas.add(delta);
            firstText.countDown();
        }, cancellation));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
        assertThat(thrown).isInstanceOf(CancelledException.class).hasMessageContaining("cancelled");
        assertThat(deltas).isNotEmpty().hasSizeLessThan(30);
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void cancellingMidStreamEndsTheCallPromptlyAndDeliversNothingMore() throws Exception {
        LoopbackServer[] holder = new LoopbackServer[1];
        try (LoopbackServer loopback = new LoopbackServer(out -> {
            LoopbackServer.head(out, 200, "text/event-stream");
            LoopbackServer.write(out, eventsWithoutDone(text("One"), text(" two")));
            holder[0].awaitClose();
            LoopbackServer.write(out, events(text(" three"), finish("stop")));
        })) {
            holder[0] = loopback;
            Cancellation cancellation = new Cancellation();
            CountDownLatch twoSeen = new CountDownLatch(2);
            cancelFromAnotherThread(cancellation, twoSeen);
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> ChatServer.model(server).baseUrl(loopback.baseUrl())
                    .readTimeout(Duration.ofSeconds(60)).build().stream(HELLO, delta -> {
                        deltas.add(delta);
                        twoSeen.countDown();
                    }, cancellation));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
            assertThat(thrown).isInstanceOf(CancelledException.class);
            assertThat(deltas).containsExactly("One", " two");
        }
    }

    @Test
    void cancellingWhileWaitingToRetryEndsTheCallPromptly() {
        // the server asks for 30 s; the real sleeper waits, and must wake up on cancellation
        script(server, aResponse().withStatus(429).withHeader("retry-after", "30")
                .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"code\":\"rate_limit_exceeded\"}}"),
                Sse.stream(events(text("too late"), finish("stop"))));
        Cancellation cancellation = new Cancellation();
        CountDownLatch retrying = new CountDownLatch(1);
        cancelFromAnotherThread(cancellation, retrying);
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> ChatServer.model(server).onRetry(retry -> retrying.countDown()).build()
                .stream(HELLO, deltas::add, cancellation));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
        assertThat(thrown).isInstanceOf(CancelledException.class);
        assertThat(requests(server)).hasSize(1);
        assertThat(deltas).isEmpty();
    }

    @Test
    void cancellationDuringAFakeRetryWaitSendsNoFurtherRequest() {
        script(server, aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"overloaded\"}}"),
                Sse.stream(events(text("too late"), finish("stop"))));
        Cancellation cancellation = new Cancellation();
        List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
        OpenAiChatModel model = ChatServer.model(server).sleeper(delay -> {
            waits.add(delay);
            cancellation.cancel();
        }).build();
        assertThat(catchThrowable(() -> model.stream(HELLO, deltas::add, cancellation)))
                .isInstanceOf(CancelledException.class);
        assertThat(waits).hasSize(1);
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void anAlreadyCancelledCallSendsNothing() {
        script(server, Sse.stream(events(text("never"), finish("stop"))));
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        assertThat(catchThrowable(() -> ChatServer.model(server).build().stream(HELLO, deltas::add, cancellation)))
                .isInstanceOf(CancelledException.class);
        assertThat(requests(server)).isEmpty();
        assertThat(deltas).isEmpty();
    }

    @Test
    void cancellingAfterTheCallCompletedChangesNothing() {
        script(server, Sse.stream(events(text("done"), finish("stop"))));
        Cancellation cancellation = new Cancellation();
        ChatResponse response = ChatServer.model(server).build().stream(HELLO, deltas::add, cancellation);
        cancellation.cancel();
        assertThat(response.message().content()).isEqualTo("done");
        assertThat(deltas).containsExactly("done");
        // the finished call left nothing registered that a late cancel could disturb: the model still works
        assertThat(ChatServer.model(server).build().stream(HELLO, deltas::add, new Cancellation()).message()
                .content()).isEqualTo("done");
    }
}
