package io.agent4j.chat;

/**
 * One message of a conversation. The four kinds mirror the roles of the Chat Completions API.
 */
public sealed interface Message permits SystemMessage, UserMessage, AssistantMessage, ToolMessage {

    /** Who wrote this message. */
    Role role();

    /** The text of the message; {@code null} only for an assistant message that only calls tools. */
    String content();
}
