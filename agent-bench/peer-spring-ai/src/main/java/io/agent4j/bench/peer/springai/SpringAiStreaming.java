package io.agent4j.bench.peer.springai;

import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.StreamingRunner;
import java.util.stream.Collectors;
import org.springframework.ai.chat.client.ChatClient;

/**
 * The streamed answers through Spring AI as its users write them: {@code ChatClient.stream()}'s
 * content, a {@code Flux} of text, over its OpenAI model, one client without tools for the long
 * answer and one with the scenario's tools; the caller blocks for the joined text.
 */
final class SpringAiStreaming {

    private SpringAiStreaming() {
    }

    static StreamingRunner create(String baseUrl) {
        ChatClient plain = ChatClient.builder(SpringAiRunner.model(StreamingRunner.longBaseUrl(baseUrl), 0))
                .defaultSystem(Scenario.INSTRUCTIONS).build();
        ChatClient withTools = ChatClient.builder(SpringAiRunner.model(baseUrl, 0))
                .defaultSystem(Scenario.INSTRUCTIONS).defaultTools(new SpringAiRunner.TravelTools()).build();
        return StreamingRunner.of(plain, withTools, (chat, prompt, onText) -> chat.prompt().user(prompt).stream()
                .content().doOnNext(onText).collect(Collectors.joining()).block());
    }
}
