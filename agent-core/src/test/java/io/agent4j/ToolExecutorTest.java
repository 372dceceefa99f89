package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.ToolMessage;
import io.agent4j.testing.ChatServer;
import io.agent4j.tool.Tool;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent's default executor is bounded: tools that ignore interruption keep their threads past
 * their timeout, and however often that happens the pool does not grow past
 * {@link Agent#DEFAULT_TOOL_THREADS}; calls beyond what it can take are refused and the model told so.
 */
class ToolExecutorTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    /** A tool that swallows interruption and returns only once the test lets it. */
    public static class Stubborn {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger started = new AtomicInteger();

        @Tool(value = "Waits, ignoring interruption", timeoutMillis = 20)
        public String stubborn(int n) {
            started.incrementAndGet();
            while (true) {
                try {
                    if (release.await(10, TimeUnit.SECONDS)) {
                        return "done " + n;
                    }
                } catch (InterruptedException ignored) {
                    // on purpose: this tool ignores interruption
                }
            }
        }
    }

    private final Stubborn tools = new Stubborn();

    /**
     * The default pool is shared by every agent of the JVM: tools abandoned by earlier tests (this
     * class's, released after each test, or another class's) may still hold threads for a moment.
     */
    @BeforeEach
    void waitUntilTheSharedPoolIsIdle() throws InterruptedException {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Agent.builder().model(ChatServer.model(server).build())
                .build().executor;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pool.getActiveCount() > 0 || !pool.getQueue().isEmpty()) {
            assertThat(System.nanoTime()).as("the shared tool pool became idle within 30 s (active %d, queued %d)",
                    pool.getActiveCount(), pool.getQueue().size()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @AfterEach
    void releaseTheStuckThreads() {
        tools.release.countDown();
    }

    private static String[][] calls(int from, int count) {
        String[][] calls = new String[count][];
        for (int i = 0; i < count; i++) {
            calls[i] = new String[] {"call_" + (from + i), "stubborn", "{\"n\":" + (from + i) + "}"};
        }
        return calls;
    }

    @Test
    void toolsThatIgnoreInterruptionAndTimeOutRepeatedlyDoNotGrowThePoolPastItsBound() {
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(tools).build();
        ThreadPoolExecutor pool = (ThreadPoolExecutor) agent.executor;
        int perRun = 40;
        int runs = 3;
        int abandoned = 0;
        for (int run = 0; run < runs; run++) {
            server.resetAll();
            script(server, toolCalls(calls(run * perRun, perRun)), answer("gave up"));

            AgentResult result = agent.run("Try them all");

            assertThat(result.text()).isEqualTo("gave up");
            List<String> told = result.messages().stream().filter(ToolMessage.class::isInstance)
                    .map(m -> m.content()).toList();
            assertThat(told).hasSize(perRun).allSatisfy(content -> assertThat(content)
                    .matches("Error: tool 'stubborn' (did not finish within 20 ms and was abandoned|was not run: the "
                            + "agent's executor refused it).*"));
            abandoned += told.size();
        }

        assertThat(abandoned).isEqualTo(runs * perRun);
        assertThat(pool.getLargestPoolSize()).isLessThanOrEqualTo(Agent.DEFAULT_TOOL_THREADS);
        assertThat(pool.getPoolSize()).isLessThanOrEqualTo(Agent.DEFAULT_TOOL_THREADS);
        assertThat(tools.started.get()).as("the calls beyond the stuck threads never started")
                .isLessThanOrEqualTo(Agent.DEFAULT_TOOL_THREADS);
    }

    @Test
    void aCallTheFullPoolCannotTakeIsRefusedAndCancelledCallsMakeRoomAgain() {
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(tools).build();
        int more = Agent.DEFAULT_TOOL_THREADS + Agent.DEFAULT_TOOL_QUEUE + 1;
        script(server, toolCalls(calls(0, more)), answer("gave up"));

        List<String> first = toolResults(agent.run("Try them all"));

        assertThat(first).filteredOn(content -> content.contains("executor refused it")).hasSize(1);
        assertThat(first).filteredOn(content -> content.contains("did not finish")).hasSize(more - 1);

        server.resetAll();
        script(server, toolCalls(calls(more, 100)), answer("gave up again"));

        List<String> second = toolResults(agent.run("Try these too"));

        assertThat(second).as("the cancelled calls waiting in the queue were purged").hasSize(100)
                .allSatisfy(content -> assertThat(content).contains("did not finish"));
        assertThat(tools.started.get()).isLessThanOrEqualTo(Agent.DEFAULT_TOOL_THREADS);
    }

    private static List<String> toolResults(AgentResult result) {
        return result.messages().stream().filter(ToolMessage.class::isInstance).map(m -> m.content()).toList();
    }

    @Test
    void theDefaultPoolKeepsItsThreadsOnlyWhileTheyWork() {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Agent.builder().model(ChatServer.model(server).build())
                .build().executor;

        assertThat(pool.getMaximumPoolSize()).isEqualTo(Agent.DEFAULT_TOOL_THREADS);
        assertThat(pool.allowsCoreThreadTimeOut()).isTrue();
        assertThat(pool.getQueue().remainingCapacity() + pool.getQueue().size()).isEqualTo(Agent.DEFAULT_TOOL_QUEUE);
    }
}
