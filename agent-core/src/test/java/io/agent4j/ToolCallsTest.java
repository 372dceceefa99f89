package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.ToolMessage;
import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.testing.ChatServer;
import io.agent4j.tool.Tool;
import io.agent4j.tool.ToolSpec;
import io.agent4j.tool.ToolContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** How the agent runs the tool calls of a step: timeouts, caps, repeats, context, strictness. */
class ToolCallsTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    public static class SlowTools {
        final CountDownLatch interrupted = new CountDownLatch(1);
        final AtomicInteger slowStarts = new AtomicInteger();
        final AtomicInteger lookups = new AtomicInteger();
        final Map<String, String> contexts = new ConcurrentHashMap<>();

        @Tool(value = "Takes forever", timeoutMillis = 100)
        public String slow() {
            slowStarts.incrementAndGet();
            try {
                Thread.sleep(10_000);
                return "finished";
            } catch (InterruptedException e) {
                interrupted.countDown();
                return "interrupted";
            }
        }

        @Tool("Takes a while")
        public String sluggish() throws InterruptedException {
            Thread.sleep(2_000);
            return "finished";
        }

        @Tool("Returns a long text")
        public String longText() {
            return "x".repeat(5_000);
        }

        @Tool("Returns a text of this many characters")
        public String ofLength(int length) {
            return "y".repeat(length);
        }

        @Tool("Looks something up")
        public String lookup(String key) {
            lookups.incrementAndGet();
            return "value of " + key;
        }

        @Tool("Sees its context")
        public String whoAmI(ToolContext context) {
            contexts.put(context.toolCallId(), context.conversationId());
            return context.toolCallId();
        }

