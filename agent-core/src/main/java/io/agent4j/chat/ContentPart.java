package io.agent4j.chat;

/**
 * One part of a user message: a {@link TextPart} or an {@link ImagePart}. A message of parts is
 * sent as the {@code content} array of the Chat Completions API, in the order given.
 */
public sealed interface ContentPart permits TextPart, ImagePart {
}
