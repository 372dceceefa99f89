package io.agent4j.openai.internal;

import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.Message;
import io.agent4j.chat.ResponseFormat;
import io.agent4j.chat.Role;
import io.agent4j.chat.ToolChoice;
import io.agent4j.chat.internal.ChatJson;
import io.agent4j.tool.ToolDefinition;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/** Writes the JSON body of a Chat Completions request. */
public final class RequestBodies {

    /**
     * A request with more messages than this writes them through {@link ChatJson#json}, which remembers
     * each one's JSON; a shorter conversation has too few steps ahead for remembering to pay.
     */
    static final int REMEMBERED_FROM = 16;

    private RequestBodies() {
    }

    /**
     * The body for {@code request} with {@code options} (the model's defaults already merged with
     * the request's own), treating the model as a reasoning model when its name says so.
     */
    public static ObjectNode body(ChatRequest request, ChatOptions options, boolean legacyMaxTokens, boolean stream) {
        return body(request, options, legacyMaxTokens, stream, null);
    }

    /**
     * The body for {@code request} with {@code options} (the model's defaults already merged with
     * the request's own). Tool parameters go only with tools, as the API refuses them otherwise. A
     * reasoning model ({@code reasoning} true, or null and {@link ReasoningModels} says so) gets
     * {@code max_completion_tokens} whatever {@code legacyMaxTokens} says, and its instructions as
     * the {@code developer} role. The fields of {@link ChatOptions#extraBody()} go in last.
     *
     * @throws IllegalArgumentException when a reasoning model is given {@code temperature} or {@code top_p}
     */
    public static ObjectNode body(ChatRequest request, ChatOptions options, boolean legacyMaxTokens, boolean stream,
            Boolean reasoning) {
        boolean reasoningModel = reasoning != null ? reasoning : ReasoningModels.isReasoning(options.model());
        if (reasoningModel) {
            checkReasoningSampling(options);
        }
        ObjectNode body = ChatJson.MAPPER.createObjectNode();
        body.put("model", options.model());
        ArrayNode messages = body.putArray("messages");
        // in a long conversation each message's JSON is written once and kept, not written again at every step;
        // a short one is cheaper to write again than to remember
        boolean remembered = request.messages().size() > REMEMBERED_FROM;
        for (Message message : request.messages()) {
            if (reasoningModel && message.role() == Role.SYSTEM) {
                messages.add(ChatJson.write(message).put("role", "developer"));
            } else if (remembered) {
                messages.addRawValue(new RawValue(ChatJson.json(message)));
            } else {
                messages.add(ChatJson.write(message));
            }
        }
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
            body.put(legacyMaxTokens && !reasoningModel ? "max_tokens" : "max_completion_tokens", options.maxTokens());
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
        putParameters(body, options);
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        Map<String, JsonNode> extra = options.extraBody();
        if (extra != null) {
            extra.forEach((name, value) -> {
                if (value == null) {
                    body.remove(name);
                } else {
                    body.set(name, value);
                }
            });
        }
        return body;
    }

    /** The parameters beyond sampling and tools: reasoning, logprobs, storage, caching, prediction, choices. */
    private static void putParameters(ObjectNode body, ChatOptions options) {
        putIfSet(body, "reasoning_effort", options.reasoningEffort());
        putIfSet(body, "verbosity", options.verbosity());
        putIfSet(body, "service_tier", options.serviceTier());
        if (options.logprobs() != null || options.topLogprobs() != null) {
            body.put("logprobs", options.logprobs() == null || options.logprobs());
        }
        if (options.topLogprobs() != null) {
            body.put("top_logprobs", options.topLogprobs());
        }
        if (options.metadata() != null) {
            ObjectNode metadata = body.putObject("metadata");
            options.metadata().forEach(metadata::put);
        }
        if (options.store() != null) {
            body.put("store", options.store());
        }
        putIfSet(body, "safety_identifier", options.safetyIdentifier());
        putIfSet(body, "prompt_cache_key", options.promptCacheKey());
        if (options.prediction() != null) {
            body.putObject("prediction").put("type", "content").put("content", options.prediction());
        }
        if (options.n() != null) {
            body.put("n", options.n());
        }
    }

    private static void checkReasoningSampling(ChatOptions options) {
        // a gpt-5.1-style model without reasoning samples like a chat model again
        if ("none".equals(options.reasoningEffort())) {
            return;
        }
        String rejected = options.temperature() != null ? "temperature" : options.topP() != null ? "topP" : null;
        if (rejected != null) {
            throw new IllegalArgumentException(options.model() + " is a reasoning model, which rejects " + rejected
                    + " (it samples at its own default): unset " + rejected + " for it, steer it with "
                    + "reasoningEffort instead, or, for a server that does accept it, build the model with "
                    + "reasoningModel(false)");
        }
    }

    private static void putIfSet(ObjectNode body, String name, String value) {
        if (value != null) {
            body.put(name, value);
        }
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
