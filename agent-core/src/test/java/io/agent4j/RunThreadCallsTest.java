package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ToolMessage;
import io.agent4j.errors.CancelledException;
import io.agent4j.openai.Sse;
import io.agent4j.testing.ChatServer;
import io.agent4j.tool.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With the default executor, one call of a step whose tool has no timeout of its own runs on the run's
 * thread, saving a hand-over; the agent's timeout still stops it, by an interruption that never outlives
 * the call, and a cancellation stops it too. Tools with a timeout of their own, and every tool of an agent
 * given an executor, run on the executor.
 */
class RunThreadCallsTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    public static class Tools {
        final Map<String, Thread> threads = new ConcurrentHashMap<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch blocking = new CountDownLatch(1);

        @Tool("Looks a word up")
        public String lookup(String word) {
            threads.put("lookup " + word, Thread.currentThread());
            return "meaning of " + word;
        }

        @Tool("Waits until the other call of the step has started")
        public boolean waitForFirst() throws InterruptedException {
            threads.put("waitForFirst", Thread.currentThread());
            return firstStarted.await(10, TimeUnit.SECONDS);
        }

        @Tool("Starts first")
        public String first() {
            threads.put("first", Thread.currentThread());
            firstStarted.countDown();
            return "first ran";
        }

        final java.util.concurrent.atomic.AtomicBoolean warm = new java.util.concurrent.atomic.AtomicBoolean();

        @Tool("Slow the first time, as a tool whose classes load on its first call")
        public String warmUp(int n) throws InterruptedException {
            threads.put("warmUp " + n, Thread.currentThread());
            if (warm.compareAndSet(false, true)) {
                Thread.sleep(5);
            }
            return "warm " + n;
        }

        @Tool("Naps a little")
        public String nap(String who) throws InterruptedException {
            threads.put("nap " + who, Thread.currentThread());
            Thread.sleep(20);
            return who + " rested";
        }

        @Tool(value = "Has a timeout of its own", timeoutMillis = 5_000)
        public String bounded() {
            threads.put("bounded", Thread.currentThread());
            return "bounded ran";
        }

        @Tool("Blocks until interrupted")
        public String block() throws InterruptedException {
            threads.put("block", Thread.currentThread());
            blocking.countDown();
            Thread.sleep(60_000);
            return "woke up by itself";
        }

