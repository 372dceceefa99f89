package io.agent4j.replay;

import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.internal.ChatJson;
import io.agent4j.errors.RecordingException;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON file format of a recording, as {@link RecordingChatModel} writes it and
 * {@link ReplayChatModel} reads it. Messages and tools use the shapes of the Chat Completions
 * API, so a recording reads like the traffic it stands for; it never holds credentials because
 * requests carry none. A tool that adds to a recording (a test kit's cassette) reads and writes
 * its exchanges here, and may add fields of its own: reading ignores them.
 *
 * <pre>{@code
 * {"format": "agent4j-recording", "version": 1, "exchanges": [
 *   {"request": {"messages": [...], "tools": [...]},
 *    "response": {"model": "...", "finish_reason": "stop", "message": {...}, "usage": {...}}}]}
 * }</pre>
 */
public final class RecordingFile {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "agent4j-recording";
    /** The largest recording read, 32 MiB: a file past it is refused instead of exhausting the heap. */
    public static final int MAX_BYTES = 32 * 1024 * 1024;
    private static final JsonMapper PRETTY = Json.builder()
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private RecordingFile() {
    }

    /**
     * Reads every exchange of a recording.
     *
     * @throws RecordingException naming the file and what is wrong with it
     */
    public static List<Exchange> read(Path file) {
        JsonNode root;
        try {
            root = ChatJson.MAPPER.readTree(bytes(file));
        } catch (NoSuchFileException e) {
            throw new RecordingException("Recording " + file + " does not exist. Record it against a "
                    + "live model (RecordingChatModel), or check the path.", e);
        } catch (IOException e) {
            throw new RecordingException("Cannot read recording " + file + ": " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new RecordingException("Recording " + file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); it may be truncated or hand-edited. Record it again against a live model.", e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asString(""))) {
            throw new RecordingException("File " + file + " is not an agent4j recording: it lacks "
                    + "\"format\": \"" + FORMAT + "\".");
        }
        if (root.path("version").asInt(0) != 1) {
            throw new RecordingException("Recording " + file + " has version " + root.path("version")
                    + "; this agent4j reads version 1.");
        }
        JsonNode exchanges = root.path("exchanges");
        if (!exchanges.isArray()) {
            throw new RecordingException("Recording " + file + " has no \"exchanges\" array.");
        }
        List<Exchange> result = new ArrayList<>();
        for (int i = 0; i < exchanges.size(); i++) {
            String where = "Recording " + file + " is corrupted at exchange " + (i + 1) + " of " + exchanges.size();
            try {
                RecordingShape.check(exchanges.get(i), i);
                result.add(readExchange(exchanges.get(i)));
            } catch (RecordingShape.WrongField e) {
                throw new RecordingException(where + ", field " + e.path() + ": " + e.getMessage()
                        + ". Record it again against a live model, or correct that field.", e);
            } catch (RuntimeException e) {
                throw new RecordingException(where + ": " + e.getMessage() + ". Record it again against a live model.", e);
            }
        }
        return result;
    }

    /**
     * The file's bytes, at most {@link #MAX_BYTES}: a larger file, or a device or pipe that goes on
     * past that, is refused before it can exhaust the heap.
     */
    private static byte[] bytes(Path file) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
            throw tooLarge(file, Files.size(file) + " bytes");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(file, "more than that");
            }
            return bytes;
        }
    }

    private static RecordingException tooLarge(Path file, String size) {
        return new RecordingException("Recording " + file + " is larger than the " + MAX_BYTES + " bytes (32 MiB) "
                + "a recording may have: it has " + size + ". Check the path, or record shorter sessions.");
    }

    private static Exchange readExchange(JsonNode node) {
        JsonNode request = node.required("request");
        List<ToolDefinition> tools = new ArrayList<>();
        for (JsonNode tool : request.path("tools")) {
            tools.add(ChatJson.readTool(tool));
        }
        JsonNode response = node.required("response");
        return new Exchange(new ChatRequest(ChatJson.readAll(request.required("messages")), tools),
                new ChatResponse(ChatJson.readAssistant(response.required("message")),
                        FinishReason.fromWire(ChatJson.text(response.get("finish_reason"))),
                        ChatJson.readUsage(response.get("usage")), ChatJson.text(response.get("model"))));
    }

    /** A request in the file's JSON shape ({@code messages} and {@code tools}), a new tree each call. */
    public static ObjectNode json(ChatRequest request) {
        ObjectNode node = ChatJson.MAPPER.createObjectNode();
        node.set("messages", ChatJson.writeAll(request.messages()));
        ArrayNode tools = node.putArray("tools");
        request.tools().forEach(tool -> tools.add(ChatJson.write(tool)));
        return node;
    }

    /** Recordings are meant to be committed and shared: rw-r--r--, not a temporary file's rw-------. */
    private static void shareable(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /**
     * A recording of these exchanges in the file's JSON shape, a new tree each call, to add to
     * before {@link #write(Path, ObjectNode)}.
     */
    public static ObjectNode json(List<Exchange> exchanges) {
        ObjectNode root = ChatJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        ArrayNode array = root.putArray("exchanges");
        for (Exchange exchange : exchanges) {
            ObjectNode node = array.addObject();
            node.set("request", json(exchange.request()));
            ObjectNode response = node.putObject("response");
            ChatResponse r = exchange.response();
            if (r.model() != null) {
                response.put("model", r.model());
            }
            response.put("finish_reason", r.finishReason().wireName());
            response.set("message", ChatJson.write(r.message()));
            response.set("usage", ChatJson.write(r.usage()));
        }
        return root;
    }

    /**
     * Writes all exchanges, replacing the file atomically so a crash never leaves half a recording.
     *
     * @throws RecordingException when the file cannot be written
     */
    public static void write(Path file, List<Exchange> exchanges) {
        write(file, json(exchanges));
    }

    /**
     * Writes a recording made by {@link #json(List)}, replacing the file atomically.
     *
     * @throws RecordingException when the file cannot be written
     */
    public static void write(Path file, ObjectNode root) {
        try {
            Path absolute = file.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
            Files.writeString(temp, PRETTY.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            shareable(temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new RecordingException("Cannot write recording " + file + ": " + e.getMessage(), e);
        }
    }
}
