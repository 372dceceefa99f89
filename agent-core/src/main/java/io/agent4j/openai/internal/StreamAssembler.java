package io.agent4j.openai.internal;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.Choice;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.Logprobs;
import io.agent4j.chat.StreamListener;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.Usage;
import io.agent4j.chat.internal.ChatJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Assembles the {@code chat.completion.chunk} events of a stream into one response: text deltas
 * are forwarded as they arrive, tool-call deltas are joined by {@code index} (id and name from
 * the first delta that has them, arguments concatenated), {@code refusal} deltas are joined (and not
 * forwarded), the usage chunk is read (the usage is {@link Usage#UNKNOWN} without one), an error event
 * ends the stream with an {@link ErrorEvent}. Tolerates the
 * deviations of compatible servers: chunks with no choices or no delta, deltas without
 * {@code index}, empty or repeated ids and empty names on continuation deltas, arguments sent as
 * objects. A call that never gets a name is kept with an empty one, so that the loop tells the model
 * what was wrong, as for a whole response. The text and arguments together may be at most
 * {@link BodyLimits#MAX_BODY} characters. Choices other than the first (with {@code n} above 1) are
 * assembled alike, without being forwarded, and come after it in {@link ChatResponse#choices()};
 * log probabilities are joined in order. Not thread-safe; one per stream.
 */
public final class StreamAssembler {

    private final StreamListener listener;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder refusal = new StringBuilder();
    private final Map<Integer, PartialCall> calls = new LinkedHashMap<>();
    private int lastIndex = -1;
    private String finishReason;
    private Usage usage = Usage.UNKNOWN;
    private String model;
    private String systemFingerprint;
    private String id;
    private String serviceTier;
    private List<Logprobs.Token> logprobContent;
    private List<Logprobs.Token> logprobRefusal;
    /** The assemblers of the choices after the first, by index; each is fed its choice as if it were choice 0. */
    private final Map<Integer, StreamAssembler> others = new java.util.TreeMap<>();
    /** The assembler whose size limit this one shares: itself, or the first choice's. */
    private final StreamAssembler root;
    private boolean done;
    private boolean sawChoice;
    private int chunks;
    private long size;
    private String otherTool;

    private static final class PartialCall {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    /**
     * An error event of the stream ({@code data: {"error": …}}), with the event's data as the server sent
     * it, to be mapped like the body of an HTTP error.
     */
    public static final class ErrorEvent extends RuntimeException {
        private final String data;

        ErrorEvent(String data) {
            super("the server reported an error in the stream", null, false, false);
            this.data = data;
        }

        /** The event's data, unredacted: pass it through the {@link Redactor} before showing any of it. */
        public String data() {
            return data;
        }
    }

    /** An assembler forwarding text deltas to {@code listener}. */
    public StreamAssembler(StreamListener listener) {
        this(listener, null);
    }

    private StreamAssembler(StreamListener listener, StreamAssembler root) {
        this.listener = listener;
        this.root = root == null ? this : root;
    }

    /**
     * Takes the data of one event.
     *
     * @throws IllegalStateException describing a chunk that is not JSON or not a completion chunk
     * @throws ErrorEvent when the chunk is an error event
     */
    public void accept(String data) {
        if (done) {
            return;
        }
        if (data.strip().equals("[DONE]")) {
            done = true;
            return;
        }
        JsonNode chunk;
        try {
            chunk = ChatJson.MAPPER.readTree(data);
        } catch (JacksonException e) {
            throw new IllegalStateException("chunk " + (chunks + 1) + " is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (chunk == null || !chunk.isObject()) {
            throw new IllegalStateException("chunk " + (chunks + 1) + " is not a JSON object");
        }
        if (chunk.has("error")) {
            throw new ErrorEvent(data);
        }
        chunks++;
        if (model == null || model.isEmpty()) {
            // Azure's first chunk (prompt filter results) names the model ""; the real chunks name it
            model = ChatJson.text(chunk.get("model"));
        }
        if (chunk.path("usage").isObject()) {
            usage = ChatJson.readUsage(chunk.get("usage"));
        }
        String chunkId = ChatJson.text(chunk.get("id"));
        id = chunkId != null && !chunkId.isEmpty() ? chunkId : id;
        String fingerprint = ChatJson.text(chunk.get("system_fingerprint"));
        systemFingerprint = fingerprint != null ? fingerprint : systemFingerprint;
        String tier = ChatJson.text(chunk.get("service_tier"));
        serviceTier = tier != null ? tier : serviceTier;
        acceptChoices(chunk.path("choices"));
    }

    private void acceptChoices(JsonNode choices) {
        for (JsonNode choice : choices) {
            int index = choice.path("index").asInt(0);
            if (index != 0) {
                if (index > 0 && choice.isObject()) {
                    StreamAssembler other = others.computeIfAbsent(index,
                            i -> new StreamAssembler(delta -> { }, root));
                    other.acceptChoices(ChatJson.MAPPER.createArrayNode().add(((ObjectNode) choice).put("index", 0)));
                }
                continue;
            }
            sawChoice = true;
            JsonNode logprobs = choice.path("logprobs");
            if (logprobs.isObject()) {
                logprobContent = join(logprobContent, logprobs.get("content"));
                logprobRefusal = join(logprobRefusal, logprobs.get("refusal"));
            }
            JsonNode delta = choice.path("delta");
            if (delta.isObject()) {
                acceptDelta(delta);
            }
            String reason = ChatJson.text(choice.get("finish_reason"));
            if (reason != null) {
                finishReason = reason;
            }
        }
    }

    private void acceptDelta(JsonNode delta) {
        String content = textOf(delta.get("content"));
        if (!content.isEmpty()) {
            grow(content.length());
            text.append(content);
            listener.onText(content);
        }
        String refused = textOf(delta.get("refusal"));
        if (!refused.isEmpty()) {
            grow(refused.length());
            refusal.append(refused);
        }
        if (otherTool == null) {
            otherTool = ChatJson.otherThanFunction(delta.get("tool_calls"));
        }
        for (JsonNode callDelta : delta.path("tool_calls")) {
            PartialCall call = calls.computeIfAbsent(indexOf(callDelta), i -> new PartialCall());
            String id = ChatJson.text(callDelta.get("id"));
            if (call.id == null && id != null && !id.isEmpty()) {
                call.id = id;
            }
            JsonNode function = callDelta.path("function");
            String name = ChatJson.text(function.get("name"));
            if (call.name == null && name != null && !name.isEmpty()) {
                call.name = name;
            }
            String arguments = ChatJson.arguments(function.get("arguments"));
            grow(arguments.length());
            call.arguments.append(arguments);
        }
    }

    private static List<Logprobs.Token> join(List<Logprobs.Token> sofar, JsonNode more) {
        List<Logprobs.Token> joined = sofar == null ? new ArrayList<>() : sofar;
        joined.addAll(LogprobsJson.tokens(more));
        return joined;
    }

    private void grow(int characters) {
        root.size += characters;
        if (root.size > BodyLimits.MAX_BODY) {
            throw new IllegalStateException("the streamed answer passed " + BodyLimits.MAX_BODY / (1024 * 1024)
                    + " Mi characters of text and tool-call arguments, more than any chat completion holds,");
        }
    }

    /** A delta's text: a string, or (as some gateways stream it) an array of parts whose texts are joined. */
    private static String textOf(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.stringValue();
        }
        StringBuilder joined = new StringBuilder();
        for (JsonNode part : content) {
            joined.append(part.isString() ? part.stringValue() : part.path("text").asString(""));
        }
        return joined.toString();
    }

    private int indexOf(JsonNode callDelta) {
        if (callDelta.path("index").isIntegralNumber()) {
            lastIndex = callDelta.path("index").asInt();
            return lastIndex;
        }
        String id = ChatJson.text(callDelta.get("id"));
        boolean startsANewCall = id != null && !id.isEmpty()
                && calls.values().stream().noneMatch(c -> id.equals(c.id));
        if (startsANewCall || lastIndex < 0) {
            lastIndex = calls.isEmpty() ? 0 : calls.keySet().stream().max(Integer::compare).orElse(0) + 1;
        }
        return lastIndex;
    }

    /** Whether the stream said it was complete, with {@code [DONE]} or a finish reason. */
    public boolean isComplete() {
        return done || finishReason != null;
    }

    /** Whether any chunk carried choice 0 (the usage chunk and Azure's filter chunks carry none). */
    public boolean hasChoice() {
        return sawChoice;
    }

    /** Whether any text was passed to the listener. */
    public boolean delivered() {
        return text.length() > 0;
    }

    /** How many chunks were read. */
    public int chunks() {
        return chunks;
    }

    /**
     * The assembled response.
     *
     * @throws IllegalStateException when the stream was not complete
     * @throws UnsupportedOperationException naming a call of a tool that is not a function
     */
    public ChatResponse response() {
        if (!isComplete()) {
            throw new IllegalStateException("the stream ended without [DONE] or a finish reason");
        }
        List<Choice> choices = new ArrayList<>();
        choices.add(choice());
        others.values().forEach(other -> choices.add(other.choice()));
        return ChatResponse.of(choices, usage, model == null || model.isEmpty() ? null : model, systemFingerprint,
                serviceTier, id);
    }

    private Choice choice() {
        if (otherTool != null) {
            throw new UnsupportedOperationException(otherTool);
        }
        List<ToolCall> toolCalls = new ArrayList<>();
        for (PartialCall call : calls.values()) {
            String id = call.id != null ? call.id
                    : "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
            toolCalls.add(new ToolCall(id, call.name, call.arguments.toString()));
        }
        String content = text.length() == 0 ? null : text.toString();
        Logprobs logprobs = logprobContent == null && logprobRefusal == null ? null
                : new Logprobs(logprobContent, logprobRefusal);
        return new Choice(new AssistantMessage(content, toolCalls, refusal.toString()),
                FinishReason.fromWire(finishReason), logprobs);
    }
}
