package io.agent4j.chat;

import java.util.Objects;

/**
 * A request of the model to run one tool.
 *
 * @param id the identifier the tool's result must quote
 * @param name the tool's name, as the model wrote it (it may not exist)
 * @param arguments the arguments as the JSON text the model wrote (it may be malformed)
 */
public record ToolCall(String id, String name, String arguments) {

    /** Creates a tool call; null {@code name} or {@code arguments} become empty strings. */
    public ToolCall {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        arguments = arguments == null ? "" : arguments;
    }
}
