package io.agent4j.openai;

import static io.agent4j.openai.Sse.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.ModelConnectionException;
import io.agent4j.errors.ServerException;
import io.agent4j.testing.ChatServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * No server can make the client hold more than a few megabytes: a 200 MB body (an error, a
 * success, one stream event) is served by a loopback server that writes it block by block and
 * counts what the client took before it stopped reading. The count, not the heap, is the proof:
 * reading such a body whole takes all 200 MB off the socket.
 */
class BodyLimitsTest {

    private static final ChatRequest HELLO = new ChatRequest(List.of(new UserMessage("Hello")), List.of());
    private static final long HUGE = 200L * 1024 * 1024;
    /** What the client's cap and the socket buffers of both sides can hold together, with room to spare. */
    private static final long BOUND = 40L * 1024 * 1024;

    private final AtomicLong written = new AtomicLong();
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Writes the head, {@code prefix}, then {@link #HUGE} bytes of {@code filler}, counting them. */
    private LoopbackServer.Exchange huge(int status, String contentType, String prefix, char filler) {
        return out -> {
            try {
                LoopbackServer.head(out, status, contentType);
                LoopbackServer.write(out, prefix);
                writeFiller(out, filler);
            } finally {
                finished.countDown();
            }
        };
    }

    private void writeFiller(OutputStream out, char filler) throws Exception {
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) filler);
        for (long sent = 0; sent < HUGE; sent += block.length) {
            out.write(block);
            written.addAndGet(block.length);
        }
        out.flush();
    }

    private OpenAiChatModel model(LoopbackServer loopback) {
        return OpenAiChatModel.builder().apiKey(ChatServer.KEY).baseUrl(loopback.baseUrl()).maxRetries(0)
                .readTimeout(Duration.ofSeconds(20)).build();
    }

    private void assertReadAtMost(long bytes) throws InterruptedException {
        assertThat(finished.await(30, TimeUnit.SECONDS)).as("the server stopped writing").isTrue();
        assertThat(written.get()).as("bytes the client took of a %d-byte body", HUGE).isLessThan(bytes);
    }

    @Test
    void aHugeErrorBodyIsReadOnlyUpToItsCapAndSaysSo() throws Exception {
        try (LoopbackServer loopback = new LoopbackServer(huge(500, "application/json",
                "{\"error\":{\"message\":\"", 'x'))) {
            Throwable thrown = catchThrowable(() -> model(loopback).chat(HELLO));
            assertReadAtMost(BOUND);
            assertThat(thrown).isInstanceOf(ServerException.class).hasMessageContaining("HTTP 500")
                    .hasMessageContaining("Only the first 64 KiB of the error body were read.");
            assertThat(thrown.getMessage()).hasSizeLessThan(1000);
        }
    }

    @Test
    void aHugeSuccessBodyIsAClearErrorNotAnOutOfMemoryError() throws Exception {
        try (LoopbackServer loopback = new LoopbackServer(huge(200, "application/json",
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"", 'x'))) {
            Throwable thrown = catchThrowable(() -> model(loopback).chat(HELLO));
            assertReadAtMost(BOUND);
            assertThat(thrown).isExactlyInstanceOf(ModelConnectionException.class)
                    .hasMessageContaining("answered with a body larger than 8 MiB");
            assertThat(loopback.requests()).hasSize(1);
        }
    }

    @Test
    void aHugeStreamEventIsAClearErrorAndNotRetried() throws Exception {
        List<String> deltas = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LoopbackServer loopback = new LoopbackServer(huge(200, "text/event-stream",
                "data: " + text("Hi") + "\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"", 'x'))) {
            Throwable thrown = catchThrowable(() -> OpenAiChatModel.builder().apiKey(ChatServer.KEY)
                    .baseUrl(loopback.baseUrl()).build().stream(HELLO, deltas::add, new Cancellation()));
            assertThat(thrown).isExactlyInstanceOf(ModelConnectionException.class)
                    .hasMessageContaining("sent an event larger than 8 MiB after 1 chunk(s)");
            assertThat(deltas).containsExactly("Hi");
            assertThat(loopback.requests()).hasSize(1);
            assertReadAtMost(BOUND);
        }
    }

    @Test
    void aHugeFirstStreamEventIsNotRetriedEither() throws Exception {
        try (LoopbackServer loopback = new LoopbackServer(huge(200, "text/event-stream", "data: ", 'x'))) {
            Throwable thrown = catchThrowable(() -> OpenAiChatModel.builder().apiKey(ChatServer.KEY)
                    .baseUrl(loopback.baseUrl()).build().stream(HELLO, delta -> { }, new Cancellation()));
            assertThat(thrown).isExactlyInstanceOf(ModelConnectionException.class)
                    .hasMessageContaining("larger than 8 MiB after 0 chunk(s)");
            assertThat(loopback.requests()).hasSize(1);
            assertReadAtMost(BOUND);
        }
    }

    @Test
    void aStreamWhoseAnswerAddsUpPastTheCapIsAClearError() throws Exception {
        // each event is well under the cap; together they hold more text than any completion
        String mebibyte = text("x".repeat(1024 * 1024));
        try (LoopbackServer loopback = new LoopbackServer(out -> {
            LoopbackServer.head(out, 200, "text/event-stream");
            for (int i = 0; i < 9; i++) {
                LoopbackServer.write(out, "data: " + mebibyte + "\n\n");
            }
            LoopbackServer.write(out, Sse.events(Sse.finish("stop")));
        })) {
            Throwable thrown = catchThrowable(() -> OpenAiChatModel.builder().apiKey(ChatServer.KEY)
                    .baseUrl(loopback.baseUrl()).build().stream(HELLO, delta -> { }, new Cancellation()));
            assertThat(thrown).isExactlyInstanceOf(ModelConnectionException.class)
                    .hasMessageContaining("the streamed answer passed 8 Mi characters of text and tool-call arguments")
                    .hasMessageContaining("after 9 chunk(s)");
        }
    }

    @Test
    void theCapIsPerEventNotPerStream() throws Exception {
        // 9 MiB of events that carry no text, each its own event, then a normal answer
        String empty = "data: {\"choices\":[]}\n\n";
        byte[] events = empty.repeat(9 * 1024 * 1024 / empty.length() + 1).getBytes(StandardCharsets.UTF_8);
        try (LoopbackServer loopback = new LoopbackServer(out -> {
            LoopbackServer.head(out, 200, "text/event-stream");
            out.write(events);
            LoopbackServer.write(out, Sse.events(text("Hello"), Sse.finish("stop")));
        })) {
            ChatResponse response = OpenAiChatModel.builder().apiKey(ChatServer.KEY).baseUrl(loopback.baseUrl())
                    .build().stream(HELLO, delta -> { }, new Cancellation());
            assertThat(response.message().content()).isEqualTo("Hello");
        }
    }

    @Test
    void commentsAndBlankLinesBeforeAnEventCountTowardsIt() throws Exception {
        // what comes between two events with data is held to the cap of one event, whatever its lines are
        try (LoopbackServer loopback = new LoopbackServer(huge(200, "text/event-stream",
                "data: " + text("Hi") + "\n\n: keep-alive\n\n", '\n'))) {
            Throwable thrown = catchThrowable(() -> OpenAiChatModel.builder().apiKey(ChatServer.KEY)
                    .baseUrl(loopback.baseUrl()).build().stream(HELLO, delta -> { }, new Cancellation()));
            assertThat(thrown).isExactlyInstanceOf(ModelConnectionException.class)
                    .hasMessageContaining("sent an event larger than 8 MiB after 1 chunk(s)");
            assertReadAtMost(BOUND);
        }
    }
}
