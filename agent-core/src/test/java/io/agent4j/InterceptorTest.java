package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.approval.Decision;
import io.agent4j.approval.PendingCall;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.Retry;
import io.agent4j.chat.ToolCall;
import io.agent4j.errors.BudgetExceededException;
import io.agent4j.memory.InMemoryConversationStore;
import io.agent4j.testing.ChatServer;
import io.agent4j.tool.Tool;
import io.agent4j.tool.ToolResult;
import io.agent4j.usage.Budget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Interceptors wrap the run, each model call and each tool call, so that what they make current
 * (a trace span, here a thread-local name) holds while the model is called and nests into a tool
 * that runs on another thread; retries, approvals and failures are listener events.
 */
class InterceptorTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    /** What is "current" on a thread, as a tracing library keeps its current span. */
    static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    /** Tools that say what was current when they ran, and on which thread. */
    public static class Clock {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Tool("The time in a city")
        public String time(String city) {
            seen.add(city + " under " + CURRENT.get() + " on " + Thread.currentThread().getName());
            return "14:05";
        }

        String threadOf(String city) {
            return seen.stream().filter(s -> s.startsWith(city + " ")).findFirst().map(s -> s.replaceAll(".* on ", ""))
                    .orElseThrow();
        }
    }

    /** Records what it wraps, and makes each wrapper current while it runs. */
    static final class Spans implements AgentInterceptor {
        final String name;
        final List<String> events;

        Spans(String name, List<String> events) {
            this.name = name;
            this.events = events;
        }

        private <T> T within(String span, Supplier<T> proceed) {
            String parent = CURRENT.get();
            CURRENT.set(span);
            events.add(name + " start " + span + " under " + parent);
            try {
                return proceed.get();
            } finally {
                events.add(name + " end " + span);
                CURRENT.set(parent);
            }
        }

        @Override
        public AgentResult aroundRun(Run run, Supplier<AgentResult> proceed) {
            return within(name + ":invoke_agent " + run.agentName() + (run.resumed() ? " resumed" : ""), proceed);
        }

        @Override
        public ChatResponse aroundModelCall(int step, ChatRequest request, Supplier<ChatResponse> proceed) {
            return within(name + ":chat " + step, proceed);
        }

        @Override
        public Supplier<ToolResult> aroundToolCall(int step, ToolCall call, Supplier<ToolResult> proceed) {
            String parent = CURRENT.get();
            String thread = Thread.currentThread().getName();
            return () -> {
                String before = CURRENT.get();
                CURRENT.set(parent + "/" + name + ":execute_tool " + call.id());
                events.add(name + " tool " + call.id() + " handed over on the run's thread: "
                        + thread.equals(RUN_THREAD.get()));
                try {
                    return proceed.get();
                } finally {
                    CURRENT.set(before);
                }
            };
        }

        @Override
        public void onRetry(int step, Retry retry) {
            events.add(name + " retry " + step + " " + retry.retry() + " under " + CURRENT.get());
        }

        @Override
        public void onFinished(AgentResult result) {
            events.add(name + " finished under " + CURRENT.get());
        }
    }

    /** The name of the thread that runs the agent. */
    static final java.util.concurrent.atomic.AtomicReference<String> RUN_THREAD =
            new java.util.concurrent.atomic.AtomicReference<>();

    @Test
    void interceptorsWrapTheRunItsModelCallsAndItsToolsTheFirstOutermostAndToolsRunUnderTheirSpan() {
        script(server, toolCalls(new String[] {"call_1", "time", "{\"city\":\"Oslo\"}"},
                new String[] {"call_2", "time", "{\"city\":\"Lima\"}"}), answer("Oslo 14:05, Lima 14:05."));
        List<String> events = new CopyOnWriteArrayList<>();
        Clock clock = new Clock();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).name("clock").tools(clock)
                .interceptor(new Spans("a", events)).interceptor(new Spans("b", events)).build();
        RUN_THREAD.set(Thread.currentThread().getName());

        AgentResult result = agent.run("Time in Oslo and Lima?");

        assertThat(result.text()).isEqualTo("Oslo 14:05, Lima 14:05.");
        assertThat(events).startsWith("a start a:invoke_agent clock under null",
                "b start b:invoke_agent clock under a:invoke_agent clock",
                "a start a:chat 1 under b:invoke_agent clock", "b start b:chat 1 under a:chat 1",
                "b end b:chat 1", "a end a:chat 1");
        assertThat(events).contains("a tool call_1 handed over on the run's thread: true",
                "b tool call_2 handed over on the run's thread: true",
                "a start a:chat 2 under b:invoke_agent clock", "a finished under b:invoke_agent clock");
        assertThat(events).endsWith("b end b:invoke_agent clock", "a end a:invoke_agent clock");
        // the step's first call ran on the run's thread: each under its span
        assertThat(clock.seen).containsExactlyInAnyOrder(
                "Oslo under b:invoke_agent clock/b:execute_tool call_1 on " + Thread.currentThread().getName(),
                "Lima under b:invoke_agent clock/b:execute_tool call_2 on " + clock.threadOf("Lima"));
        // the second was handed to the executor, or taken back by the run's thread before a pool thread took it
        assertThat(clock.threadOf("Lima")).matches("agent4j-tool-.*|" + java.util.regex.Pattern.quote(
                Thread.currentThread().getName()));
        assertThat(CURRENT.get()).isNull();
    }

    @Test
    void theRunNamesTheModelOfItsOptionsOrElseTheModelsOwnDefault() {
        script(server, answer("Hi."));
        List<String> models = new CopyOnWriteArrayList<>();
        AgentInterceptor seen = new AgentInterceptor() {
            @Override
            public AgentResult aroundRun(Run run, Supplier<AgentResult> proceed) {
                models.add(run.model());
                return proceed.get();
            }
        };

        Agent.builder().model(ChatServer.model(server).model("gpt-4.1-nano").build()).interceptor(seen).build()
                .run("Hi");
        Agent.builder().model(ChatServer.model(server).model("gpt-4.1-nano").build())
                .options(io.agent4j.chat.ChatOptions.builder().model("gpt-4o").build()).interceptor(seen).build()
                .run("Hi");

        assertThat(models).containsExactly("gpt-4.1-nano", "gpt-4o");
    }

    @Test
    void eachRetryOfAModelCallIsAListenerEventInsideTheCallStreamedOrNot() {
        server.stubFor(WireMock.post(ChatServer.PATH).inScenario("retry").whenScenarioStateIs("Started")
                .willReturn(WireMock.aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"busy\"}}"))
                .willSetStateTo("answer"));
        server.stubFor(WireMock.post(ChatServer.PATH).inScenario("retry").whenScenarioStateIs("answer")
                .willReturn(answer("Fine.")));
        List<String> events = new CopyOnWriteArrayList<>();
        Agent agent = Agent.builder().model(ChatServer.model(server).streaming(false).build())
                .interceptor(new Spans("a", events)).build();

        AgentResult result = agent.run("Hi");

        assertThat(result.text()).isEqualTo("Fine.");
        assertThat(events).contains("a retry 1 1 under a:chat 1");
    }

    @Test
    void aRunThatWaitsIsToldWhatWaitsAResumeEachDecisionAndAFailureItsException() {
        script(server, toolCalls(new String[] {"call_w", "write", "{\"text\":\"hi\"}"}), answer("Saved."));
        List<String> events = new ArrayList<>();
        AgentListener listener = new AgentListener() {
            @Override
            public void onWaiting(int step, List<PendingCall> pending) {
                events.add("waiting " + step + " " + pending.get(0).id());
            }

            @Override
            public void onDecision(int step, ToolCall call, Decision decision) {
                events.add("decision " + step + " " + call.id() + " " + decision.approved());
            }

            @Override
            public void onFailed(Throwable error) {
                events.add("failed " + error.getClass().getSimpleName());
            }

            @Override
            public void onFinished(AgentResult result) {
                events.add("finished " + (result.waiting() ? "waiting" : result.text()));
            }
        };
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(new Writer())
                .store(new InMemoryConversationStore()).listener(listener).build();

        AgentResult waiting = agent.run("Save hi.");
        agent.resume(waiting.runId(), List.of(Decision.approve("call_w")));
        Throwable over = catchThrowable(() -> Agent.builder().model(ChatServer.model(server).build())
                .budget(Budget.NONE.withMaxTokens(1)).listener(listener).build().run("Save hi."));

        assertThat(over).isInstanceOf(BudgetExceededException.class);
        assertThat(events).containsExactly("waiting 1 call_w", "finished waiting", "decision 1 call_w true",
                "finished Saved.", "failed BudgetExceededException");
    }

    /** A tool that needs approval. */
    public static class Writer {
        @Tool(value = "Writes a note", approval = "writes")
        public String write(String text) {
            return "wrote " + text;
        }
    }
}
