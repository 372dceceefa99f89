package io.agent4j.mcp.server;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two streams of the stdio transport as the SDK's stdio server gets them: a line that is not
 * JSON, or longer than {@value #MAX_LINE_BYTES} bytes, is answered here with a JSON-RPC error and
 * never reaches the SDK (whose session would end on it, leaving the process waiting for nothing);
 * and the end of the input reaches the SDK only once every request read has been answered, within
 * {@code drain}, so that a client may send its requests and close the input at once.
 */
final class StdioStreams {

    /** The longest line read; the SDK's own limit (16 Mi characters) is never reached before it. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InputStream in;
    private final OutputStream out;
    private final Duration drain;
    private final Object lock = new Object();
    private long requests;
    private long answers;
    private boolean ended;

    StdioStreams(InputStream in, OutputStream out, Duration drain) {
        this.in = in;
        this.out = out;
        this.drain = drain;
    }

    /** Blocks until the input has ended and the SDK has been told. */
    void awaitEnd() throws InterruptedException {
        synchronized (lock) {
            while (!ended) {
                lock.wait();
            }
        }
    }

    /** What the SDK reads: the well-formed lines of the input. */
    InputStream input() {
        return new InputStream() {
            private byte[] line = new byte[0];
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int read = read(one, 0, 1);
                return read < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                while (position >= line.length) {
                    byte[] next = nextLine();
                    if (next == null) {
                        return -1;
                    }
                    line = next;
                    position = 0;
                }
                int count = Math.min(length, line.length - position);
                System.arraycopy(line, position, buffer, offset, count);
                position += count;
                return count;
            }
        };
    }

    /** What the SDK writes: the output, counting the answers to the client's requests. */
    OutputStream output() {
        return new FilterOutputStream(out) {
            private final ByteArrayOutputStream current = new ByteArrayOutputStream();

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                seen(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                seen(bytes, offset, length);
            }

            private void seen(byte[] bytes, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    if (bytes[i] == '\n') {
                        if (kind(current.toByteArray()) == Kind.RESPONSE) {
                            answered();
                        }
                        current.reset();
                    } else {
                        current.write(bytes[i]);
                    }
                }
            }
        };
    }

    /** The next well-formed line with its line break, or null at the end of the input (once drained). */
    private byte[] nextLine() throws IOException {
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean tooLong = false;
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (line.size() < MAX_LINE_BYTES) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
            }
            if (b < 0 && line.size() == 0) {
                end();
                return null;
            }
            byte[] bytes = line.toByteArray();
            if (tooLong) {
                refuse(-32600, "Invalid Request: a message longer than " + MAX_LINE_BYTES + " bytes was skipped");
                continue;
            }
            Kind kind = kind(bytes);
            if (kind == Kind.BLANK) {
                continue;
            }
            if (kind == Kind.MALFORMED) {
                refuse(-32700, "Parse error: the line is not a JSON-RPC message (one JSON object per line)");
                continue;
            }
            if (kind == Kind.REQUEST) {
                synchronized (lock) {
                    requests++;
                }
            }
            byte[] withBreak = java.util.Arrays.copyOf(bytes, bytes.length + 1);
            withBreak[bytes.length] = '\n';
            return withBreak;
        }
    }

    private void refuse(int code, String message) throws IOException {
        byte[] error = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",\"message\":"
                + JSON.writeValueAsString(message) + "}}\n").getBytes(StandardCharsets.UTF_8);
        // The SDK writes each message holding the lock of the stream it was given, which is this one.
        synchronized (out) {
            out.write(error);
            out.flush();
        }
    }

    private void answered() {
        synchronized (lock) {
            answers++;
            lock.notifyAll();
        }
    }

    /** Waits (within the drain time) for the answers to every request read, then ends. */
    private void end() {
        long deadline = System.nanoTime() + drain.toNanos();
        synchronized (lock) {
            try {
                while (answers < requests && System.nanoTime() < deadline) {
                    lock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended = true;
            lock.notifyAll();
        }
    }

    private enum Kind { BLANK, MALFORMED, REQUEST, RESPONSE, OTHER }

    /**
     * What a line holds, from its top-level fields only: a request has a method and an id, a
     * response an id and a result or an error.
     */
    static Kind kind(byte[] line) {
        boolean blank = true;
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                blank = false;
                break;
            }
        }
        if (blank) {
            return Kind.BLANK;
        }
        boolean method = false;
        boolean id = false;
        boolean outcome = false;
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Kind.MALFORMED;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                method |= name.equals("method");
                id |= name.equals("id") && value != JsonToken.VALUE_NULL;
                outcome |= name.equals("result") || name.equals("error");
                parser.skipChildren();
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return Kind.MALFORMED;
            }
        } catch (JacksonException e) {
            return Kind.MALFORMED;
        }
        if (method && id) {
            return Kind.REQUEST;
        }
        return !method && id && outcome ? Kind.RESPONSE : Kind.OTHER;
    }
}
