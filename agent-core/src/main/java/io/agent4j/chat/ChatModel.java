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
     * @throws io.agent4j.Agent4jException when the model cannot be reached or refuses the request
     */
    ChatResponse chat(ChatRequest request);
}
