package io.agent4j.test.internal;

import io.agent4j.chat.ChatModel;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.errors.RecordingException;
import io.agent4j.replay.Exchange;
import io.agent4j.replay.RecordingFile;
import io.agent4j.test.CassetteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat model backed by a cassette: it answers from the recording while the requests match it,
 * and (in record and auto mode) asks the live model for the rest and writes it down, redacted.
 */
public final class CassetteChatModel implements ChatModel {

    private final Path file;
    private final CassetteMode mode;
    private final Supplier<ChatModel> liveModel;
    private final Redaction redaction;
    private final String howToRecord;
    private final List<Exchange> recorded;
    private final ObjectNode root;
    private ChatModel live;
    private int next;

    /**
     * A model over the cassette {@code file}; {@code liveModel} is asked for the live model the first
     * time something is recorded.
     *
     * @throws AssertionError in replay mode, when the cassette does not exist
     * @throws RecordingException when the cassette is not a readable recording
     */
    public CassetteChatModel(Path file, CassetteMode mode, Supplier<ChatModel> liveModel, Redaction redaction) {
        this.file = file;
        this.mode = mode;
        this.liveModel = liveModel;
        this.redaction = redaction;
        this.howToRecord = "run the test with -D" + CassetteMode.PROPERTY + "=record (or " + CassetteMode.ENVIRONMENT
                + "=record) against the live model";
        boolean exists = Files.exists(file);
        if (mode == CassetteMode.REPLAY && !exists) {
            throw new AssertionError("There is no cassette " + file + " to replay. To record it, " + howToRecord + ".");
        }
        if (mode == CassetteMode.RECORD || !exists) {
            this.recorded = List.of();
            this.root = RecordingFile.json(List.of());
        } else {
            this.recorded = RecordingFile.read(file);
            this.root = readTree(file);
        }
    }

    private static ObjectNode readTree(Path file) {
        try {
            return (ObjectNode) CanonicalRequest.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized ChatResponse chat(ChatRequest request) {
        ObjectNode sent = CanonicalRequest.recorded(request);
        redaction.applyTo(sent);
        ObjectNode canonicalSent = CanonicalRequest.of(sent);
        int exchange = next + 1;
        if (next < recorded.size()) {
            ObjectNode expected = CanonicalRequest.recorded(recorded.get(next).request());
            JsonNode options = exchanges().get(next).path("request").get("options");
            if (options != null) {
                expected.set("options", options);
            }
            redaction.applyTo(expected);
            ObjectNode canonicalExpected = CanonicalRequest.of(expected);
            if (!canonicalExpected.equals(canonicalSent)) {
                String a = CanonicalRequest.pretty(canonicalExpected);
                String b = CanonicalRequest.pretty(canonicalSent);
                throw new AssertionFailedError("Cassette " + file + ": the request of exchange " + exchange + " of "
                        + recorded.size() + " differs from the recorded one (- recorded, + sent):\n"
                        + LineDiff.of(a, b) + "If the change is intended, record the cassette again: " + howToRecord
                        + ".", a, b);
            }
            next++;
            return recorded.get(exchange - 1).response();
        }
        if (mode == CassetteMode.REPLAY) {
            throw new AssertionError("Cassette " + file + " holds " + recorded.size() + " exchange(s), but the agent "
                    + "sent a request for exchange " + exchange + ":\n" + CanonicalRequest.pretty(canonicalSent)
                    + "\nIf the agent now takes more steps on purpose, " + howToRecord + " (or use auto to add the "
                    + "missing exchanges).");
        }
        ChatResponse response = live().chat(request);
        ObjectNode written = (ObjectNode) RecordingFile.json(List.of(new Exchange(request, response)))
                .get("exchanges").get(0);
        ObjectNode options = CanonicalRequest.options(request.options());
        if (!options.isEmpty()) {
            ((ObjectNode) written.get("request")).set("options", options);
        }
        redaction.applyTo(written);
        exchanges().add(written);
        RecordingFile.write(file, root);
        next++;
        return response;
    }

    private ArrayNode exchanges() {
        return (ArrayNode) root.get("exchanges");
    }

    private ChatModel live() {
        if (live == null) {
            live = liveModel.get();
        }
        return live;
    }

    /**
     * Checks, after a test that passed, that it replayed every exchange of the cassette.
     *
     * @throws AssertionError when exchanges are left
     */
    public synchronized void checkAllReplayed() {
        if (next < recorded.size()) {
            throw new AssertionError("The test used " + next + " of the " + recorded.size() + " exchanges of cassette "
                    + file + ": the agent now stops sooner than it did when it was recorded. If that is intended, "
                    + howToRecord + ".");
        }
    }

    @Override
    public String toString() {
        return "CassetteChatModel[" + file + ", " + mode + "]";
    }
}
