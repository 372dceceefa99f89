package io.agent4j.examples.cli;

import io.agent4j.AgentResult;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.Usage;
import io.agent4j.tool.ToolResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer of {@code run --json} and of each turn of {@code chat --json}, as one JSON object on
 * one line:
 *
 * <pre>{@code
 * {"answer":"...","model":"gpt-4o-mini-2024-07-18","steps":2,"finishReason":"stop","truncated":false,
 *  "toolCalls":[{"step":1,"id":"call_1","name":"evaluate","arguments":"{\"expression\":\"1+1\"}",
 *                "result":"2","failed":false,"durationMs":6.4}],
 *  "usage":{"prompt":1233,"completion":92,"total":1325,"cached":0,"reasoning":0},"usageKnown":true,
 *  "cost":0.00024015,"costKnown":true,"refusal":null,"value":null}
 * }</pre>
 *
 * {@code arguments} is the string the model wrote (JSON, possibly malformed); {@code cost} is in
 * US dollars, {@code null} with {@code "costKnown":false} when a model's price or the usage is not
 * known; {@code usage} is {@code null} with {@code "usageKnown":false} when the server did not report
 * the usage of every call. {@code refusal} is what the model said when it refused to answer, else null.
 * {@code value} is the typed answer's JSON as it was checked against its schema ({@code run
 * --output-schema}, {@code --output-type}, an example that answers with a value), else null.
 * {@code chat} adds {@code "session":{"name","usage","usageKnown","cost","costKnown"}}, the running totals.
 */
final class JsonAnswer {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final ObjectWriter PRETTY = JSON.writer().with(new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER).withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", DefaultIndenter.SYS_LF))
            .withArrayIndenter(new DefaultIndenter("  ", DefaultIndenter.SYS_LF)));

    /** One tool call of the answer, as the listener saw it finish. */
    record Call(int step, ToolCall call, ToolResult result, Duration duration) {
    }

    private JsonAnswer() {
    }

    /** The object for one answer in text. */
    static ObjectNode of(AgentResult result, String model, List<Call> calls) {
        return of(result, model, calls, null);
    }

    /** The object for one answer; {@code value} is the typed answer's JSON, or null. */
    static ObjectNode of(AgentResult result, String model, List<Call> calls, JsonNode value) {
        ObjectNode root = JSON.createObjectNode();
        root.put("answer", result.text());
        if (model == null) {
            root.putNull("model");
        } else {
            root.put("model", model);
        }
        root.put("steps", result.steps());
        root.put("finishReason", result.finishReason().wireName());
        root.put("truncated", result.truncated());
        ArrayNode array = root.putArray("toolCalls");
        for (Call call : calls) {
            array.addObject()
                    .put("step", call.step())
                    .put("id", call.call().id())
                    .put("name", call.call().name())
                    .put("arguments", call.call().arguments())
                    .put("result", call.result().content())
                    .put("failed", call.result().failed())
                    .put("durationMs", BigDecimal.valueOf(call.duration().toNanos(), 6).setScale(1, RoundingMode.HALF_UP));
        }
        usage(root, result.usage());
        cost(root, result.cost());
        if (result.refused()) {
            root.put("refusal", result.refusal().get());
        } else {
            root.putNull("refusal");
        }
        if (value == null) {
            root.putNull("value");
        } else {
            root.set("value", value);
        }
        return root;
    }

    /** Adds the running totals of a chat session. */
    static ObjectNode withSession(ObjectNode answer, String name, Usage usage, Optional<BigDecimal> cost) {
        ObjectNode session = answer.putObject("session");
        session.put("name", name);
        usage(session, usage);
        cost(session, cost);
        return answer;
    }

    /** The object on one line. */
    static String line(ObjectNode node) {
        return JSON.writeValueAsString(node);
    }

    /** JSON as people read it: two spaces of indent, {@code "name": value}, one line per element. */
    static String pretty(JsonNode node) {
        return PRETTY.writeValueAsString(node);
    }

    private static void usage(ObjectNode node, Usage usage) {
        if (usage.known()) {
            node.set("usage", counts(usage));
        } else {
            node.putNull("usage");
        }
        node.put("usageKnown", usage.known());
    }

    private static ObjectNode counts(Usage usage) {
        return JSON.createObjectNode()
                .put("prompt", usage.promptTokens())
                .put("completion", usage.completionTokens())
                .put("total", usage.totalTokens())
                .put("cached", usage.cachedPromptTokens())
                .put("reasoning", usage.reasoningTokens());
    }

    private static void cost(ObjectNode node, Optional<BigDecimal> cost) {
        if (cost.isPresent()) {
            node.put("cost", cost.get().stripTrailingZeros());
        } else {
            node.putNull("cost");
        }
        node.put("costKnown", cost.isPresent());
    }
}
