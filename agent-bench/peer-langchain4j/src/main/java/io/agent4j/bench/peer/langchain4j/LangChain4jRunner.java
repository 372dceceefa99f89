package io.agent4j.bench.peer.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.ScenarioRunner;
import io.agent4j.bench.scenario.Travel;
import io.agent4j.bench.worker.Worker;

/**
 * The scenario through LangChain4j as its users write it: an {@link AiServices} interface over its
 * {@link OpenAiChatModel} pointed at the stub, the system message, and a tool object whose
 * {@link Tool} methods call {@link Travel}. Everything else is LangChain4j's default, its HTTP
 * client included (the JDK's {@code HttpClient}, whose connection pool has no limit).
 */
public final class LangChain4jRunner implements ScenarioRunner {

    /** The AI service: the prompt in, the final answer out, the tool calls in between. */
    interface Assistant {
        String chat(String prompt);
    }

    /** The scenario's two tools, with the names, descriptions and parameters agent4j's have. */
    public static final class TravelTools {

        @Tool("Current weather for a city")
        public Travel.Forecast weather(@P("City name, e.g. Seoul") String city, @P("Temperature unit") Travel.Unit unit) {
            return Travel.weather(city, unit);
        }

        @Tool("A packing list for a trip")
        public String packingList(@P("The trip to pack for") Travel.Trip trip) {
            return Travel.packingList(trip);
        }
    }

    private final Assistant assistant;

    LangChain4jRunner(String baseUrl) {
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("sk-bench")
                .modelName(Scenario.MODEL).build();
        this.assistant = AiServices.builder(Assistant.class).chatModel(model)
                .systemMessage(Scenario.INSTRUCTIONS).tools(new TravelTools()).build();
    }

    @Override
    public String run() {
        return assistant.chat(Scenario.PROMPT);
    }

    @Override
    public String name() {
        return "LangChain4j";
    }

    /** {@code cold BASE_URL}, {@code serve BASE_URL THREADS} or {@code inflight ...}: see {@link Worker}. */
    public static void main(String[] args) throws Exception {
        Worker.main(args, (baseUrl, threads) -> new LangChain4jRunner(baseUrl), LangChain4jStreaming::create,
                LangChain4jHistory::new);
    }
}
