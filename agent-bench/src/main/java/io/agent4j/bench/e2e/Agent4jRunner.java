package io.agent4j.bench.e2e;

import io.agent4j.Agent;
import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.ScenarioRunner;
import io.agent4j.bench.scenario.PooledTravelTools;
import io.agent4j.bench.scenario.TravelTools;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.opentelemetry.AgentTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** The scenario through agent4j: an {@link Agent} over an {@link OpenAiChatModel}, the two tools registered. */
public final class Agent4jRunner implements ScenarioRunner {

    private final Agent agent;
    private final String name;

    /**
     * @param baseUrl the stub's base URL, {@code http://127.0.0.1:PORT/v1}
     * @param http the OkHttp client to share pools with, or null for agent4j's own default
     */
    public Agent4jRunner(String baseUrl, OkHttpClient http) {
        this(baseUrl, http, "agent4j", false, false);
    }

    /**
     * A variant for attributing the overhead (see {@link Variants}).
     *
     * @param noCallTimeout whether to set {@code callTimeout(0)} (no whole-call deadline is watched)
     * @param pooledTools whether the tools run on the agent's executor rather than inline
     */
    Agent4jRunner(String baseUrl, OkHttpClient http, String name, boolean noCallTimeout, boolean pooledTools) {
        this(baseUrl, http, name, noCallTimeout, pooledTools, null);
    }

    /**
     * A variant traced with {@code agent-opentelemetry} when {@code openTelemetry} is not null: the
     * agent's interceptor, and the model's HTTP client sending the trace context.
     */
    Agent4jRunner(String baseUrl, OkHttpClient http, String name, boolean noCallTimeout, boolean pooledTools,
            OpenTelemetry openTelemetry) {
        this.name = name;
        AgentTelemetry telemetry = openTelemetry == null ? null : AgentTelemetry.create(openTelemetry);
        if (telemetry != null) {
            http = http.newBuilder().addInterceptor(telemetry.okHttpInterceptor()).build();
        }
        OpenAiChatModel.Builder model = OpenAiChatModel.builder().apiKey("sk-bench").baseUrl(baseUrl)
                .model(Scenario.MODEL);
        if (http != null) {
            model.httpClient(http);
        }
        if (noCallTimeout) {
            model.callTimeout(Duration.ZERO);
        }
        Agent.Builder agent = Agent.builder()
                .model(model.build())
                .instructions(Scenario.INSTRUCTIONS)
                .tools(pooledTools ? new PooledTravelTools() : new TravelTools())
                .maxSteps(4);
        if (telemetry != null) {
            agent.interceptor(telemetry);
        }
        this.agent = agent.build();
    }

    @Override
    public String run() {
        return agent.run(Scenario.PROMPT).text();
    }

    @Override
    public String name() {
        return name;
    }

    /** Cold start: one run in a fresh JVM, the answer printed. Argument: the base URL. */
    public static void main(String[] args) {
        System.out.println(new Agent4jRunner(args[0], null).run());
        System.out.flush();
        System.exit(0);
    }

    /**
     * Cold start with a default {@code new OkHttpClient()} handed to agent4j, which loads TLS as the
     * floor's does: agent4j's own client for an {@code http://} URL skips it, which the stub's URL is.
     */
    public static final class WithTls {
        private WithTls() {
        }

        /** Argument: the base URL. */
        public static void main(String[] args) {
            System.out.println(new Agent4jRunner(args[0], new OkHttpClient()).run());
            System.out.flush();
            System.exit(0);
        }
    }
}
