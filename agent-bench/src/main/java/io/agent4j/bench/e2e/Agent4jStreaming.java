package io.agent4j.bench.e2e;

import io.agent4j.Agent;
import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.StreamingRunner;
import io.agent4j.bench.scenario.TravelTools;
import io.agent4j.openai.OpenAiChatModel;
import okhttp3.OkHttpClient;

/**
 * The streamed answers through agent4j: {@link Agent#stream(String, io.agent4j.StreamHandler)} over an
 * {@link OpenAiChatModel}, an agent without tools for the long answer and one with the scenario's
 * tools for the scenario.
 */
final class Agent4jStreaming {

    private Agent4jStreaming() {
    }

    /**
     * @param baseUrl the stub's base URL, {@code http://127.0.0.1:PORT/v1}
     * @param http the OkHttp client to share, or null for agent4j's own default
     */
    static StreamingRunner create(String baseUrl, OkHttpClient http) {
        Agent plain = Agent.builder().model(model(StreamingRunner.longBaseUrl(baseUrl), http))
                .instructions(Scenario.INSTRUCTIONS).maxSteps(4).build();
        Agent withTools = Agent.builder().model(model(baseUrl, http)).instructions(Scenario.INSTRUCTIONS)
                .tools(new TravelTools()).maxSteps(4).build();
        return StreamingRunner.of(plain, withTools, (agent, prompt, onText) -> agent.stream(prompt, onText::accept)
                .text());
    }

    private static OpenAiChatModel model(String baseUrl, OkHttpClient http) {
        OpenAiChatModel.Builder model = OpenAiChatModel.builder().apiKey("sk-bench").baseUrl(baseUrl)
                .model(Scenario.MODEL);
        if (http != null) {
            model.httpClient(http);
        }
        return model.build();
    }
}