        @Tool("Ignores an interruption and finishes its nap")
        public String stubborn() {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < end) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ignored) {
                    // finishes anyway
                }
            }
            return "done napping";
        }
    }

    private final Tools tools = new Tools();

    private Agent.Builder agent() {
        return Agent.builder().model(ChatServer.model(server).build()).tools(tools);
    }

    private static List<String> toolResults(AgentResult result) {
        return result.messages().stream().filter(ToolMessage.class::isInstance).map(m -> m.content()).toList();
    }

    @Test
    void aLoneCallWithoutATimeoutOfItsOwnRunsOnTheRunsThread() {
        script(server, toolCalls(new String[] {"c1", "lookup", "{\"word\":\"kite\"}"}), answer("ok"));

        AgentResult result = agent().build().run("go");

        assertThat(toolResults(result)).containsExactly("meaning of kite");
        assertThat(tools.threads.get("lookup kite")).isSameAs(Thread.currentThread());
    }

    @Test
    void ofTwoCallsTheFirstRunsHereAndTheSecondOnTheExecutorAtTheSameTime() {
        script(server, toolCalls(new String[] {"c1", "waitForFirst", "{}"}, new String[] {"c2", "first", "{}"}),
                answer("ok"));

        AgentResult result = agent().build().run("go");

        // waitForFirst, here, saw the other call start on the executor: they ran side by side
        assertThat(toolResults(result)).containsExactly("true", "first ran");
        assertThat(tools.threads.get("waitForFirst")).isSameAs(Thread.currentThread());
        assertThat(tools.threads.get("first")).isNotSameAs(Thread.currentThread());
        assertThat(requests(server).get(1).path("messages").findValuesAsString("tool_call_id"))
                .containsExactly("c1", "c2");
    }

    @Test
    void aToolWithATimeoutOfItsOwnRunsOnTheExecutor() {
        script(server, toolCalls(new String[] {"c1", "bounded", "{}"}, new String[] {"c2", "lookup",
                "{\"word\":\"kite\"}"}), answer("ok"));

        AgentResult result = agent().build().run("go");

        assertThat(tools.threads.get("bounded")).isNotSameAs(Thread.currentThread());
        assertThat(toolResults(result)).containsExactly("bounded ran", "meaning of kite");
    }

    @Test
    void aToolWithATimeoutOfItsOwnIsNotTimedForSpeed() {
        Agent agent = agent().build();
        script(server, toolCalls(new String[] {"c1", "bounded", "{}"}), answer("ok"));

        agent.run("go");

        assertThat(agent.toolSpeeds.isEmpty()).as("its calls always go to the executor").isTrue();
    }

    @Test
    void aCallNoPoolThreadHasTakenYetIsTakenBackByTheRunsThread() {
        Agent agent = agent().build();
        int takenBack = 0;
        for (int i = 0; i < 50; i++) {
            server.resetAll();
            tools.threads.clear();
            script(server, toolCalls(new String[] {"c1", "lookup", "{\"word\":\"a\"}"},
                    new String[] {"c2", "lookup", "{\"word\":\"b\"}"}), answer("ok"));

            AgentResult result = agent.run("go");

            assertThat(toolResults(result)).containsExactly("meaning of a", "meaning of b");
            assertThat(tools.threads.get("lookup a")).isSameAs(Thread.currentThread());
            takenBack += tools.threads.get("lookup b") == Thread.currentThread() ? 1 : 0;
        }
        // the first call takes microseconds, a pool thread's wake-up longer: the run's thread mostly wins the second
        assertThat(takenBack).isPositive();
    }

    @Test
    void anAgentGivenAnExecutorRunsEveryCallThere() throws Exception {
        script(server, toolCalls(new String[] {"c1", "lookup", "{\"word\":\"kite\"}"}), answer("ok"));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Thread executorThread = executor.submit(Thread::currentThread).get();

            agent().executor(executor).build().run("go");

            assertThat(tools.threads.get("lookup kite")).isSameAs(executorThread);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theAgentsTimeoutStopsACallOnTheRunsThreadAndLeavesTheThreadUninterrupted() {
        script(server, toolCalls(new String[] {"c1", "block", "{}"}), answer("ok"));

        AgentResult result = agent().toolTimeout(Duration.ofMillis(200)).build().run("go");

        assertThat(tools.threads.get("block")).isSameAs(Thread.currentThread());
        assertThat(toolResults(result)).containsExactly("Error: tool 'block' did not finish within 200 ms and was "
                + "stopped. Try simpler arguments, or answer without this result.");
        assertThat(result.text()).as("the model call after the stop was not cut short").isEqualTo("ok");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aToolThatIgnoresTheInterruptionHoldsTheRunAndStillReadsAsStopped() {
        script(server, toolCalls(new String[] {"c1", "stubborn", "{}"}), answer("ok"));

        AgentResult result = agent().toolTimeout(Duration.ofMillis(50)).build().run("go");

        assertThat(toolResults(result)).singleElement().asString()
                .startsWith("Error: tool 'stubborn' did not finish within 50 ms and was stopped.");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aCallThatFinishesInTimeNeverLeavesAnInterruptionBehind() {
        Agent agent = agent().toolTimeout(Duration.ofMillis(1)).build();
        for (int i = 0; i < 50; i++) {
            server.resetAll();
            script(server, toolCalls(new String[] {"c" + i, "lookup", "{\"word\":\"w" + i + "\"}"}), answer("ok"));

            AgentResult result = agent.run("go");

            assertThat(result.text()).isEqualTo("ok");
            assertThat(toolResults(result).get(0)).isIn("meaning of w" + i,
                    "Error: tool 'lookup' did not finish within 1 ms and was stopped. Try simpler arguments, or "
                            + "answer without this result.");
            assertThat(Thread.interrupted()).as("run " + i + " left the thread interrupted").isFalse();
        }
    }

    @Test
    void aCancellationStopsACallOnTheRunsThread() throws Exception {
        script(server, Sse.stream(Sse.events(Sse.toolDelta(0, "c1", "block", "{}"), Sse.finish("tool_calls"))),
                Sse.stream(Sse.events(Sse.text("never asked"), Sse.finish("stop"))));
        Agent agent = agent().build();
        Cancellation cancellation = new Cancellation();
        Thread canceller = new Thread(() -> {
            try {
                if (tools.blocking.await(10, TimeUnit.SECONDS)) {
                    cancellation.cancel();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        canceller.start();

        Throwable thrown = catchThrowable(() -> agent.stream("go", delta -> { }, cancellation));
        canceller.join();

        assertThat(tools.threads.get("block")).isSameAs(Thread.currentThread());
        assertThat(thrown).isInstanceOf(CancelledException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void aToolWhoseLastCallsWereAllFastRunsAllItsCallsOnTheRunsThreadEvenIfItsFirstWasSlow() {
        Agent agent = agent().build();
        script(server, toolCalls(new String[] {"c0", "warmUp", "{\"n\":0}"}, new String[] {"n1", "nap",
                "{\"who\":\"ann\"}"}), answer("ok"));
        agent.run("go");
        assertThat(agent.toolSpeeds.fast("warmUp")).isFalse();
        // the calls after the first are fast; how many it takes depends on the JIT and the machine's load
        for (int run = 1; run <= 50 && !agent.toolSpeeds.fast("warmUp"); run++) {
            server.resetAll();
            script(server, toolCalls(new String[] {"c" + run, "warmUp", "{\"n\":" + run + "}"}), answer("ok"));
            agent.run("go");
        }
        assertThat(agent.toolSpeeds.fast("warmUp")).isTrue();
        assertThat(agent.toolSpeeds.fast("nap")).isFalse();

        server.resetAll();
        tools.threads.clear();
        script(server, toolCalls(new String[] {"c1", "warmUp", "{\"n\":21}"},
                new String[] {"c2", "warmUp", "{\"n\":22}"}, new String[] {"c3", "warmUp", "{\"n\":23}"}),
                answer("ok"));
        AgentResult result = agent.run("go");

        assertThat(toolResults(result)).containsExactly("warm 21", "warm 22", "warm 23");
        assertThat(tools.threads).containsOnlyKeys("warmUp 21", "warmUp 22", "warmUp 23")
                .allSatisfy((call, thread) -> assertThat(thread).as(call).isSameAs(Thread.currentThread()));
    }

    @Test
    void aToolIsFastAfterItsStreakOfFastCallsAndASlowCallEndsThatUntilTheNextStreak() {
        ToolSpeeds speeds = new ToolSpeeds();
        speeds.record("t", ToolSpeeds.FAST);
        for (int i = 1; i < ToolSpeeds.STREAK; i++) {
            speeds.record("t", ToolSpeeds.FAST - 1);
        }
        assertThat(speeds.fast("t")).isFalse();
        speeds.record("t", 0);
        assertThat(speeds.fast("t")).isTrue();
        speeds.record("t", ToolSpeeds.FAST);
        assertThat(speeds.fast("t")).isFalse();
        for (int i = 0; i < ToolSpeeds.STREAK; i++) {
            speeds.record("t", 1);
        }
        assertThat(speeds.fast("t")).isTrue();
        assertThat(speeds.fast("other")).isFalse();
    }

    @Test
    void anAgentGivenAnExecutorKeepsNoRecordOfFastTools() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Agent agent = agent().executor(executor).build();
            script(server, toolCalls(new String[] {"c1", "lookup", "{\"word\":\"a\"}"}), answer("ok"));
            agent.run("go");

            assertThat(agent.toolSpeeds.isEmpty()).isTrue();
            assertThat(tools.threads.get("lookup a")).isNotSameAs(Thread.currentThread());
        } finally {
            executor.shutdownNow();
        }
    }
}
