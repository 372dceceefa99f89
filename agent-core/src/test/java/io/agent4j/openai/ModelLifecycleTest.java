package io.agent4j.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.ModelTimeoutException;
import io.agent4j.testing.KeepAliveServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** What an {@link OpenAiChatModel} owns, it releases on {@code close()}; what it was given, it leaves alone. */
class ModelLifecycleTest {

    private static final ChatRequest HELLO = new ChatRequest(List.of(new UserMessage("hello")), List.of());

    @Test
    void closingAModelClosesTheConnectionsOfItsOwnClient() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer()) {
            OpenAiChatModel model = OpenAiChatModel.builder().apiKey("sk-test").baseUrl(server.baseUrl()).build();
            assertThat(model.chat(HELLO).message().content()).isEqualTo("hi");
            assertThat(model.chat(HELLO).message().content()).isEqualTo("hi");
            assertThat(server.connections()).as("the second call reused the kept connection").isEqualTo(1);
            assertThat(server.closedByClient().getCount()).as("kept open between calls").isEqualTo(1);

            model.close();

            assertThat(server.closedByClient().await(30, TimeUnit.SECONDS)).as("the connection was closed").isTrue();
        }
    }

    @Test
    void closingAModelLeavesTheApplicationsClientOpen() throws Exception {
        OkHttpClient mine = new OkHttpClient();
        try (KeepAliveServer server = new KeepAliveServer()) {
            OpenAiChatModel model = OpenAiChatModel.builder().apiKey("sk-test").baseUrl(server.baseUrl())
                    .httpClient(mine).build();
            model.chat(HELLO);

            model.close();

            assertThat(mine.connectionPool().idleConnectionCount()).isEqualTo(1);
            OpenAiChatModel another = OpenAiChatModel.builder().apiKey("sk-test").baseUrl(server.baseUrl())
                    .httpClient(mine).build();
            assertThat(another.chat(HELLO).message().content()).isEqualTo("hi");
            assertThat(server.connections()).as("the other model used the same kept connection").isEqualTo(1);
        } finally {
            mine.connectionPool().evictAll();
        }
    }

    @Test
    void aCallAfterCloseFailsSayingSoAndClosingAgainDoesNothing() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer()) {
            OpenAiChatModel model = OpenAiChatModel.builder().apiKey("sk-test").baseUrl(server.baseUrl()).build();
            model.close();
            model.close();

            assertThatThrownBy(() -> model.chat(HELLO)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("was closed").hasMessageContaining("build a new one");
            assertThatThrownBy(() -> model.stream(HELLO, delta -> { }, io.agent4j.chat.Cancellation.NEVER))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(server.connections()).as("nothing was sent").isZero();
        }
    }

    @Test
    void theApplicationsExecutorMakesTheClientAndKeepsTheCallTimeout() throws Exception {
        AtomicInteger tasks = new AtomicInteger();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "app-background-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try (KeepAliveServer server = new KeepAliveServer()) {
            OpenAiChatModel model = OpenAiChatModel.builder().apiKey("sk-test").baseUrl(server.baseUrl())
                    .callTimeout(Duration.ofMillis(300)).maxRetries(0).executor(task -> {
                        tasks.incrementAndGet();
                        pool.execute(task);
                    }).build();
            assertThat(model.chat(HELLO).message().content()).isEqualTo("hi");
            assertThat(tasks).as("making the client, and the sweep of call deadlines").hasValue(2);

            ChatRequest hang = new ChatRequest(List.of(new UserMessage("hang")), List.of());
            assertThatThrownBy(() -> model.chat(hang)).isInstanceOf(ModelTimeoutException.class)
                    .hasMessageContaining("whole call 300 ms");
            model.close();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void agent4jsOwnBackgroundThreadsAreNamedDaemons() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer()) {
            OpenAiChatModel model = OpenAiChatModel.builder().apiKey("sk-test").baseUrl(server.baseUrl()).build();
            model.chat(HELLO);

            // the sweep of call deadlines runs for a second after the last call
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("agent4j-call-deadlines"))
                    .isNotEmpty().allMatch(Thread::isDaemon);
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("agent4j-"))
                    .allMatch(Thread::isDaemon);
            model.close();
        }
    }
}
