package io.agent4j.bench.peer.langchain4j;

import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.StreamingRunner;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The streamed answers through LangChain4j as its users write them: AI services returning a
 * {@link TokenStream} over its {@link OpenAiStreamingChatModel}, one without tools for the long
 * answer and one with the scenario's tools; the caller waits for the complete response.
 */
final class LangChain4jStreaming {

    /** A streaming AI service: the prompt in, the answer's tokens out. */
    interface Assistant {
        TokenStream chat(String prompt);
    }

    private LangChain4jStreaming() {
    }

    static StreamingRunner create(String baseUrl) {
        Assistant plain = AiServices.builder(Assistant.class)
                .streamingChatModel(model(StreamingRunner.longBaseUrl(baseUrl)))
                .systemMessage(Scenario.INSTRUCTIONS).build();
        Assistant withTools = AiServices.builder(Assistant.class).streamingChatModel(model(baseUrl))
                .systemMessage(Scenario.INSTRUCTIONS).tools(new LangChain4jRunner.TravelTools()).build();
        return StreamingRunner.of(plain, withTools, LangChain4jStreaming::stream);
    }

    private static OpenAiStreamingChatModel model(String baseUrl) {
        return OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey("sk-bench").modelName(Scenario.MODEL).build();
    }

    private static String stream(Assistant assistant, String prompt, Consumer<String> onText) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        assistant.chat(prompt).onPartialResponse(onText)
                .onCompleteResponse(response -> answer.complete(response.aiMessage().text()))
                .onError(answer::completeExceptionally).start();
        return answer.join();
    }
}
