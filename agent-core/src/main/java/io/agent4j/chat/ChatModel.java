package io.agent4j.chat;

/**
 * A chat model that may call tools. Implementations must be safe to call from several threads.
 *
 * <p>This is the extension point for providers and decorators: {@code OpenAiChatModel} talks to
 * an OpenAI-compatible server, the {@code replay} package records and replays sessions.
 */
public interface ChatModel {

    /**
     * Sends one request and returns the model's reply.
     *
     * @throws io.agent4j.errors.Agent4jException when the model cannot be reached or refuses the request
     */
    ChatResponse chat(ChatRequest request);

    /**
     * How this model's server is asked for an answer of a JSON schema: {@link StructuredOutput#JSON_SCHEMA}
     * unless the model was configured for a server without it.
     */
    default StructuredOutput structuredOutput() {
        return StructuredOutput.JSON_SCHEMA;
    }

    /**
     * The model a request that names none is sent to, for what reports the run (such as a trace
     * span's {@code gen_ai.request.model}); null, by default, when it is not known.
     */
    default String model() {
        return null;
    }

    /**
     * Whether this model's server takes images in a request (true unless the model was configured for
     * one without vision). When false, an image a tool returns is not sent: the model reads a short note in
     * the tool's result instead.
     */
    default boolean acceptsImages() {
        return true;
    }

    /**
     * Sends a request without streaming, telling {@code events} of each retry (its text is not
     * streamed: {@link StreamListener#onText} is not called), and stops when {@code cancellation}
     * says so. By default, {@link #chat(ChatRequest)} after a check of the cancellation.
     *
     * @throws io.agent4j.errors.CancelledException when cancelled
     */
    default ChatResponse chat(ChatRequest request, StreamListener events, Cancellation cancellation) {
        cancellation.throwIfCancelled();
        return chat(request);
    }

    /**
     * Sends one request and delivers the answer's text to {@code listener} as it arrives, then
     * returns the whole reply. {@code cancellation} aborts the call. Models that cannot stream
     * deliver the text in one piece, which is what this default does.
     *
     * @throws io.agent4j.errors.CancelledException when cancelled
     * @throws io.agent4j.errors.Agent4jException when the model cannot be reached, refuses the request, or
     *     the stream breaks off (nothing of a broken stream is returned)
     */
    default ChatResponse stream(ChatRequest request, StreamListener listener, Cancellation cancellation) {
        cancellation.throwIfCancelled();
        ChatResponse response = chat(request);
        cancellation.throwIfCancelled();
        String text = response.message().content();
        if (text != null && !text.isEmpty()) {
            listener.onText(text);
        }
        return response;
    }
}
