package io.agent4j.examples.cli;

import io.agent4j.MissingApiKeyException;
import io.agent4j.chat.ChatModel;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.replay.RecordingChatModel;
import io.agent4j.replay.ReplayChatModel;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Chooses the chat model from the flags: a replay, or an OpenAI-compatible endpoint configured
 * from the flags and then the environment, recorded when asked.
 */
final class ModelFactory {

    private ModelFactory() {
    }

    /**
     * The model for a run.
     *
     * @param replay the recording to replay, or null
     * @param record where to record a live session, or null
     * @param apiKey {@code --api-key}, or null for {@code OPENAI_API_KEY}
     * @param baseUrl {@code --base-url}, or null for {@code OPENAI_BASE_URL} or OpenAI's endpoint
     * @param model {@code --model}, or null for the default model
     * @param environment reads environment variables
     * @throws MissingApiKeyException when a live model is needed and no key is given
     * @throws IllegalArgumentException when the base URL or model name is not usable
     */
    static ChatModel create(Path replay, Path record, String apiKey, String baseUrl, String model,
            Function<String, String> environment) {
        if (replay != null) {
            return ReplayChatModel.load(replay);
        }
        String key = firstNonBlank(apiKey, environment.apply("OPENAI_API_KEY"));
        if (key == null) {
            throw new MissingApiKeyException("No API key: set OPENAI_API_KEY or pass --api-key KEY (servers "
                    + "that need no key accept any value), or run offline with --replay FILE.");
        }
        String url = firstNonBlank(baseUrl, environment.apply("OPENAI_BASE_URL"));
        OpenAiChatModel.Builder builder = OpenAiChatModel.builder()
                .apiKey(key)
                .baseUrl(url == null ? OpenAiChatModel.DEFAULT_BASE_URL : url);
        if (model != null) {
            builder.model(model);
        }
        OpenAiChatModel live = builder.build();
        return record == null ? live : new RecordingChatModel(live, record);
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : null;
    }
}
