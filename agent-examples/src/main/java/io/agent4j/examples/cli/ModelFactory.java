package io.agent4j.examples.cli;

import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatModel;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.StreamListener;
import io.agent4j.chat.StructuredOutput;
import io.agent4j.errors.MissingApiKeyException;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.chat.Retry;
import io.agent4j.replay.RecordingChatModel;
import io.agent4j.replay.ReplayChatModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Chooses the chat model: a replay, or an OpenAI-compatible endpoint configured from the
 * {@link Settings} (flags, then the environment, then {@code ~/.agent4j/config.properties}),
 * recorded when asked.
 */
final class ModelFactory {

    private ModelFactory() {
    }

    /**
     * The timeouts of {@code --timeout} and {@code --read-timeout}; null where the client's default applies.
     *
     * @param call {@link OpenAiChatModel.Builder#callTimeout}
     * @param read {@link OpenAiChatModel.Builder#readTimeout}
     */
    record Timeouts(Duration call, Duration read) {
    }

    /**
     * The model of a run, and the live client inside it.
     *
     * @param model what the agent talks to: a replay, the live client, or the live client recorded
     * @param live the OpenAI-compatible client, or null for a replay
     */
    record Made(ChatModel model, OpenAiChatModel live) {
    }

    /**
     * The model for a run.
     *
     * @param replay the recording to replay, or null
     * @param replayFrom the exchange of {@code replay} to start at: 0, or where a resumed run stopped
     * @param record where to record a live session, or null
     * @param settings the API key, base URL and model name
     * @param timeouts the timeouts of a live model
     * @param onRetry told of each retry of a live model's call, or null
     * @param streaming whether a live model streams its answers ({@code --no-stream} turns it off)
     * @param structuredOutput how the server is asked for a typed answer; a replay asks as the
     *     recording was made, which this says, since the request it checks depends on it
     * @throws MissingApiKeyException when a live model is needed and no key is given
     * @throws IllegalArgumentException when the base URL or model name is not usable
     */
    static Made create(Path replay, int replayFrom, Path record, Settings settings, Timeouts timeouts, Consumer<Retry> onRetry,
            boolean streaming, StructuredOutput structuredOutput) {
        if (replay != null) {
            ReplayChatModel replayed = ReplayChatModel.load(replay).startingAt(replayFrom);
            return new Made(structuredOutput == StructuredOutput.JSON_SCHEMA ? replayed
                    : new Replayed(replayed, structuredOutput), null);
        }
        String key = settings.apiKey().value();
        if (key == null) {
            throw new MissingApiKeyException("No API key: set " + Settings.API_KEY_VARIABLE + " or pass --api-key KEY "
                    + "(servers that need no key accept any value), put api-key = KEY in " + settings.file().path()
                    + ", or run offline with --replay FILE.");
        }
        OpenAiChatModel.Builder builder = OpenAiChatModel.builder()
                .apiKey(key)
                .baseUrl(settings.baseUrl().value())
                .model(settings.model().value())
                .streaming(streaming)
                .structuredOutput(structuredOutput);
        if (onRetry != null) {
            builder.onRetry(onRetry);
        }
        if (timeouts.call() != null) {
            builder.callTimeout(timeouts.call());
        }
        if (timeouts.read() != null) {
            builder.readTimeout(timeouts.read());
        }
        OpenAiChatModel live = builder.build();
        return new Made(record == null ? live : new RecordingChatModel(live, record), live);
    }

    /**
     * A replay made with another {@link StructuredOutput} than the default: the agent puts the
     * schema in the system message for it, as it did when the session was recorded.
     */
    private record Replayed(ReplayChatModel replay, StructuredOutput structuredOutput) implements ChatModel {

        @Override
        public ChatResponse chat(ChatRequest request) {
            return replay.chat(request);
        }

        @Override
        public ChatResponse stream(ChatRequest request, StreamListener listener, Cancellation cancellation) {
            return replay.stream(request, listener, cancellation);
        }
    }
}
