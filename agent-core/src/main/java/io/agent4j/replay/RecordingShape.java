package io.agent4j.replay;

import io.agent4j.chat.Role;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks that an exchange of a recording has the shape {@link RecordingFile} writes, before it is
 * read: the messages, tool calls, tools and usage are of the types of the Chat Completions API.
 * Reading the API's responses is lenient, but a recording is agent4j's own file, so a field of
 * the wrong type means a damaged or mis-edited file, never a server's deviation.
 */
final class RecordingShape {

    /** The first field of an exchange that is not of its type, as a JSON path from the file's root. */
    static final class WrongField extends RuntimeException {

        private final String path;

        WrongField(String path, String problem) {
            super(problem, null, false, false);
            this.path = path;
        }

        /** The JSON path of the field, such as {@code $.exchanges[1].request.messages[0].content}. */
        String path() {
            return path;
        }
    }

    private static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::wireName).toList();
    private static final List<String> PART_TYPES = List.of("text", "image_url");
    private static final List<String> DETAILS = List.of("auto", "low", "high");
    private static final List<String> USAGE_COUNTS = List.of("prompt_tokens", "completion_tokens", "total_tokens");

    private RecordingShape() {
    }

    /**
     * Checks exchange {@code index} (from 0).
     *
     * @throws WrongField naming the first field of the wrong type
     */
    static void check(JsonNode exchange, int index) {
        String path = "$.exchanges[" + index + "]";
        object(exchange, path, "an exchange object with \"request\" and \"response\"");
        JsonNode request = required(exchange, "request", path);
        object(request, path + ".request", "an object with \"messages\" and \"tools\"");
        JsonNode messages = required(request, "messages", path + ".request");
        array(messages, path + ".request.messages", "an array of messages");
        for (int i = 0; i < messages.size(); i++) {
            message(messages.get(i), path + ".request.messages[" + i + "]");
        }
        JsonNode tools = request.get("tools");
        if (present(tools)) {
            array(tools, path + ".request.tools", "an array of tools");
            for (int i = 0; i < tools.size(); i++) {
                tool(tools.get(i), path + ".request.tools[" + i + "]");
            }
        }
        JsonNode response = required(exchange, "response", path);
        String at = path + ".response";
        object(response, at, "an object with \"message\"");
        JsonNode message = required(response, "message", at);
        object(message, at + ".message", "the assistant's message object");
        optionalText(message, "role", at + ".message");
        if (present(message.get("role")) && !"assistant".equals(message.get("role").stringValue())) {
            throw new WrongField(at + ".message.role", "expected \"assistant\", found " + kind(message.get("role")));
        }
        optionalText(message, "content", at + ".message");
        toolCalls(message.get("tool_calls"), at + ".message.tool_calls");
        optionalText(response, "finish_reason", at);
        optionalText(response, "model", at);
        usage(response.get("usage"), at + ".usage");
    }

    private static void message(JsonNode message, String path) {
        object(message, path, "a message object");
        JsonNode role = required(message, "role", path);
        if (!role.isString() || !ROLES.contains(role.stringValue())) {
            throw new WrongField(path + ".role", "expected one of " + String.join(", ", ROLES) + ", found "
                    + kind(role));
        }
        if ("user".equals(role.stringValue()) && present(message.get("content"))
                && message.get("content").isArray()) {
            parts(message.get("content"), path + ".content");
        } else {
            optionalText(message, "content", path);
        }
        switch (role.stringValue()) {
            case "assistant" -> toolCalls(message.get("tool_calls"), path + ".tool_calls");
            case "tool" -> text(required(message, "tool_call_id", path), path + ".tool_call_id");
            default -> { }
        }
    }

    /** A user message's parts: {@code text} parts with a string, {@code image_url} parts with a URL. */
    private static void parts(JsonNode parts, String path) {
        for (int i = 0; i < parts.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode part = parts.get(i);
            object(part, at, "a content part object with \"type\"");
            JsonNode type = required(part, "type", at);
            if (!type.isString() || !PART_TYPES.contains(type.stringValue())) {
                throw new WrongField(at + ".type", "expected \"text\" or \"image_url\", found " + kind(type));
            }
            if (type.stringValue().equals("text")) {
                text(required(part, "text", at), at + ".text");
                continue;
            }
            JsonNode image = required(part, "image_url", at);
            object(image, at + ".image_url", "an object with \"url\" and \"detail\"");
            text(required(image, "url", at + ".image_url"), at + ".image_url.url");
            JsonNode detail = image.get("detail");
            if (present(detail) && (!detail.isString() || !DETAILS.contains(detail.stringValue()))) {
                throw new WrongField(at + ".image_url.detail", "expected \"auto\", \"low\" or \"high\", found "
                        + kind(detail));
            }
        }
    }

    private static void toolCalls(JsonNode calls, String path) {
        if (!present(calls)) {
            return;
        }
        array(calls, path, "an array of tool calls");
        for (int i = 0; i < calls.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode call = calls.get(i);
            object(call, at, "a tool call object with \"id\" and \"function\"");
            text(required(call, "id", at), at + ".id");
            JsonNode function = required(call, "function", at);
            object(function, at + ".function", "an object with \"name\" and \"arguments\"");
            text(required(function, "name", at + ".function"), at + ".function.name");
            text(required(function, "arguments", at + ".function"), at + ".function.arguments");
        }
    }

    private static void tool(JsonNode tool, String path) {
        object(tool, path, "a tool object with \"function\"");
        JsonNode function = required(tool, "function", path);
        String at = path + ".function";
        object(function, at, "an object with \"name\" and \"parameters\"");
        text(required(function, "name", at), at + ".name");
        optionalText(function, "description", at);
        JsonNode parameters = function.get("parameters");
        if (present(parameters)) {
            object(parameters, at + ".parameters", "a JSON schema object");
        }
        JsonNode strict = function.get("strict");
        if (present(strict) && !strict.isBoolean()) {
            throw new WrongField(at + ".strict", "expected true or false, found " + kind(strict));
        }
    }

    private static void usage(JsonNode usage, String path) {
        if (!present(usage)) {
            return;
        }
        object(usage, path, "an object of token counts");
        for (String name : USAGE_COUNTS) {
            JsonNode count = usage.get(name);
            if (present(count) && !count.isIntegralNumber()) {
                throw new WrongField(path + "." + name, "expected a whole number, found " + kind(count));
            }
        }
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static JsonNode required(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isMissingNode()) {
            throw new WrongField(path + "." + name, "is missing");
        }
        return node;
    }

    private static void object(JsonNode node, String path, String expected) {
        if (!node.isObject()) {
            throw new WrongField(path, "expected " + expected + ", found " + kind(node));
        }
    }

    private static void array(JsonNode node, String path, String expected) {
        if (!node.isArray()) {
            throw new WrongField(path, "expected " + expected + ", found " + kind(node));
        }
    }

    private static void text(JsonNode node, String path) {
        if (!node.isString()) {
            throw new WrongField(path, "expected a string, found " + kind(node));
        }
    }

    private static void optionalText(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (present(node)) {
            text(node, path + "." + name);
        }
    }

    /** What a node is, for a message: {@code an array}, {@code the number 42}. */
    static String kind(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isNull()) {
            return "null";
        }
        String value = node.toString();
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        if (node.isNumber()) {
            return "the number " + shown;
        }
        if (node.isBoolean()) {
            return shown;
        }
        return "the string " + shown;
    }
}
