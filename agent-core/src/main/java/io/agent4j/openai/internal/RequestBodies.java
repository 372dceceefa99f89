package io.agent4j.openai.internal;

import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ResponseFormat;
import io.agent4j.chat.ToolChoice;
import io.agent4j.chat.internal.ChatJson;
import io.agent4j.tool.ToolDefinition;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes the JSON body of a Chat Completions request. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * The body for {@code request} with {@code options} (the model's defaults already merged with
     * the request's own). Tool parameters go only with tools, as the API refuses them otherwise.
     */
    public static ObjectNode body(ChatRequest request, ChatOptions options, boolean legacyMaxTokens, boolean stream) {
        ObjectNode body = ChatJson.MAPPER.createObjectNode();
        body.put("model", options.model());
        body.set("messages", ChatJson.writeAll(request.messages()));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition tool : request.tools()) {
                tools.add(ChatJson.write(tool));
            }
            if (options.toolChoice() != null) {
                body.set("tool_choice", toolChoice(options.toolChoice()));
            }
            if (options.parallelToolCalls() != null) {
                body.put("parallel_tool_calls", options.parallelToolCalls());
            }
        }
        putIfSet(body, "temperature", options.temperature());
        putIfSet(body, "top_p", options.topP());
        if (options.maxTokens() != null) {
            body.put(legacyMaxTokens ? "max_tokens" : "max_completion_tokens", options.maxTokens());
        }
        if (options.stop() != null) {
            ArrayNode stops = body.putArray("stop");
            options.stop().forEach(stops::add);
        }
        if (options.seed() != null) {
            body.put("seed", options.seed());
        }
        if (options.responseFormat() != null) {
            body.set("response_format", responseFormat(options.responseFormat()));
        }
        if (options.user() != null) {
            body.put("user", options.user());
        }
        putIfSet(body, "frequency_penalty", options.frequencyPenalty());
        putIfSet(body, "presence_penalty", options.presencePenalty());
        if (options.logitBias() != null) {
            ObjectNode bias = body.putObject("logit_bias");
            options.logitBias().forEach((token, value) -> bias.put(String.valueOf(token), value));
        }
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    private static void putIfSet(ObjectNode body, String name, Double value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    private static tools.jackson.databind.JsonNode toolChoice(ToolChoice choice) {
        if (!choice.mode().equals("function")) {
            return ChatJson.MAPPER.getNodeFactory().stringNode(choice.mode());
        }
        ObjectNode node = ChatJson.MAPPER.createObjectNode().put("type", "function");
        node.putObject("function").put("name", choice.function());
        return node;
    }

    private static ObjectNode responseFormat(ResponseFormat format) {
        ObjectNode node = ChatJson.MAPPER.createObjectNode().put("type", format.type());
        if (format.type().equals("json_schema")) {
            ObjectNode schema = node.putObject("json_schema");
            schema.put("name", format.name());
            schema.set("schema", format.schema());
            schema.put("strict", format.strict());
        }
        return node;
    }
}
