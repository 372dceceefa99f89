package io.agent4j.replay;

import io.agent4j.chat.ChatModel;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.Message;
import io.agent4j.chat.internal.ChatJson;
import io.agent4j.errors.RecordingException;
import io.agent4j.tool.ToolDefinition;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the responses of a recording in order, without any network, and checks that the agent
 * sends what was recorded: the same messages (tool results included, since tools run for real)
 * and the same tool names. The first difference fails with a {@link RecordingException} naming
 * the step, the message and what differed.
 *
 * <pre>{@code
 * Agent agent = Agent.builder().model(ReplayChatModel.load(Path.of("session.json"))) ... .build();
 * }</pre>
 */
public final class ReplayChatModel implements ChatModel {

    private static final int SHOWN = 160;

    private final Path source;
    private final List<Exchange> exchanges;
    private int next;

    private ReplayChatModel(Path source, List<Exchange> exchanges) {
        this.source = source;
        this.exchanges = List.copyOf(exchanges);
    }

    /**
     * Loads a recording written by {@link RecordingChatModel} (or scripted in its format), of at
     * most 32 MiB.
     *
     * @throws RecordingException when the file is missing, larger than 32 MiB, not JSON, of another
     *     format, or has a field of the wrong type (the message names the exchange and the field's
     *     JSON path)
     */
    public static ReplayChatModel load(Path file) {
        return new ReplayChatModel(file, RecordingFile.read(file));
    }

    /**
     * A replay of the same recording that serves exchange {@code exchange} (counted from 0) next, as
     * though the ones before it had been replayed: to go on with a run that stopped after them (the
     * command line's {@code agent4j resume} of a replayed run). Each request is still checked
     * against the recorded one.
     *
     * @throws RecordingException when the recording holds fewer than {@code exchange} exchanges
     */
    public ReplayChatModel startingAt(int exchange) {
        if (exchange < 0 || exchange > exchanges.size()) {
            throw new RecordingException("Replay of " + source + " cannot start at exchange " + (exchange + 1)
                    + ": it holds " + exchanges.size() + " model response(s). Replay the recording the run was "
                    + "made with, or record it again against a live model.");
        }
        ReplayChatModel replay = new ReplayChatModel(source, exchanges);
        replay.next = exchange;
        return replay;
    }

    /** How many exchanges have been replayed so far. */
    public synchronized int replayed() {
        return next;
    }

    /** How many exchanges the recording holds. */
    public int size() {
        return exchanges.size();
    }

    @Override
    public synchronized ChatResponse chat(ChatRequest request) {
        int step = next + 1;
        if (next >= exchanges.size()) {
            throw new RecordingException("Replay of " + source + " ran out: it holds " + exchanges.size()
                    + " model response(s) but the agent asked for step " + step + ". Record it "
                    + "again against a live model if the agent's behaviour changed on purpose.");
        }
        Exchange recorded = exchanges.get(next);
        String difference = difference(recorded.request(), request);
        if (difference != null) {
            throw new RecordingException("Replay of " + source + " diverged at step " + step + ": "
                    + difference + ". The agent no longer sends what was recorded; record it again "
                    + "against a live model if the change is intended.");
        }
        next++;
        return recorded.response();
    }

    private static String difference(ChatRequest recorded, ChatRequest sent) {
        Set<String> recordedTools = toolNames(recorded.tools());
        Set<String> sentTools = toolNames(sent.tools());
        if (!recordedTools.equals(sentTools)) {
            return "the tools differ: recorded " + recordedTools + ", sent " + sentTools;
        }
        List<Message> a = recorded.messages();
        List<Message> b = sent.messages();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String field = firstDifferentField(ChatJson.write(a.get(i)), ChatJson.write(b.get(i)));
            if (field != null) {
                return "message " + (i + 1) + " (" + a.get(i).role().wireName() + ") differs in '" + field
                        + "': recorded " + shown(ChatJson.write(a.get(i)).get(field)) + ", sent "
                        + shown(ChatJson.write(b.get(i)).get(field));
            }
        }
        if (a.size() != b.size()) {
            return "the recording has " + a.size() + " message(s) but the agent sent " + b.size();
        }
        return null;
    }

    private static String firstDifferentField(ObjectNode recorded, ObjectNode sent) {
        Set<String> fields = new LinkedHashSet<>(recorded.propertyNames());
        fields.addAll(sent.propertyNames());
        for (String field : fields) {
            if (!Objects.equals(recorded.get(field), sent.get(field))) {
                return field;
            }
        }
        return null;
    }

    private static String shown(JsonNode value) {
        if (value == null) {
            return "nothing";
        }
        String text = value.toString();
        return text.length() > SHOWN ? text.substring(0, SHOWN) + "...\"" : text;
    }

    private static Set<String> toolNames(List<ToolDefinition> tools) {
        Set<String> names = new LinkedHashSet<>();
        tools.forEach(t -> names.add(t.name()));
        return names;
    }

    @Override
    public String toString() {
        return "ReplayChatModel[" + source + "]";
    }
}
