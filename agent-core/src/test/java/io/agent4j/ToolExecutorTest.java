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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent's default executor is bounded: tools that ignore interruption keep their threads past
 * their timeout, and however often that happens neither the pool (before Java 21) grows past
 * {@link ToolThreads#POOL_THREADS} nor do more than {@link ToolThreads#VIRTUAL_CALLS} calls run on
 * virtual threads (21 and later); calls beyond what it can take are refused and the model told so.
 * Each test has an executor of its own, made as the shared one is, so that no test waits for
 * another's stuck threads. {@code VirtualToolThreadsTest} runs the virtual threads themselves on a
 * Java 21+.
 */
class ToolExecutorTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    /** Tools that swallow interruption and return only once the test lets them. */
    public static class Stubborn {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger started = new AtomicInteger();

        @Tool(value = "Waits, ignoring interruption", timeoutMillis = 20)
        public String stubborn(int n) {
            return waitForRelease(n);
        }

        /** As {@link #stubborn}, with time enough to start on a busy machine before its timeout. */
        @Tool(value = "Waits longer, ignoring interruption", timeoutMillis = 500)
        public String held(int n) {
            return waitForRelease(n);
        }

        private String waitForRelease(int n) {
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

    @AfterEach
    void releaseTheStuckThreads() {
        tools.release.countDown();
    }

    private static String[][] calls(int from, int count) {
        return calls("stubborn", from, count);
    }

    private static String[][] calls(String tool, int from, int count) {
        String[][] calls = new String[count][];
        for (int i = 0; i < count; i++) {
            calls[i] = new String[] {"call_" + (from + i), tool, "{\"n\":" + (from + i) + "}"};
        }
        return calls;
    }

    @Test
    void beforeJava21TheSharedExecutorIsThePoolAndFrom21OnAVirtualThreadPerCall() {
        ExecutorService shared = Agent.builder().model(ChatServer.model(server).build()).build().executor;

        if (Runtime.version().feature() < 21) {
            assertThat(shared).isInstanceOf(ThreadPoolExecutor.class);
            assertThat(((ThreadPoolExecutor) shared).getMaximumPoolSize()).isEqualTo(ToolThreads.POOL_THREADS);
            assertThat(ToolThreads.virtualThreads()).isNull();
        } else {
            assertThat(shared).isInstanceOf(ToolThreads.ThreadPerCall.class);
            assertThat(ToolThreads.virtualThreads()).isNotNull();
        }
    }

    @Test
    void toolsThatIgnoreInterruptionAndTimeOutRepeatedlyDoNotGrowThePoolPastItsBound() {
        ThreadPoolExecutor pool = ToolThreads.pool();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(tools).executor(pool).build();
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
        assertThat(pool.getLargestPoolSize()).isLessThanOrEqualTo(ToolThreads.POOL_THREADS);
        assertThat(pool.getPoolSize()).isLessThanOrEqualTo(ToolThreads.POOL_THREADS);
        assertThat(tools.started.get()).as("the calls beyond the stuck threads never started")
                .isLessThanOrEqualTo(ToolThreads.POOL_THREADS);
    }

    @Test
    void aCallTheFullPoolCannotTakeIsRefusedAndCancelledCallsMakeRoomAgain() {
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(tools).executor(ToolThreads.pool())
                .build();
        int more = ToolThreads.POOL_THREADS + ToolThreads.POOL_QUEUE + 1;
        script(server, toolCalls(calls(0, more)), answer("gave up"));

        List<String> first = toolResults(agent.run("Try them all"));

        assertThat(first).filteredOn(content -> content.contains("executor refused it")).hasSize(1);
        assertThat(first).filteredOn(content -> content.contains("did not finish")).hasSize(more - 1);

        server.resetAll();
        script(server, toolCalls(calls(more, 100)), answer("gave up again"));

        List<String> second = toolResults(agent.run("Try these too"));

        assertThat(second).as("the cancelled calls waiting in the queue were purged").hasSize(100)
                .allSatisfy(content -> assertThat(content).contains("did not finish"));
        assertThat(tools.started.get()).isLessThanOrEqualTo(ToolThreads.POOL_THREADS);
    }

    private static List<String> toolResults(AgentResult result) {
        return result.messages().stream().filter(ToolMessage.class::isInstance).map(m -> m.content()).toList();
    }

    @Test
    void thePoolKeepsItsThreadsOnlyWhileTheyWork() {
        ThreadPoolExecutor pool = ToolThreads.pool();

        assertThat(pool.getMaximumPoolSize()).isEqualTo(ToolThreads.POOL_THREADS);
        assertThat(pool.allowsCoreThreadTimeOut()).isTrue();
        assertThat(pool.getQueue().remainingCapacity() + pool.getQueue().size()).isEqualTo(ToolThreads.POOL_QUEUE);
    }

    @Test
    void aThreadPerCallRefusesCallsPastItsBoundUntilTheAbandonedOnesReturn() throws InterruptedException {
        // platform threads stand in for virtual ones, so that the bound is checked on Java 17 as well
        ToolThreads.ThreadPerCall threads = new ToolThreads.ThreadPerCall(Thread::new, 3);
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(tools).executor(threads).build();
        script(server, toolCalls(calls("held", 0, 5)), answer("gave up"));

        List<String> first = toolResults(agent.run("Try them all"));

        assertThat(first).filteredOn(content -> content.contains("did not finish within 500 ms")).hasSize(3);
        assertThat(first).filteredOn(content -> content.contains("executor refused it")).hasSize(2);
        assertThat(tools.started.get()).isEqualTo(3);
        assertThat(threads.running()).as("the abandoned calls still hold their threads").isEqualTo(3);

        tools.release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (threads.running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(threads.running()).as("the released calls returned their threads").isZero();
        server.resetAll();
        script(server, toolCalls(calls("held", 5, 3)), answer("done"));

        assertThat(toolResults(agent.run("Once more"))).containsExactly("done 5", "done 6", "done 7");
    }
}