        @Tool("Takes a map")
        public int count(Map<String, Integer> items) {
            return items.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final SlowTools tools = new SlowTools();

    private Agent.Builder agent() {
        return Agent.builder().model(ChatServer.model(server).build()).tools(tools);
    }

    private static List<String> toolResults(AgentResult result) {
        return result.messages().stream().filter(ToolMessage.class::isInstance).map(m -> m.content()).toList();
    }

    @Test
    void aToolPastItsOwnTimeoutIsAbandonedAndInterrupted() throws Exception {
        script(server, toolCalls(new String[] {"c1", "slow", "{}"}, new String[] {"c2", "lookup", "{\"key\":\"k\"}"}),
                answer("ok"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AgentResult result = agent().executor(pool).build().run("go");
        assertThat(toolResults(result).get(0)).contains("'slow' did not finish within 100 ms and was abandoned");
        assertThat(toolResults(result).get(1)).isEqualTo("value of k");
        assertThat(result.text()).isEqualTo("ok");
        if (tools.slowStarts.get() == 0) {
            // On a loaded machine the call may be abandoned before a thread took it: then it must never run.
            // Once the pool has run (or dropped) everything it was given, nothing of it can start any more.
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(tools.slowStarts.get()).as("a call abandoned before it started").isZero();
        } else {
            assertThat(tools.interrupted.await(5, TimeUnit.SECONDS)).as("the abandoned call was interrupted").isTrue();
        }
        pool.shutdown();
    }

    @Test
    void theAgentDefaultTimeoutAppliesToOtherTools() {
        script(server, toolCalls(new String[] {"c1", "sluggish", "{}"}), answer("ok"));
        AgentResult result = agent().toolTimeout(Duration.ofMillis(150)).build().run("go");
        assertThat(toolResults(result).get(0)).contains("'sluggish' did not finish within 150 ms");
    }

    @Test
    void longResultsAreCutAndSaySo() {
        script(server, toolCalls(new String[] {"c1", "longText", "{}"}), answer("ok"));
        AgentResult result = agent().maxToolResultLength(1_000).build().run("go");
        String sent = requests(server).get(1).path("messages").get(2).path("content").asString();
        assertThat(sent).startsWith("x".repeat(1_000) + "\n[truncated: the result has 5000 characters; "
                + "only the first 1000 are shown]");
        assertThat(toolResults(result).get(0)).isEqualTo(sent);
    }

    @Test
    void aResultExactlyAtTheCapIsKeptWholeAndOneCharacterMoreIsCut() {
        script(server, toolCalls(new String[] {"c1", "ofLength", "{\"length\":100}"},
                new String[] {"c2", "ofLength", "{\"length\":101}"}), answer("ok"));
        AgentResult result = agent().maxToolResultLength(100).build().run("go");
        assertThat(toolResults(result)).containsExactly("y".repeat(100), "y".repeat(100)
                + "\n[truncated: the result has 101 characters; only the first 100 are shown]");
    }

    @Test
    void anIdenticalCallBeyondTheLimitIsRefusedNotRun() {
        String[] same = {"c", "lookup", "{\"key\": \"k\"}"};
        String[] sameReordered = {"d", "lookup", "{ \"key\":\"k\" }"};
        script(server, toolCalls(same), toolCalls(same), toolCalls(sameReordered), toolCalls(same),
                toolCalls(new String[] {"e", "lookup", "{\"key\":\"other\"}"}), answer("done"));
        AgentResult result = agent().build().run("go");
        assertThat(tools.lookups.get()).isEqualTo(4);
        List<String> results = toolResults(result);
        assertThat(results.subList(0, 3)).containsOnly("value of k");
        assertThat(results.get(3)).contains("already called 3 times with these exact arguments").contains("not run");
        assertThat(results.get(4)).isEqualTo("value of other");
    }

    @Test
    void theRepeatLimitIsConfigurable() {
        script(server, toolCalls(new String[] {"c", "lookup", "{\"key\":\"k\"}"}), toolCalls(new String[] {"d", "lookup",
                "{\"key\":\"k\"}"}), answer("done"));
        AgentResult result = agent().maxRepeatedCalls(1).build().run("go");
        assertThat(tools.lookups.get()).isEqualTo(1);
        assertThat(toolResults(result).get(1)).contains("already called 1 times");
    }

    @Test
    void toolsReceiveTheirCallIdAndTheRunsConversationId() {
        script(server, toolCalls(new String[] {"call_a", "whoAmI", "{}"}, new String[] {"call_b", "whoAmI", "{}"}),
                answer("ok"));
        agent().build().run("go");
        assertThat(tools.contexts).containsOnlyKeys("call_a", "call_b");
        assertThat(tools.contexts.get("call_a")).isEqualTo(tools.contexts.get("call_b")).hasSize(36);
    }

    @Test
    void strictToolsCanBeTurnedOffForTheWholeAgent() {
        script(server, toolCalls(new String[] {"c", "count", "{\"items\":{\"a\":1,\"b\":2}}"}), answer("3"));
        AgentResult result = agent().strictTools(false).build().run("go");
        assertThat(toolResults(result)).containsExactly("3");
        for (JsonNode tool : requests(server).get(0).path("tools")) {
            assertThat(tool.path("function").path("strict").asBoolean(true)).isFalse();
        }
    }

    public static class LooseTools {
        @Tool(value = "Takes a free-form map", strict = false)
        public int loose(Map<String, Integer> items) {
            return items.size();
        }

        @Tool("Strict one")
        public int tight(int a) {
            return a;
        }
    }

    @Test
    void aToolCanOptOutOfStrictMode() {
        script(server, answer("hi"));
        Agent.builder().model(ChatServer.model(server).build()).tools(new LooseTools()).build().run("hi");
        JsonNode tools = requests(server).get(0).path("tools");
        assertThat(tools.get(0).path("function").path("name").asString()).isEqualTo("loose");
        assertThat(tools.get(0).path("function").path("strict").asBoolean()).isFalse();
        assertThat(tools.get(0).path("function").path("parameters").path("properties").path("items").path("type")
                .asString()).isEqualTo("object");
        assertThat(tools.get(1).path("function").path("strict").asBoolean()).isTrue();
    }

    @Test
    void builderRejectsSettingsOutOfRangeWhenItBuilds() {
        Agent.Builder negative = agent().toolTimeout(Duration.ofMillis(-1));
        assertThatThrownBy(negative::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("toolTimeout must be 0 (no limit) or positive");
        assertThatThrownBy(() -> agent().maxToolResultLength(10).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxToolResultLength");
        assertThatThrownBy(() -> agent().maxRepeatedCalls(0).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRepeatedCalls");
        Agent.Builder blank = agent().name(" ");
        assertThatThrownBy(blank::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }

    @Test
    void aToolTimeoutOfZeroIsNoLimit() {
        script(server, toolCalls(new String[] {"c1", "sluggish", "{}"}), answer("ok"));

        AgentResult result = agent().toolTimeout(Duration.ZERO).build().run("go");

        assertThat(toolResults(result)).containsExactly("finished");
    }

    @Test
    void aToolsOwnTimeoutOfZeroIsNoLimitWhateverTheAgentsDefault() {
        script(server, toolCalls(new String[] {"c1", "nap", "{}"}), answer("ok"));
        ToolSpec nap = ToolSpec.of("nap", "Naps a little", "{\"type\": \"object\", \"properties\": {}}",
                (arguments, context) -> {
                    Thread.sleep(500);
                    return "rested";
                }).withTimeout(Duration.ZERO);

        AgentResult result = Agent.builder().model(ChatServer.model(server).build()).tools(nap)
                .toolTimeout(Duration.ofMillis(50)).build().run("go");

        assertThat(toolResults(result)).containsExactly("rested");
    }

    // ---------------------------------------------------------------- inline tools

    public static class InlineTools {
        final Map<String, Thread> threads = new ConcurrentHashMap<>();
        final CountDownLatch pooledStarted = new CountDownLatch(1);

        @Tool(value = "Adds two numbers", inline = true)
        public int add(int a, int b) {
            threads.put("add", Thread.currentThread());
            return a + b;
        }

        @Tool(value = "Waits, inline, until the pooled tool of the same step has started", inline = true)
        public boolean waitForPooled() throws InterruptedException {
            threads.put("waitForPooled", Thread.currentThread());
            return pooledStarted.await(5, TimeUnit.SECONDS);
        }

        @Tool("Runs on the executor")
        public String pooled() {
            threads.put("pooled", Thread.currentThread());
            pooledStarted.countDown();
            return "pooled ran";
        }

        @Tool(value = "Slower than the agent's tool timeout, but inline", inline = true)
        public String slowInline() throws InterruptedException {
            Thread.sleep(300);
            return "not abandoned";
        }

        @Tool(value = "Fails", inline = true)
        public String broken() {
            throw new IllegalStateException("inline tool broke");
        }
    }

    @Test
    void inlineToolsRunOnTheAgentsThreadAndTheOthersOnTheExecutorSideBySide() {
        InlineTools inline = new InlineTools();
        script(server, toolCalls(new String[] {"c1", "waitForPooled", "{}"}, new String[] {"c2", "add",
                "{\"a\":2,\"b\":3}"}, new String[] {"c3", "pooled", "{}"}), answer("ok"));
        AgentResult result = Agent.builder().model(ChatServer.model(server).build()).tools(inline).build().run("go");
        // the inline tool waited for the pooled one: they ran at the same time, or it would have said false
        assertThat(toolResults(result)).containsExactly("true", "5", "pooled ran");
        assertThat(inline.threads.get("add")).isSameAs(Thread.currentThread());
        assertThat(inline.threads.get("waitForPooled")).isSameAs(Thread.currentThread());
        assertThat(inline.threads.get("pooled")).isNotSameAs(Thread.currentThread());
        assertThat(requests(server).get(1).path("messages").findValuesAsString("tool_call_id"))
                .containsExactly("c1", "c2", "c3");
    }

    @Test
    void anInlineToolHasNoTimeoutAndItsFailureIsReportedToTheModel() {
        script(server, toolCalls(new String[] {"c1", "slowInline", "{}"}, new String[] {"c2", "broken", "{}"}),
                answer("ok"));
        AgentResult result = Agent.builder().model(ChatServer.model(server).build()).tools(new InlineTools())
                .toolTimeout(Duration.ofMillis(50)).build().run("go");
        assertThat(toolResults(result).get(0)).isEqualTo("not abandoned");
        assertThat(toolResults(result).get(1)).contains("'broken' failed").contains("inline tool broke");
    }

    public static class InlineWithTimeout {
        @Tool(value = "Contradicts itself", inline = true, timeoutMillis = 100)
        public int both() {
            return 1;
        }
    }

    @Test
    void anInlineToolWithATimeoutIsRefusedAtRegistration() {
        assertThatThrownBy(() -> agent().tools(new InlineWithTimeout()).build())
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("InlineWithTimeout.both")
                .hasMessageContaining("sets both inline and timeoutMillis")
                .hasMessageContaining("remove timeoutMillis");
    }

    @Test
    void aToolTheExecutorRefusesIsReportedToTheModelAndTheRunGoesOn() {
        java.util.concurrent.ExecutorService closed = java.util.concurrent.Executors.newSingleThreadExecutor();
        closed.shutdown();
        script(server, toolCalls(new String[] {"c1", "lookup", "{\"key\":\"k\"}"}), answer("ok"));
        AgentResult result = agent().executor(closed).build().run("go");
        assertThat(toolResults(result).get(0)).startsWith("Error: tool 'lookup' was not run: the agent's executor "
                + "refused it");
        assertThat(tools.lookups.get()).isZero();
        assertThat(result.text()).isEqualTo("ok");
    }
}
