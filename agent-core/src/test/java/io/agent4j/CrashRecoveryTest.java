package io.agent4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.approval.Decision;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.BadRequestException;
import io.agent4j.errors.ResumeRefusedException;
import io.agent4j.memory.Databases;
import io.agent4j.memory.InMemoryConversationStore;
import io.agent4j.memory.JdbcConversationStore;
import io.agent4j.memory.RunRecord;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.Poll;
import io.agent4j.tool.Tool;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a resume makes of the state a dead process left, and what of a step is stored while it
 * runs; the states are written to a real SQLite file as the loop writes them.
 */
class CrashRecoveryTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    @TempDir
    Path dir;

    /** Real tools that count their runs. */
    public static class Tools {
        final List<String> runs = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);

        @Tool(value = "Publishes the notes", approval = "publishes the notes", idempotent = true)
        public String publish() {
            runs.add("publish");
            return "published";
        }

        @Tool("Answers at once")
        public String quick() {
            runs.add("quick");
            return "quick result";
        }

        @Tool("Waits until the test lets it go")
        public String slow() throws InterruptedException {
            runs.add("slow");
            release.await(10, TimeUnit.SECONDS);
            return "slow result";
        }
    }

    private static final String UNKNOWN = "Unknown: the run stopped while tool 'publish' was called, so whether it "
            + "ran is not known; it was not run again. Check its effect before calling it again.";

    private Agent agent(Tools tools, JdbcConversationStore store) {
        return Agent.builder().model(ChatServer.model(server).build()).tools(tools).store(store).build();
    }

    /** What a process that died with this reply stored as running leaves, optionally resumed with decisions. */
    private JdbcConversationStore crashedIn(AssistantMessage reply, List<Decision> decisions) {
        JdbcConversationStore store = Databases.sqlite(dir).withTurnLease(Duration.ofMillis(1));
        store.append("crashed", "dead-writer", 0, List.of(new UserMessage("Publish."), reply), false,
                new RunRecord("crashed", "crashed", RunRecord.Status.RUNNING, 1, 0, Usage.of(10, 5), List.of(),
                        decisions, Map.of(), "gpt-4o-mini", io.agent4j.chat.ChatOptions.NONE, Instant.now()));
        return store;
    }

    @Test
    void aCallThatNeedsApprovalIsNotRunByARecoveryWithoutADecisionEvenWhenItsToolIsIdempotent() {
        JdbcConversationStore store = crashedIn(new AssistantMessage(null,
                List.of(new ToolCall("call_p", "publish", "{}"))), List.of());
        script(server, answer("I could not publish."));
        Tools tools = new Tools();

        AgentResult done = agent(tools, store).resume("crashed");

        assertThat(tools.runs).isEmpty();
        assertThat(done.text()).isEqualTo("I could not publish.");
        assertThat(requests(server).get(0).path("messages").get(2).path("content").asString()).isEqualTo(UNKNOWN);
    }

    @Test
    void anApprovedCallOfAnIdempotentToolIsRunAgainByARecovery() {
        JdbcConversationStore store = crashedIn(new AssistantMessage(null,
                List.of(new ToolCall("call_p", "publish", "{}"))), List.of(Decision.approve("call_p")));
        script(server, answer("Published."));
        Tools tools = new Tools();

        agent(tools, store).resume("crashed");

        assertThat(tools.runs).containsExactly("publish");
        assertThat(store.load("crashed")).extracting(Message::content).contains("published");
    }

    @Test
    void aRunWhoseConversationWentOnWithoutItIsNotResumed() {
        JdbcConversationStore store = crashedIn(new AssistantMessage(null,
                List.of(new ToolCall("call_q", "quick", "{}"))), List.of());
        script(server, answer("Next answer."), answer("A stray answer."));
        Tools tools = new Tools();
        Agent agent = agent(tools, store);
        // the dead process's turn is taken over by the next turn of its conversation
        agent.conversation("crashed").send("Next.");
        List<Message> before = store.load("crashed");

        Throwable refused = catchThrowable(() -> agent.resume("crashed"));

        assertThat(refused).isInstanceOf(ResumeRefusedException.class).hasMessageContaining("went on without it");
        assertThat(tools.runs).isEmpty();
        assertThat(requests(server)).hasSize(1);
        assertThat(store.load("crashed")).isEqualTo(before);
    }

    @Test
    void aFailedRunWhoseConversationWentOnIsNotResumedInTheInMemoryStoreEither() {
        script(server, toolCalls(new String[] {"call_q", "quick", "{}"}), aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}"), answer("Next."));
        InMemoryConversationStore store = new InMemoryConversationStore();
        Tools tools = new Tools();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(tools).store(store).build();
        Conversation chat = agent.conversation("failing");
        assertThat(catchThrowable(() -> chat.send("Go."))).isInstanceOf(BadRequestException.class);
        String failed = store.runs(RunRecord.Status.FAILED).get(0).runId();
        chat.send("Next.");

        Throwable refused = catchThrowable(() -> agent.resume(failed));

        assertThat(refused).isInstanceOf(ResumeRefusedException.class).hasMessageContaining("went on without it");
        assertThat(requests(server)).hasSize(3);
        assertThat(tools.runs).containsExactly("quick");
    }

    @Test
    void aResultIsStoredOnceItAndEveryCallBeforeItHaveFinishedInTheOrderOfTheCalls() throws Exception {
        JdbcConversationStore store = Databases.sqlite(dir);
        script(server, toolCalls(new String[] {"call_s", "slow", "{}"}, new String[] {"call_q", "quick", "{}"}),
                answer("Both."));
        Tools tools = new Tools();
        AtomicInteger finished = new AtomicInteger();
        ExecutorService executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            protected void afterExecute(Runnable task, Throwable failure) {
                finished.incrementAndGet();
            }
        };
        Conversation chat = Agent.builder().model(ChatServer.model(server).build()).tools(tools).store(store)
                .executor(executor).build().conversation("ordered");

        CompletableFuture<AgentResult> run = CompletableFuture.supplyAsync(() -> chat.send("Go."));
        Poll.until("the quick tool's task has ended", () -> finished.get() >= 1);
        // quick has returned its result, which waits for the call before it
        assertThat(tools.runs).containsExactlyInAnyOrder("slow", "quick");
        assertThat(store.load("ordered")).hasSize(2).noneMatch(ToolMessage.class::isInstance);
        tools.release.countDown();

        assertThat(run.get(10, TimeUnit.SECONDS).text()).isEqualTo("Both.");
        executor.shutdown();
        assertThat(store.load("ordered")).extracting(Message::content)
                .containsExactly("Go.", null, "slow result", "quick result", "Both.");
    }
}
