package io.agent4j.bench.peer.springai;

import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.ScenarioRunner;
import io.agent4j.bench.scenario.Travel;
import io.agent4j.bench.worker.Worker;
import java.time.Duration;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * The scenario through Spring AI as its users write it without Spring Boot: a {@link ChatClient}
 * over its {@link OpenAiChatModel} (the official openai-java SDK on OkHttp 4) pointed at the stub,
 * the system text, and a tool object whose {@link Tool} methods call {@link Travel}. With client
 * threads, its OkHttp pool keeps as many idle connections as agent4j's and the floor's.
 */
public final class SpringAiRunner implements ScenarioRunner {

    /** The scenario's two tools, with the names, descriptions and parameters agent4j's have. */
    public static final class TravelTools {

        @Tool(description = "Current weather for a city")
        public Travel.Forecast weather(@ToolParam(description = "City name, e.g. Seoul") String city,
                @ToolParam(description = "Temperature unit") Travel.Unit unit) {
            return Travel.weather(city, unit);
        }

        @Tool(description = "A packing list for a trip")
        public String packingList(@ToolParam(description = "The trip to pack for") Travel.Trip trip) {
            return Travel.packingList(trip);
        }
    }

    private final ChatClient chat;

    SpringAiRunner(String baseUrl, int threads) {
        this.chat = ChatClient.builder(model(baseUrl, threads)).defaultSystem(Scenario.INSTRUCTIONS)
                .defaultTools(new TravelTools()).build();
    }

    /** Spring AI's OpenAI model at {@code baseUrl}; with client threads, its pool keeps twice as many idle connections. */
    static OpenAiChatModel model(String baseUrl, int threads) {
        OpenAiChatModel.Builder model = OpenAiChatModel.builder().options(OpenAiChatOptions.builder()
                .baseUrl(baseUrl).apiKey("sk-bench").model(Scenario.MODEL).build());
        if (threads > 0) {
            model.httpClientBuilderCustomizer(http -> http.maxIdleConnections(Math.max(5, threads * 2))
                    .keepAliveDuration(Duration.ofMinutes(5)));
        }
        return model.build();
    }

    @Override
    public String run() {
        return chat.prompt().user(Scenario.PROMPT).call().content();
    }

    @Override
    public String name() {
        return "Spring AI";
    }

    /** {@code cold BASE_URL}, {@code serve BASE_URL THREADS} or {@code inflight ...}: see {@link Worker}. */
    public static void main(String[] args) throws Exception {
        Worker.main(args, SpringAiRunner::new, SpringAiStreaming::create, SpringAiHistory::new);
    }
}
