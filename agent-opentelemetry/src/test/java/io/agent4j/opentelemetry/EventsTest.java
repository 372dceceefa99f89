package io.agent4j.opentelemetry;

import static io.agent4j.opentelemetry.ChatServer.answer;
import static io.agent4j.opentelemetry.ChatServer.script;
import static io.agent4j.opentelemetry.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.approval.Decision;
import io.agent4j.chat.ChatOptions;
import io.agent4j.guardrail.OutputGuardrail;
import io.agent4j.guardrail.Verdict;
import io.agent4j.memory.InMemoryConversationStore;
import io.agent4j.tool.Tool;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Guardrail decisions and approvals are span events of the run, and the run's attributes count them. */
class EventsTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private final InMemoryTelemetry telemetry = new InMemoryTelemetry();

    @AfterEach
    void close() {
        telemetry.close();
    }

    /** A note writer whose calls need a person's approval. */
    public static class Notes {
        @Tool(value = "Writes a note", approval = "writes to the notes folder")
        public String write(String text) {
            return "written";
        }
    }

    private static Agent.Builder agent(InMemoryTelemetry telemetry, AgentTelemetry tracing) {
        return Agent.builder().name("notes").model(ChatServer.model(server).build())
                .options(ChatOptions.builder().model("gpt-4o-mini").build()).interceptor(tracing);
    }

    @Test
    void anOutputGuardrailsRetryIsAnEventOfTheRunAndCountsAsARepair() {
        script(server, answer("It is 14:05 probably."), answer("It is 14:05."));
        OutputGuardrail noGuessing = new OutputGuardrail() {
            @Override
            public Verdict check(io.agent4j.guardrail.FinalAnswer answer) {
                return answer.text().contains("probably") ? Verdict.retry("Do not guess: say the time.")
                        : Verdict.pass();
            }

            @Override
            public String name() {
                return "no-guessing";
            }
        };

        agent(telemetry, AgentTelemetry.create(telemetry.sdk)).outputGuardrail(noGuessing).build()
                .run("What time is it?");

        SpanData run = telemetry.span("invoke_agent notes");
        List<EventData> guardrails = run.getEvents().stream()
                .filter(e -> e.getName().equals(Agent4jAttributes.GUARDRAIL_EVENT)).toList();
        assertThat(guardrails).extracting(e -> e.getAttributes().get(Agent4jAttributes.GUARDRAIL_VERDICT))
                .containsExactly("retry", "pass");
        EventData retry = guardrails.get(0);
        assertThat(retry.getAttributes().get(Agent4jAttributes.GUARDRAIL_NAME)).isEqualTo("no-guessing");
        assertThat(retry.getAttributes().get(Agent4jAttributes.GUARDRAIL_STAGE)).isEqualTo("output");
        assertThat(retry.getAttributes().get(Agent4jAttributes.STEP)).isEqualTo(1L);
        assertThat(retry.getAttributes().get(Agent4jAttributes.GUARDRAIL_MESSAGE)).as("content is opt-in").isNull();
        assertThat(run.getAttributes().get(Agent4jAttributes.RUN_REPAIRS)).isEqualTo(1L);
        assertThat(run.getAttributes().get(Agent4jAttributes.RUN_STEPS)).isEqualTo(2L);
    }

    @Test
    void aRunThatWaitsForApprovalAndItsResumptionAreTwoRunSpansWithTheirEvents() {
        script(server, toolCalls(new String[] {"call_w", "write", "{\"text\":\"buy milk\"}"}), answer("Noted."));
        Agent agent = agent(telemetry, AgentTelemetry.create(telemetry.sdk)).tools(new Notes())
                .store(new InMemoryConversationStore()).build();

        AgentResult waiting = agent.run("Note: buy milk");
        agent.resume(waiting.runId(), List.of(Decision.approve("call_w")));

        List<SpanData> runs = telemetry.named("invoke_agent notes");
        assertThat(runs).hasSize(2);
        SpanData first = runs.get(0);
        SpanData resumed = runs.get(1);
        assertThat(first.getAttributes().get(Agent4jAttributes.RUN_WAITING_FOR_APPROVAL)).isTrue();
        assertThat(first.getEvents()).extracting(EventData::getName)
                .containsExactly(Agent4jAttributes.APPROVAL_WAITING_EVENT);
        EventData wait = first.getEvents().get(0);
        assertThat(wait.getAttributes().get(Agent4jAttributes.APPROVAL_CALL_IDS)).containsExactly("call_w");
        assertThat(wait.getAttributes().get(Agent4jAttributes.APPROVAL_TOOLS)).containsExactly("write");

        assertThat(resumed.getAttributes().get(Agent4jAttributes.RUN_RESUMED)).isTrue();
        assertThat(resumed.getAttributes().get(Agent4jAttributes.RUN_ID)).isEqualTo(waiting.runId());
        assertThat(resumed.getAttributes().get(Agent4jAttributes.RUN_WAITING_FOR_APPROVAL)).isFalse();
        assertThat(resumed.getEvents()).extracting(EventData::getName)
                .containsExactly(Agent4jAttributes.APPROVAL_DECISION_EVENT);
        EventData decision = resumed.getEvents().get(0);
        assertThat(decision.getAttributes().get(GenAi.TOOL_CALL_ID)).isEqualTo("call_w");
        assertThat(decision.getAttributes().get(Agent4jAttributes.APPROVAL_APPROVED)).isTrue();
        SpanData write = telemetry.span("execute_tool write");
        assertThat(write.getParentSpanId()).as("the approved call runs in the resumed run")
                .isEqualTo(resumed.getSpanId());
    }
}
