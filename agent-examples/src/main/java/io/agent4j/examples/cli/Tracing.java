package io.agent4j.examples.cli;

import io.agent4j.Agent;
import io.agent4j.examples.Example;
import io.agent4j.opentelemetry.AgentTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenTelemetry SDK of one command with {@code --trace-file} or {@code --otlp-endpoint}: a
 * tracer provider whose spans go to the file ({@link OtlpJsonFile}) and to the collector
 * ({@link OtlpHttpSpanExporter}, protobuf over OkHttp). {@link #close(PrintWriter)}
 * flushes and shuts it down, and says on stderr when spans could not be written or sent; a
 * shutdown hook does the same when the JVM is stopped (Ctrl-C, SIGTERM) and the command does not
 * get to close it in time.
 */
final class Tracing {

    /** No tracing: {@link #on()} is false and closing it does nothing. */
    static final Tracing NONE = new Tracing(null, List.of());

    /** The service the spans are of, as {@code service.name}. */
    static final String SERVICE_NAME = "agent4j";

    /** How long the collector may take to take one batch of spans. */
    static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * A batch the collector could not take for a passing reason (503, a refused connection) is sent
     * twice more, within about a second: the command should not linger long after its run for a
     * collector that is not there.
     */
    static final RetryPolicy RETRIES = RetryPolicy.builder().setMaxAttempts(3).setInitialBackoff(Duration.ofMillis(250))
            .setMaxBackoff(Duration.ofMillis(500)).build();

    /**
     * The OTLP exporters log a failed export through java.util.logging, several lines on stderr; the
     * command line says it in one line instead. Held here, since a logger nobody holds may be collected
     * with its level.
     */
    private static final Logger EXPORTER_LOG = Logger.getLogger("io.opentelemetry");

    private final OpenTelemetrySdk sdk;
    private final List<Watched> exporters;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closedByCommand = new CountDownLatch(1);
    private Thread onExit;

    private Tracing(OpenTelemetrySdk sdk, List<Watched> exporters) {
        this.sdk = sdk;
        this.exporters = exporters;
    }

    /**
     * Starts tracing to a file, a collector, or both.
     *
     * @param file the file to write OTLP JSON to, or null
     * @param endpoint the collector's URL of traces ({@code .../v1/traces}), or null
     * @throws IOException when the file cannot be created
     */
    static Tracing start(Path file, URI endpoint) throws IOException {
        EXPORTER_LOG.setLevel(Level.OFF);
        List<Watched> exporters = new ArrayList<>();
        if (file != null) {
            exporters.add(new Watched("the trace could not be written to " + file, OtlpJsonFile.create(file), ""));
        }
        if (endpoint != null) {
            exporters.add(new Watched("the trace could not be sent to " + endpoint, OtlpHttpSpanExporter.builder()
                    .setEndpoint(endpoint.toString()).setTimeout(EXPORT_TIMEOUT).setRetryPolicy(RETRIES).build(),
                    "; is an OpenTelemetry collector taking OTLP/HTTP there?"));
        }
        SdkTracerProviderBuilder provider = SdkTracerProvider.builder().setResource(Resource.getDefault()
                .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), SERVICE_NAME))));
        exporters.forEach(exporter -> provider.addSpanProcessor(BatchSpanProcessor.builder(exporter).build()));
        Tracing tracing = new Tracing(OpenTelemetrySdk.builder().setTracerProvider(provider.build()).build(),
                exporters);
        tracing.onExit = new Thread(tracing::onExit, "agent4j-trace-flush");
        Runtime.getRuntime().addShutdownHook(tracing.onExit);
        return tracing;
    }

    /** Whether spans are recorded. */
    boolean on() {
        return sdk != null;
    }

    /**
     * Makes the agent's runs traced, when tracing is on: registers {@link AgentTelemetry} on this
     * SDK, and names the agent after the example (else {@value #SERVICE_NAME}), for its
     * {@code invoke_agent NAME} spans. Message contents are not recorded.
     */
    Agent.Builder addTo(Agent.Builder builder, Example example) {
        if (sdk != null) {
            builder.name(example == null ? SERVICE_NAME : example.name()).interceptor(AgentTelemetry.create(sdk));
        }
        return builder;
    }

    /** The SDK the spans are recorded with; {@link OpenTelemetry#noop()} when off. */
    OpenTelemetry openTelemetry() {
        return sdk == null ? OpenTelemetry.noop() : sdk;
    }

    /**
     * Flushes the spans and shuts the SDK down; each exporter that failed is one warning line on
     * {@code err}. The command's exit code stays what it was: the run itself is done.
     */
    void close(PrintWriter err) {
        if (sdk == null) {
            return;
        }
        shutdown();
        closedByCommand.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down, and the hook has flushed the spans
        }
        for (Watched exporter : exporters) {
            String failure = exporter.failure();
            if (failure != null) {
                err.println("agent4j: warning: " + failure);
            }
        }
        err.flush();
    }

    /**
     * What the shutdown hook does. On Ctrl-C or SIGTERM the run is cancelled ({@link StopOnSignal})
     * and its spans end while the command winds down, which then closes this: wait for that, a
     * little longer than the command is given, before flushing whatever has ended.
     */
    private void onExit() {
        try {
            closedByCommand.await(StopOnSignal.GRACE_SECONDS + 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdown();
    }

    private void shutdown() {
        if (closed.compareAndSet(false, true)) {
            sdk.shutdown().join(EXPORT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        }
    }

    /**
     * Why an export failed: the collector's status and answer ({@code : HTTP 400 ...}), else the
     * innermost cause ({@code : ConnectException: Failed to connect to ...}).
     */
    static String reason(Throwable failure) {
        if (failure == null) {
            return "";
        }
        if (failure instanceof FailedExportException.HttpExportException http && http.failedWithResponse()) {
            HttpResponse response = http.getResponse();
            String body = new String(response.getResponseBody(), StandardCharsets.UTF_8).strip();
            return ": HTTP " + response.getStatusCode() + (body.isEmpty() ? "" : " "
                    + Failures.oneLine(body.length() > 200 ? body.substring(0, 200) + "..." : body));
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return ": " + Failures.oneLine(root.getClass().getSimpleName() + message);
    }

    /** An exporter that remembers the first export that failed, and why. */
    private static final class Watched implements SpanExporter {

        private final String what;
        private final SpanExporter exporter;
        private final String advice;
        private volatile String failure;

        Watched(String what, SpanExporter exporter, String advice) {
            this.what = what;
            this.exporter = exporter;
            this.advice = advice;
        }

        String failure() {
            return failure;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return watch(exporter.export(spans));
        }

        @Override
        public CompletableResultCode flush() {
            return watch(exporter.flush());
        }

        @Override
        public CompletableResultCode shutdown() {
            return watch(exporter.shutdown());
        }

        private CompletableResultCode watch(CompletableResultCode result) {
            result.whenComplete(() -> {
                if (!result.isSuccess() && failure == null) {
                    failure = what + reason(result.getFailureThrowable()) + advice;
                }
            });
            return result;
        }
    }
}
