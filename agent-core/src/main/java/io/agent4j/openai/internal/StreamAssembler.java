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
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

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
    /** The chunk being read; only the first choice's assembler reads chunks. */
    private Chunk scratch;

    private static final class PartialCall {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    /**
     * What one chunk says, read with the streaming parser before any of it is applied; reused from chunk
     * to chunk. Its fields may come in any order, and fields it does not know are skipped.
     */
    private static final class Chunk {
        boolean error;
        String model;
        String id;
        String fingerprint;
        String tier;
        /** The {@code usage} object, read as a tree: it comes once, in the last chunk. */
        JsonNode usage;
        final List<ChoiceDelta> choices = new ArrayList<>();
        int choiceCount;

        void clear() {
            error = false;
            model = null;
            id = null;
            fingerprint = null;
            tier = null;
            usage = null;
            choiceCount = 0;
        }

        /** Reads the fields of the chunk's object, its start already read, up to its end. */
        void read(JsonParser parser) {
            String field;
            while ((field = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "choices" -> choiceCount = readArray(parser, value, choices, ChoiceDelta::new);
                    case "model" -> model = text(parser, value);
                    case "id" -> id = text(parser, value);
                    case "system_fingerprint" -> fingerprint = text(parser, value);
                    case "service_tier" -> tier = text(parser, value);
                    case "usage" -> usage = value == JsonToken.START_OBJECT ? parser.readValueAsTree() : skip(parser);
                    case "error" -> {
                        error = true;
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
        }
    }

    /** What one chunk says of one choice. */
    private static final class ChoiceDelta implements Entry {
        int index;
        boolean delta;
        String content;
        String refusal;
        JsonNode logprobs;
        String finishReason;
        final List<CallDelta> calls = new ArrayList<>();
        int callCount;

        @Override
        public void clear() {
            index = 0;
            delta = false;
            content = "";
            refusal = "";
            logprobs = null;
            finishReason = null;
            callCount = 0;
        }

        @Override
        public void read(JsonParser parser) {
            String field;
            while ((field = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "index" -> index = intOf(parser, value);
                    case "delta" -> readDelta(parser, value);
                    case "finish_reason" -> finishReason = text(parser, value);
                    case "logprobs" -> logprobs = value == JsonToken.START_OBJECT ? parser.readValueAsTree()
                            : skip(parser);
                    default -> parser.skipChildren();
                }
            }
        }

        private void readDelta(JsonParser parser, JsonToken value) {
            delta = value == JsonToken.START_OBJECT;
            content = "";
            refusal = "";
            callCount = 0;
            if (!delta) {
                parser.skipChildren();
                return;
            }
            String field;
            while ((field = parser.nextName()) != null) {
                JsonToken fieldValue = parser.nextToken();
                switch (field) {
                    case "content" -> content = textOf(parser, fieldValue);
                    case "refusal" -> refusal = textOf(parser, fieldValue);
                    case "tool_calls" -> callCount = readArray(parser, fieldValue, calls, CallDelta::new);
                    default -> parser.skipChildren();
                }
            }
        }
    }

    /** What one chunk says of one tool call. */
    private static final class CallDelta implements Entry {
        boolean hasIndex;
        int index;
        String id;
        String type;
        String name;
        String arguments;
        /** The names in the objects other than {@code function}, as key, name, key, name: a tool of another type. */
        List<String> otherNames;

        @Override
        public void clear() {
            hasIndex = false;
            index = 0;
            id = null;
            type = null;
            name = null;
            arguments = "";
            if (otherNames != null) {
                otherNames.clear();
            }
        }

        @Override
        public void read(JsonParser parser) {
            String field;
            while ((field = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "index" -> {
                        hasIndex = value == JsonToken.VALUE_NUMBER_INT;
                        index = hasIndex ? intOf(parser, value) : 0;
                        if (!hasIndex) {
                            parser.skipChildren();
                        }
                    }
                    case "id" -> id = text(parser, value);
                    case "type" -> type = text(parser, value);
                    case "function" -> readFunction(parser, value);
                    default -> {
                        if (value == JsonToken.START_OBJECT) {
                            String other = nameIn(parser);
                            if (otherNames == null) {
                                otherNames = new ArrayList<>(2);
                            }
                            otherNames.add(field);
                            otherNames.add(other);
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
            }
        }

        private void readFunction(JsonParser parser, JsonToken value) {
            name = null;
            arguments = "";
            if (value != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            String field;
            while ((field = parser.nextName()) != null) {
                JsonToken fieldValue = parser.nextToken();
                switch (field) {
                    case "name" -> name = text(parser, fieldValue);
                    case "arguments" -> arguments = fieldValue == JsonToken.VALUE_NULL ? "" : text(parser, fieldValue);
                    default -> parser.skipChildren();
                }
            }
        }

        /** The name in the object keyed by this call's type, for a tool that is not a function. */
        String typedName() {
            if (type == null || otherNames == null) {
                return null;
            }
            for (int i = otherNames.size() - 2; i >= 0; i -= 2) {
                if (otherNames.get(i).equals(type)) {
                    return otherNames.get(i + 1);
                }
            }
            return null;
        }

        /** The {@code name} field of the object whose start was just read, read up to its end. */
        private static String nameIn(JsonParser parser) {
            String found = null;
            String field;
            while ((field = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                if (field.equals("name")) {
                    found = text(parser, value);
                } else {
                    parser.skipChildren();
                }
            }
            return found;
        }
    }

    /** An element of an array in a chunk, reused from chunk to chunk. */
    private interface Entry {
        /** Forgets what the last chunk said. */
        void clear();

        /** Reads the fields of the element's object, its start already read, up to its end. */
        void read(JsonParser parser);
    }

    /**
     * Reads an array of objects into the first entries of {@code entries}, made as needed, and returns how
     * many it holds: none when the value is not an array; an element that is not an object is an entry
     * that says nothing, as a tree's lookups would find nothing in it.
     */
    private static <T extends Entry> int readArray(JsonParser parser, JsonToken value, List<T> entries,
            Supplier<T> make) {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return 0;
        }
        int count = 0;
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (count == entries.size()) {
                entries.add(make.get());
            }
            T entry = entries.get(count++);
            entry.clear();
            if (element == JsonToken.START_OBJECT) {
                entry.read(parser);
            } else {
                parser.skipChildren();
            }
        }
        return count;
    }

    /** A value as {@link ChatJson#text} reads it from a tree: null for JSON null, else a string's value or the JSON text. */
    private static String text(JsonParser parser, JsonToken value) {
        return switch (value) {
            case VALUE_NULL -> null;
            case START_OBJECT, START_ARRAY -> parser.readValueAsTree().toString();
            default -> parser.getString();
        };
    }

    /** A delta's text: a string, or (as some gateways stream it) an array of parts whose texts are joined. */
    private static String textOf(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return "";
        }
        StringBuilder joined = new StringBuilder();
        JsonToken part;
        while ((part = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (part == JsonToken.VALUE_STRING) {
                joined.append(parser.getString());
            } else if (part == JsonToken.START_OBJECT) {
                joined.append(partText(parser));
            } else {
                parser.skipChildren();
            }
        }
        return joined.toString();
    }

    /** The {@code text} of a part whose start was just read, read up to its end; empty when it has none. */
    private static String partText(JsonParser parser) {
        String found = "";
        String field;
        while ((field = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            if (field.equals("text") && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                found = parser.getString();
            } else {
                if (field.equals("text")) {
                    found = "";
                }
                parser.skipChildren();
            }
        }
        return found;
    }

    /** An integer as a tree's {@code asInt(0)} reads it: 0 when it is not a number that fits. */
    private static int intOf(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return parser.getNumberType() == JsonParser.NumberType.INT ? parser.getIntValue() : 0;
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            double number = parser.getDoubleValue();
            return number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE ? (int) number : 0;
        }
        if (value == JsonToken.VALUE_STRING) {
            return parser.getValueAsInt(0);
        }
        parser.skipChildren();
        return 0;
    }

    private static JsonNode skip(JsonParser parser) {
        parser.skipChildren();
        return null;
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
     * Takes the data of one event. The chunk is read whole before any of it is applied: a chunk that
     * is not JSON, or an error event, changes nothing and forwards nothing.
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
        Chunk chunk = scratch == null ? scratch = new Chunk() : scratch;
        chunk.clear();
        try (JsonParser parser = ChatJson.MAPPER.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("chunk " + (chunks + 1) + " is not a JSON object");
            }
            chunk.read(parser);
            if (parser.nextToken() != null) {
                throw new IllegalStateException("chunk " + (chunks + 1) + " is not JSON (more follows its object)");
            }
        } catch (JacksonException e) {
            throw new IllegalStateException("chunk " + (chunks + 1) + " is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (chunk.error) {
            throw new ErrorEvent(data);
        }
        apply(chunk);
    }

    private void apply(Chunk chunk) {
        chunks++;
        if (model == null || model.isEmpty()) {
            // Azure's first chunk (prompt filter results) names the model ""; the real chunks name it
            model = chunk.model;
        }
        if (chunk.usage != null) {
            usage = ChatJson.readUsage(chunk.usage);
        }
        id = chunk.id != null && !chunk.id.isEmpty() ? chunk.id : id;
        systemFingerprint = chunk.fingerprint != null ? chunk.fingerprint : systemFingerprint;
        serviceTier = chunk.tier != null ? chunk.tier : serviceTier;
        for (int i = 0; i < chunk.choiceCount; i++) {
            ChoiceDelta choice = chunk.choices.get(i);
            if (choice.index == 0) {
                apply(choice);
            } else if (choice.index > 0) {
                others.computeIfAbsent(choice.index, index -> new StreamAssembler(delta -> { }, root)).apply(choice);
            }
        }
    }

    private void apply(ChoiceDelta choice) {
        sawChoice = true;
        if (choice.logprobs != null) {
            logprobContent = join(logprobContent, choice.logprobs.get("content"));
            logprobRefusal = join(logprobRefusal, choice.logprobs.get("refusal"));
        }
        if (choice.delta) {
            applyDelta(choice);
        }
        if (choice.finishReason != null) {
            finishReason = choice.finishReason;
        }
    }

    private void applyDelta(ChoiceDelta delta) {
        if (!delta.content.isEmpty()) {
            grow(delta.content.length());
            text.append(delta.content);
            listener.onText(delta.content);
        }
        if (!delta.refusal.isEmpty()) {
            grow(delta.refusal.length());
            refusal.append(delta.refusal);
        }
        for (int i = 0; i < delta.callCount && otherTool == null; i++) {
            CallDelta callDelta = delta.calls.get(i);
            otherTool = ChatJson.otherThanFunction(callDelta.type, callDelta.typedName());
        }
        for (int i = 0; i < delta.callCount; i++) {
            CallDelta callDelta = delta.calls.get(i);
            PartialCall call = calls.computeIfAbsent(indexOf(callDelta), index -> new PartialCall());
            if (call.id == null && callDelta.id != null && !callDelta.id.isEmpty()) {
                call.id = callDelta.id;
            }
            if (call.name == null && callDelta.name != null && !callDelta.name.isEmpty()) {
                call.name = callDelta.name;
            }
            grow(callDelta.arguments.length());
            call.arguments.append(callDelta.arguments);
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

    private int indexOf(CallDelta callDelta) {
        if (callDelta.hasIndex) {
            lastIndex = callDelta.index;
            return lastIndex;
        }
        String id = callDelta.id;
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
