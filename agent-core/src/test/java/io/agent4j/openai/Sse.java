package io.agent4j.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds and reads Server-Sent Event bodies of {@code chat.completion.chunk} events for tests: the
 * chunks a server would send, with {@code data: [DONE]} at the end, served as
 * {@code text/event-stream}.
 */
public final class Sse {

    /** The event that ends an OpenAI stream. */
    public static final String DONE = "data: [DONE]\n\n";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Sse() {
    }

    /** A 200 response serving {@code body} as {@code text/event-stream}, as OpenAI does. */
    public static ResponseDefinitionBuilder stream(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream; charset=utf-8")
                .withBody(body);
    }

    /** The events of {@code chunks} (JSON texts), each as one {@code data:} event, followed by [DONE]. */
    public static String events(String... chunks) {
        return eventsWithoutDone(chunks) + DONE;
    }

    /** The events of {@code chunks} with no [DONE] at the end. */
    public static String eventsWithoutDone(String... chunks) {
        StringBuilder body = new StringBuilder();
        for (String chunk : chunks) {
            body.append("data: ").append(chunk).append("\n\n");
        }
        return body.toString();
    }

    /** A spec-shaped chunk for choice 0 with this delta (a JSON object text) and finish reason (or null). */
    public static String chunk(String delta, String finishReason) {
        ObjectNode root = envelope();
        ObjectNode choice = root.withArray("choices").addObject().put("index", 0);
        choice.set("delta", JSON.readTree(delta));
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return root.toString();
    }

    /** A chunk with a text delta. */
    public static String text(String content) {
        ObjectNode delta = JSON.createObjectNode().put("content", content);
        return chunk(delta.toString(), null);
    }

    /** A chunk with only a finish reason, as OpenAI ends a choice. */
    public static String finish(String finishReason) {
        return chunk("{}", finishReason);
    }

    /** The usage chunk {@code include_usage} adds at the end: empty choices. */
    public static String usage(long prompt, long completion, long total) {
        ObjectNode root = envelope();
        root.putArray("choices");
        root.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", total);
        return root.toString();
    }

    /**
     * A chunk with one tool-call delta; null arguments leave the field out, as do null id and name.
     * {@code index} null leaves out the index (a compatible-server deviation).
     */
    public static String toolDelta(Integer index, String id, String name, String arguments) {
        ObjectNode call = JSON.createObjectNode();
        if (index != null) {
            call.put("index", index);
        }
        if (id != null) {
            call.put("id", id).put("type", "function");
        }
        ObjectNode function = call.putObject("function");
        if (name != null) {
            function.put("name", name);
        }
        if (arguments != null) {
            function.put("arguments", arguments);
        }
        ObjectNode delta = JSON.createObjectNode();
        delta.putArray("tool_calls").add(call);
        return chunk(delta.toString(), null);
    }

    private static ObjectNode envelope() {
        return JSON.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion.chunk")
                .put("created", 1732690000).put("model", "gpt-4o-mini-2024-07-18")
                .put("system_fingerprint", "fp_test");
    }

    /** The JSON chunks of an SSE body, in order, without [DONE] and without non-data lines. */
    public static List<JsonNode> chunks(String body) {
        List<JsonNode> chunks = new ArrayList<>();
        for (String line : body.split("\r?\n")) {
            if (line.startsWith("data:")) {
                String data = line.substring(5).strip();
                if (!data.equals("[DONE]")) {
                    chunks.add(JSON.readTree(data));
                }
            }
        }
        return chunks;
    }
}
