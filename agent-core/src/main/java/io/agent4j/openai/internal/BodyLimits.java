package io.agent4j.openai.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * How much of a response is read at most, so that no server can make the client hold more than a few
 * megabytes: a whole response body or one event of a stream at most {@link #MAX_BODY} bytes, an error
 * body only its first {@link #MAX_ERROR_BODY} bytes (its message is all that is used).
 */
public final class BodyLimits {

    /** The most bytes of a successful body, or of one event of a stream: 8 MiB. */
    public static final int MAX_BODY = 8 * 1024 * 1024;
    /** The most bytes read of an error body: 64 KiB. */
    public static final int MAX_ERROR_BODY = 64 * 1024;

    private BodyLimits() {
    }

    /** A body, or one event of a stream, passed {@link #MAX_BODY}; what was read of it is dropped. */
    public static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /**
     * The start of an error body.
     *
     * @param text at most {@link #MAX_ERROR_BODY} bytes of the body, as UTF-8
     * @param cut whether the body went on past them
     */
    public record Start(String text, boolean cut) {
    }

    /** Reads at most {@link #MAX_ERROR_BODY} bytes of {@code body}. */
    public static Start start(ResponseBody body) throws IOException {
        BufferedSource source = body.source();
        boolean cut = source.request(MAX_ERROR_BODY + 1L);
        Buffer buffer = source.getBuffer();
        return new Start(buffer.readString(Math.min(buffer.size(), MAX_ERROR_BODY), StandardCharsets.UTF_8), cut);
    }

    /**
     * The whole of {@code body}.
     *
     * @throws TooLarge when it has more than {@link #MAX_BODY} bytes; no more than that is read
     */
    public static byte[] whole(ResponseBody body) throws IOException {
        BufferedSource source = body.source();
        if (source.request(MAX_BODY + 1L)) {
            throw new TooLarge("the body is larger than " + MAX_BODY / (1024 * 1024) + " MiB");
        }
        return source.getBuffer().readByteArray();
    }

    /**
     * {@code body} as a Server-Sent Events stream whose reading fails with {@link TooLarge} as soon as one
     * event (the lines up to a blank one) passes {@link #MAX_BODY} bytes; lines end in LF or CRLF.
     */
    public static ResponseBody eventsCapped(ResponseBody body) {
        return ResponseBody.create(Okio.buffer(new EventCap(body.source())), body.contentType(), body.contentLength());
    }

    /** Counts the bytes of the event being read as they arrive. */
    private static final class EventCap extends ForwardingSource {
        private long event;
        private long line;
        private boolean lastWasCr;

        EventCap(BufferedSource delegate) {
            super(delegate);
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            long from = sink.size();
            long read = super.read(sink, byteCount);
            if (read > 0) {
                count(sink, from, from + read);
            }
            return read;
        }

        private void count(Buffer sink, long from, long to) throws IOException {
            long at = from;
            while (at < to) {
                long newline = sink.indexOf((byte) '\n', at, to);
                long end = newline == -1 ? to : newline;
                if (end > at) {
                    line += end - at;
                    lastWasCr = sink.getByte(end - 1) == '\r';
                }
                if (newline == -1) {
                    break;
                }
                boolean blank = line == 0 || (line == 1 && lastWasCr);
                event = blank ? 0 : event + line + 1;
                line = 0;
                lastWasCr = false;
                at = newline + 1;
            }
            if (event + line > MAX_BODY) {
                throw new TooLarge("one event of the stream is larger than " + MAX_BODY / (1024 * 1024) + " MiB");
            }
        }
    }
}
