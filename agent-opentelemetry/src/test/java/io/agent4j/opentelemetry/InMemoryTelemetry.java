package io.agent4j.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Optional;

/** The OpenTelemetry SDK with in-memory exporters: what a test reads its spans and metrics from. */
final class InMemoryTelemetry implements AutoCloseable {

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    List<SpanData> finished() {
        return spans.getFinishedSpanItems();
    }

    /** The one finished span of this name. */
    SpanData span(String name) {
        List<SpanData> named = named(name);
        if (named.size() != 1) {
            throw new AssertionError("expected one span '" + name + "', found " + named.size() + " among "
                    + finished().stream().map(SpanData::getName).toList());
        }
        return named.get(0);
    }

    List<SpanData> named(String name) {
        return finished().stream().filter(s -> s.getName().equals(name)).toList();
    }

    /** The finished spans whose attribute {@code key} has {@code value}. */
    <T> List<SpanData> where(AttributeKey<T> key, T value) {
        return finished().stream().filter(s -> value.equals(s.getAttributes().get(key))).toList();
    }

    Optional<MetricData> metric(String name) {
        return metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(name)).findFirst();
    }

    @Override
    public void close() {
        sdk.close();
    }
}
