package io.agent4j.tool;

/**
 * What a tool may know about the call it serves. Declare a parameter of this type on a
 * {@link Tool} method to receive it; it is not part of the schema the model sees.
 *
 * @param conversationId identifies the run or conversation the call belongs to
 * @param toolCallId the model's id of this call
 */
public record ToolContext(String conversationId, String toolCallId) {
}
