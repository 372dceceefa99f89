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
 * megabytes: a whole response body or one event of a stream (with what comes before it since the last
 * event) at most {@link #MAX_BODY} bytes, an error body only its first {@link #MAX_ERROR_BODY} bytes (its
 * message is all that is used).
 */
public final class BodyLimits {

    /** The most bytes of a successful body, or of one event of a stream with what precedes it: 8 MiB. */
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
     * {@code body} as a Server-Sent Events stream whose reading fails with {@link TooLarge} as soon as
     * more than {@link #MAX_BODY} bytes come after the last event handed over ({@link EventCap#delivered()}):
     * one event, with the comments and events without data before it, is never more than that.
     */
    public static EventCap eventsCapped(ResponseBody body) {
        return new EventCap(body);
    }

    /**
     * A stream body that counts the bytes read since the last event was handed over. It does not look
     * for the ends of lines (the reader of the events does): only the reader knows where an event ends,
     * and says so with {@link #delivered()}.
     */
    public static final class EventCap extends ForwardingSource {
        private final BufferedSource buffered;
        private final ResponseBody body;
        private long read;
        private long mark;

        private EventCap(ResponseBody body) {
            super(body.source());
            this.buffered = Okio.buffer(this);
            this.body = ResponseBody.create(buffered, body.contentType(), body.contentLength());
        }

        /** The body to read the events from. */
        public ResponseBody body() {
            return body;
        }

        /** Says that an event was handed over: what the reader has not taken yet belongs to the next. */
        public void delivered() {
            mark = read - buffered.getBuffer().size();
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            long got = super.read(sink, byteCount);
            if (got > 0) {
                read += got;
                if (read - mark > MAX_BODY) {
                    throw new TooLarge("one event of the stream is larger than " + MAX_BODY / (1024 * 1024) + " MiB");
                }
            }
            return got;
        }
    }
}
