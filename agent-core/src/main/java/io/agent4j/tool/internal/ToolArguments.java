package io.agent4j.tool.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** What every tool does with the model's arguments before its own binding: parse them into one JSON object. */
final class ToolArguments {

    private ToolArguments() {
    }

    /**
     * The arguments as a JSON object; blank text or {@code null} is the empty object.
     *
     * @param properties the tool's properties as {@code [a, b]}, for the messages
     * @throws Invalid saying what is wrong, for the model
     */
    static JsonNode parse(String arguments, String properties) {
        String text = arguments == null || arguments.isBlank() ? "{}" : arguments;
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new Invalid("the arguments are not valid JSON (" + e.getOriginalMessage()
                    + "). Send one JSON object with the properties " + properties + ".");
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Json.MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw new Invalid("the arguments must be a JSON object with the properties " + properties + ", not "
                    + node.getNodeType().name().toLowerCase() + ".");
        }
        return node;
    }

    /** The result text of a call whose arguments were refused. */
    static String refusal(String tool, Invalid e) {
        return "Error: the call to tool '" + tool + "' was not run: " + e.getMessage();
    }

    /** The result text of a call that threw. */
    static String failure(String tool, Throwable cause) {
        return "Error: tool '" + tool + "' failed: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Arguments the tool cannot run with, explained for the model. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
