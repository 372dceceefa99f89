package io.agent4j.chat;

import java.time.Duration;

/**
 * A model call that failed and is about to be tried again, as a model tells it to the call's
 * {@link StreamListener#onRetry} (and {@code OpenAiChatModel.Builder.onRetry}); an agent tells its
 * listeners ({@code AgentListener.onRetry}).
 *
 * @param retry which retry this is, from 1
 * @param maxRetries how many retries the model makes at most
 * @param reason what failed, such as {@code HTTP 429} or {@code SocketTimeoutException: timeout}
 * @param delay how long the client waits before sending the request again
 */
public record Retry(int retry, int maxRetries, String reason, Duration delay) {
}
