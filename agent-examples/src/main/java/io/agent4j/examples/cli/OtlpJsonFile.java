package io.agent4j.examples.cli;

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * A span exporter that writes to a file what an OTLP/HTTP collector takes in JSON: each export one
 * {@code ExportTraceServiceRequest} ({@code {"resourceSpans": [...]}}) on a line of its own (JSON
 * Lines). The JSON is written by the OTLP exporters' own encoder, so it is the OTLP JSON encoding
 * exactly: ids in hex, times as decimal strings of nanoseconds, enums as numbers.
 */
final class OtlpJsonFile implements SpanExporter {

    private final Path file;
    private final OutputStream out;
    private volatile boolean closed;

    private OtlpJsonFile(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Creates (or empties) the file and writes the spans exported to it.
     *
     * @throws IOException when it cannot be created
     */
    static OtlpJsonFile create(Path file) throws IOException {
        return new OtlpJsonFile(file, new BufferedOutputStream(Files.newOutputStream(file)));
    }

    /** The file written to. */
    Path file() {
        return file;
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
        if (closed) {
            return CompletableResultCode.ofFailure();
        }
        try {
            TraceRequestMarshaler.create(spans).writeJsonTo(out);
            out.write('\n');
            out.flush();
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            return CompletableResultCode.ofExceptionalFailure(e);
        }
    }

    @Override
    public synchronized CompletableResultCode flush() {
        try {
            out.flush();
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            return CompletableResultCode.ofExceptionalFailure(e);
        }
    }

    @Override
    public synchronized CompletableResultCode shutdown() {
        if (closed) {
            return CompletableResultCode.ofSuccess();
        }
        closed = true;
        try {
            out.close();
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            return CompletableResultCode.ofExceptionalFailure(e);
        }
    }

    @Override
    public String toString() {
        return "OtlpJsonFile{" + file + "}";
    }
}
