package io.agent4j.openai.internal;

import io.agent4j.chat.internal.ChatJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire log of the OpenAI client, an OkHttp interceptor: at DEBUG under
 * {@code io.agent4j.openai.wire}, each request with its body ({@code --> #N POST url body}), the
 * status and time of its response ({@code <-- #N 200 POST url (412 ms, request id …)}) and the
 * response body once it has been read ({@code <-- #N body of 200 (…)}, a stream's events one after
 * the other). Headers are never logged. Message contents (the text of messages, tool call
 * arguments, refusals, image URLs, log probabilities) are replaced by their length unless
 * {@code contents} is set; a body that is not JSON is then shown only by its size. Every line
 * passes through the {@link Redactor}. Costs one level check per call when DEBUG is off.
 */
public final class WireLog implements Interceptor {

    /** The logger's name, {@code OpenAiChatModel.WIRE_LOGGER}. */
    public static final String LOGGER = "io.agent4j.openai.wire";
    /** The most bytes of a body kept for the log; the rest is counted, not kept. */
    static final int MAX_KEPT = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final AtomicLong CALLS = new AtomicLong();
    /** Fields whose text is what a person or the model wrote, at any depth of a request or response. */
    private static final Set<String> CONTENT = Set.of("content", "text", "arguments", "refusal", "reasoning_content",
            "reasoning", "transcript", "url", "data", "file_data", "token", "bytes");

    private final Redactor redactor;
    private final boolean contents;

    /**
     * A wire log.
     *
     * @param redactor hides the key and the base URL's password in every line
     * @param contents whether message contents are shown
     */
    public WireLog(Redactor redactor, boolean contents) {
        this.redactor = redactor;
        this.contents = contents;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!log.isDebugEnabled()) {
            return chain.proceed(request);
        }
        long call = CALLS.incrementAndGet();
        String target = request.method() + " " + redactor.redact(Redactor.display(request.url()));
        log.debug("--> #{} {} {}", call, target, requestBody(request.body()));
        long start = System.nanoTime();
        Response response;
        try {
            response = chain.proceed(request);
        } catch (IOException | RuntimeException e) {
            log.debug("<-- #{} failed {} after {} ms: {}", call, target, millisSince(start),
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + redactor.redact(e.getMessage())));
            throw e;
        }
        String requestId = response.header("x-request-id");
        log.debug("<-- #{} {} {} ({} ms{})", call, response.code(), target, millisSince(start),
                requestId == null ? "" : ", request id " + redactor.redact(requestId));
        ResponseBody body = response.body();
        Kept kept = new Kept(body.source(), call, response.code(), body.contentType(), start);
        return response.newBuilder().body(ResponseBody.create(Okio.buffer(kept), body.contentType(),
                body.contentLength())).build();
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private String requestBody(RequestBody body) {
        if (body == null) {
            return "(no body)";
        }
        Buffer buffer = new Buffer();
        try {
            body.writeTo(buffer);
        } catch (IOException e) {
            return "(the body could not be read for the log: " + redactor.redact(e.getMessage()) + ")";
        }
        return shown(buffer.readByteArray(), false, body.contentType());
    }

    /** A body as the log shows it. */
    private String shown(byte[] bytes, boolean cut, MediaType type) {
        String subtype = type == null ? "" : type.subtype();
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (subtype.equals("event-stream")) {
            return redactor.redact(events(text, cut));
        }
        String start = text.stripLeading();
        if (!cut && (subtype.equals("json") || subtype.endsWith("+json") || start.startsWith("{")
                || start.startsWith("["))) {
            try {
                JsonNode tree = ChatJson.MAPPER.readTree(bytes);
                return redactor.redact(ChatJson.MAPPER.writeValueAsString(contents ? tree : hidden(tree)));
            } catch (JacksonException e) {
                // shown below as text that is not JSON
            }
        }
        if (contents) {
            return redactor.redact(text + (cut ? " …" : ""));
        }
        return cut ? "(more than the " + MAX_KEPT / (1024 * 1024) + " MiB the log keeps; not shown without logContents)"
                : "(" + (type == null ? "" : type.type() + "/" + subtype + ", ") + "not JSON; not shown without "
                + "logContents)";
    }

    /** The lines of a stream, each {@code data:} of JSON with its contents hidden; a cut last line is left out. */
    private String events(String text, boolean cut) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (cut && !lines.isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        List<String> shown = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (!contents && line.startsWith("data:")) {
                String data = line.substring(5).strip();
                try {
                    JsonNode tree = ChatJson.MAPPER.readTree(data);
                    line = "data: " + ChatJson.MAPPER.writeValueAsString(hidden(tree));
                } catch (JacksonException e) {
                    line = data.equals("[DONE]") ? line : "data: (" + data.length() + " chars, not JSON)";
                }
            }
            shown.add(line);
        }
        return String.join(" ", shown) + (cut ? " (more than the log keeps)" : "");
    }

    /** A copy of {@code node} with every content field's text replaced by its length. */
    static JsonNode hidden(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (var field : node.properties()) {
                JsonNode value = field.getValue();
                if (CONTENT.contains(field.getKey()) && value.isString()) {
                    copy.put(field.getKey(), "<" + value.asString().length() + " chars>");
                } else if (CONTENT.contains(field.getKey()) && value.isArray() && allNumbers(value)) {
                    copy.put(field.getKey(), "<" + value.size() + " values>");
                } else {
                    copy.set(field.getKey(), hidden(value));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(hidden(element)));
            return copy;
        }
        return node;
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isNumber()) {
                return false;
            }
        }
        return !array.isEmpty();
    }

    /** The response body as it is read: keeps up to {@link #MAX_KEPT} bytes, and logs them when it ends or is closed. */
    private final class Kept extends ForwardingSource {
        private final Buffer kept = new Buffer();
        private final long call;
        private final int status;
        private final MediaType type;
        private final long start;
        private long size;
        private boolean ended;
        private boolean logged;

        Kept(Source delegate, long call, int status, MediaType type, long start) {
            super(delegate);
            this.call = call;
            this.status = status;
            this.type = type;
            this.start = start;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            long read = super.read(sink, byteCount);
            if (read > 0) {
                long keep = Math.min(read, MAX_KEPT - kept.size());
                if (keep > 0) {
                    sink.copyTo(kept, sink.size() - read, keep);
                }
                size += read;
            } else if (read == -1) {
                ended = true;
                logOnce();
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                logOnce();
            }
        }

        private void logOnce() {
            if (logged) {
                return;
            }
            logged = true;
            boolean cut = size > kept.size();
            log.debug("<-- #{} body of {} ({} bytes{}, {} ms in all): {}", call, status, size,
                    ended ? "" : ", not read to its end", millisSince(start), shown(kept.readByteArray(), cut, type));
        }
    }
}
