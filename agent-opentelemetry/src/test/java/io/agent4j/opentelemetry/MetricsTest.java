package io.agent4j.opentelemetry;

import static io.agent4j.opentelemetry.ChatServer.answer;
import static io.agent4j.opentelemetry.ChatServer.script;
import static io.agent4j.opentelemetry.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.ChatOptions;
import io.agent4j.tool.Tool;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The metrics of a run: tokens and durations as the conventions define them, tool calls and cost. */
class MetricsTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private final InMemoryTelemetry telemetry = new InMemoryTelemetry();

    @AfterEach
    void close() {
        telemetry.close();
    }

    /** A clock that works and a booking that fails. */
    public static class Tools {
        @Tool("The time in a city")
        public String time(String city) {
            return "14:05";
        }

        @Tool("Books a hotel")
        public String book(String city) {
            throw new IllegalStateException("no rooms left");
        }
    }

    private AgentResult twoStepRun() {
        script(server, toolCalls(new String[] {"call_t", "time", "{\"city\":\"Oslo\"}"},
                new String[] {"call_b", "book", "{\"city\":\"Oslo\"}"}), answer("14:05, and no rooms."));
        return Agent.builder().name("travel").model(ChatServer.model(server).build()).tools(new Tools())
                .options(ChatOptions.builder().model("gpt-4o-mini").build())
                .interceptor(AgentTelemetry.create(telemetry.sdk)).build().run("Time in Oslo, and book a hotel");
    }

    private static Attributes chat(String tokenType) {
        return Attributes.builder().put(GenAi.OPERATION_NAME, "chat").put(GenAi.PROVIDER_NAME, "openai")
                .put(GenAi.REQUEST_MODEL, "gpt-4o-mini").put(GenAi.RESPONSE_MODEL, "gpt-4o-mini-2024-07-18")
                .put(GenAi.TOKEN_TYPE, tokenType).build();
    }

    private MetricData metric(String name) {
        return telemetry.metric(name).orElseThrow(() -> new AssertionError("no metric " + name));
    }

    @Test
    void tokenUsageIsAHistogramOfInputAndOutputTokensPerCall() {
        twoStepRun();

        MetricData usage = metric("gen_ai.client.token.usage");
        assertThat(usage.getUnit()).isEqualTo("{token}");
        List<HistogramPointData> points = List.copyOf(usage.getHistogramData().getPoints());
        assertThat(points).hasSize(2);
        HistogramPointData input = points.stream().filter(p -> p.getAttributes().equals(chat("input"))).findFirst()
                .orElseThrow();
        HistogramPointData output = points.stream().filter(p -> p.getAttributes().equals(chat("output")))
                .findFirst().orElseThrow();
        assertThat(input.getCount()).isEqualTo(2);
        assertThat(input.getSum()).isEqualTo(20);
        assertThat(output.getSum()).isEqualTo(10);
        assertThat(input.getBoundaries()).startsWith(1.0, 4.0, 16.0).endsWith(67108864.0);
    }

    @Test
    void operationDurationIsAHistogramInSecondsPerModelCall() {
        twoStepRun();

        MetricData duration = metric("gen_ai.client.operation.duration");
        assertThat(duration.getUnit()).isEqualTo("s");
        HistogramPointData point = duration.getHistogramData().getPoints().iterator().next();
        assertThat(duration.getHistogramData().getPoints()).hasSize(1);
        assertThat(point.getCount()).isEqualTo(2);
        assertThat(point.getAttributes()).isEqualTo(chat("input").toBuilder().remove(GenAi.TOKEN_TYPE).build());
        assertThat(point.getBoundaries()).startsWith(0.01, 0.02, 0.04).endsWith(81.92);
    }

    @Test
    void toolCallsAreTimedByToolAndTheirFailuresCounted() {
        twoStepRun();

        MetricData duration = metric(Agent4jAttributes.TOOL_DURATION_METRIC);
        assertThat(duration.getUnit()).isEqualTo("s");
        assertThat(duration.getHistogramData().getPoints()).extracting(HistogramPointData::getAttributes)
                .containsExactlyInAnyOrder(Attributes.of(GenAi.TOOL_NAME, "time"),
                        Attributes.of(GenAi.TOOL_NAME, "book", GenAi.ERROR_TYPE, "tool_error"));
        MetricData errors = metric(Agent4jAttributes.TOOL_ERRORS_METRIC);
        assertThat(errors.getLongSumData().getPoints()).singleElement().satisfies(point -> {
            assertThat(point.getAttributes()).isEqualTo(Attributes.of(GenAi.TOOL_NAME, "book", GenAi.ERROR_TYPE,
                    "tool_error"));
            assertThat(((LongPointData) point).getValue()).isEqualTo(1);
        });
    }

    @Test
    void aRunsCostIsCountedInUsDollars() {
        AgentResult result = twoStepRun();

        MetricData cost = metric(Agent4jAttributes.COST_METRIC);
        assertThat(cost.getUnit()).isEqualTo("USD");
        assertThat(cost.getDoubleSumData().getPoints()).singleElement().satisfies(point -> {
            assertThat(((DoublePointData) point).getValue()).isEqualTo(result.cost().orElseThrow().doubleValue())
                    .isPositive();
            assertThat(point.getAttributes()).isEqualTo(Attributes.builder().put(GenAi.PROVIDER_NAME, "openai")
                    .put(GenAi.AGENT_NAME, "travel").put(GenAi.REQUEST_MODEL, "gpt-4o-mini").build());
        });
    }
}
