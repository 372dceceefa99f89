package io.agent4j.memory.internal;

import io.agent4j.approval.Decision;
import io.agent4j.approval.PendingCall;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.Usage;
import io.agent4j.chat.internal.ChatJson;
import io.agent4j.errors.CorruptConversationException;
import io.agent4j.errors.ResumeRefusedException;
import io.agent4j.memory.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A {@link RunRecord}'s state as the JSON a store keeps, and back, checked. */
public final class StoredRun {

    private StoredRun() {
    }

    /**
     * The state of a run (all but its id, conversation, status and time, which are columns) as JSON,
     * with how many messages its conversation held once the run stored it ({@link #messages}).
     */
    public static String write(RunRecord run, long messages) {
        ObjectNode root = ChatJson.MAPPER.createObjectNode();
        root.put("steps", run.steps());
        root.put("toolCalls", run.toolCalls());
        root.put("messages", messages);
        if (run.model() != null) {
            root.put("model", run.model());
        }
        ObjectNode usage = root.putObject("usage");
        usage.put("known", run.usage().known()).put("prompt", run.usage().promptTokens())
                .put("completion", run.usage().completionTokens()).put("total", run.usage().totalTokens())
                .put("cached", run.usage().cachedPromptTokens()).put("reasoning", run.usage().reasoningTokens());
        ArrayNode pending = root.putArray("pending");
        for (PendingCall call : run.pending()) {
            pending.addObject().put("id", call.id()).put("tool", call.tool()).put("arguments", call.arguments())
                    .put("reason", call.reason());
        }
        ArrayNode decisions = root.putArray("decisions");
        for (Decision decision : run.decisions()) {
            decisions.addObject().put("callId", decision.callId()).put("approved", decision.approved())
                    .put("reason", decision.reason());
        }
        ObjectNode labels = root.putObject("labels");
        run.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> labels.put(e.getKey(), e.getValue()));
        if (!run.options().equals(ChatOptions.NONE)) {
            ObjectNode options = root.putObject("options");
            ChatJson.MAPPER.<ObjectNode>valueToTree(run.options()).properties().stream()
                    .filter(e -> !e.getValue().isNull()).forEach(e -> options.set(e.getKey(), e.getValue()));
        }
        return root.toString();
    }

    /**
     * Reads a stored run.
     *
     * @throws CorruptConversationException saying what is wrong with the stored state
     */
    public static RunRecord read(String runId, String conversationId, String status, String state, long updatedAt) {
        RunRecord.Status parsed;
        try {
            parsed = RunRecord.Status.valueOf(status);
        } catch (RuntimeException e) {
            throw corrupt(conversationId, runId, "its status '" + status + "' is none of " + List.of(
                    RunRecord.Status.values()));
        }
        JsonNode root;
        try {
            root = ChatJson.MAPPER.readTree(state == null ? "" : state);
        } catch (JacksonException e) {
            throw corrupt(conversationId, runId, "its state is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("steps").isInt() || !root.path("usage").isObject()) {
            throw corrupt(conversationId, runId, "its state lacks the steps or the usage");
        }
        try {
            JsonNode u = root.get("usage");
            Usage usage = u.path("known").asBoolean(true)
                    ? Usage.builder().promptTokens(u.path("prompt").asLong())
                            .completionTokens(u.path("completion").asLong()).totalTokens(u.path("total").asLong())
                            .cachedPromptTokens(u.path("cached").asLong()).reasoningTokens(u.path("reasoning").asLong())
                            .build()
                    : Usage.UNKNOWN;
            List<PendingCall> pending = new ArrayList<>();
            for (JsonNode call : root.path("pending")) {
                pending.add(new PendingCall(text(call, "id"), text(call, "tool"), text(call, "arguments"),
                        text(call, "reason")));
            }
            List<Decision> decisions = new ArrayList<>();
            for (JsonNode decision : root.path("decisions")) {
                if (!decision.path("approved").isBoolean()) {
                    throw new IllegalArgumentException("a decision lacks 'approved'");
                }
                decisions.add(new Decision(text(decision, "callId"), decision.get("approved").asBoolean(),
                        decision.path("reason").asString("")));
            }
            Map<String, String> labels = new LinkedHashMap<>();
            root.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
            String model = root.path("model").isString() ? root.get("model").stringValue() : null;
            return new RunRecord(runId, conversationId, parsed, root.get("steps").asInt(),
                    root.path("toolCalls").asInt(0), usage, pending, decisions,
                    labels, model, options(root.get("options")), Instant.ofEpochMilli(updatedAt));
        } catch (RuntimeException e) {
            throw corrupt(conversationId, runId, "its state cannot be read: " + e.getMessage());
        }
    }

    /**
     * How many messages the run's conversation held when the run was stored last; -1 when the state
     * does not say.
     */
    public static long messages(String state) {
        try {
            JsonNode messages = ChatJson.MAPPER.readTree(state == null ? "" : state).path("messages");
            return messages.isIntegralNumber() ? messages.asLong() : -1;
        } catch (JacksonException e) {
            return -1;
        }
    }

    /** Why a run whose conversation was written after its last step is not taken over. */
    public static ResumeRefusedException wentOn(RunRecord run, long left, long holds) {
        return new ResumeRefusedException(run.runId(), "its conversation '" + run.conversationId() + "' went on "
                + "without it: the run left it at " + left + " messages, it holds " + holds + " now (a later turn was "
                + "written), so the run's next step would answer out of turn; nothing was run. Start a new run "
                + "instead");
    }

    /** The stored request options; none for a run stored without any (or before they were kept). */
    private static ChatOptions options(JsonNode options) {
        if (options == null || options.isNull()) {
            return ChatOptions.NONE;
        }
        if (!options.isObject()) {
            throw new IllegalArgumentException("'options' is not an object");
        }
        try {
            return ChatJson.MAPPER.treeToValue(options, ChatOptions.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("its request options cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value.stringValue();
    }

    private static CorruptConversationException corrupt(String conversationId, String runId, String problem) {
        return new CorruptConversationException(conversationId, runId, problem);
    }
}
