package io.agent4j.examples.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The spans of a file that {@code --trace-file} wrote: OTLP JSON, one {@code ExportTraceServiceRequest}
 * ({@code {"resourceSpans": [...]}}) a line, as the OTLP/HTTP JSON encoding defines it. A file that
 * holds one request over several lines (pretty-printed, as a collector's file exporter may write it)
 * reads too.
 */
final class TraceFile {

    /** The most a trace file may hold; a run's spans are far fewer. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private TraceFile() {
    }

    /**
     * One span of the file.
     *
     * @param traceId the trace, 32 hex digits
     * @param spanId the span, 16 hex digits
     * @param parentSpanId the parent span, or empty for a root
     * @param name the span's name ({@code chat gpt-4o-mini})
     * @param startNanos when it started, nanoseconds since the epoch
     * @param endNanos when it ended
     * @param attributes its attributes, each value as text (a list as its items joined with {@code ,})
     * @param failed whether its status is an error
     * @param statusMessage the status's description, or empty
     * @param events its events, in the order of the file
     */
    record Span(String traceId, String spanId, String parentSpanId, String name, long startNanos, long endNanos,
            Map<String, String> attributes, boolean failed, String statusMessage, List<Event> events) {

        Span {
            attributes = Map.copyOf(attributes);
            events = List.copyOf(events);
        }

        /** How long it took, in nanoseconds; 0 for a span that ends before it starts. */
        long durationNanos() {
            return Math.max(0, endNanos - startNanos);
        }

        /** An attribute's value, or null. */
        String attribute(String key) {
            return attributes.get(key);
        }
    }

    /**
     * An event of a span (a retry, a guardrail's decision).
     *
     * @param name its name
     * @param timeNanos when it happened
     * @param attributes its attributes, as text
     */
    record Event(String name, long timeNanos, Map<String, String> attributes) {

        Event {
            attributes = Map.copyOf(attributes);
        }
    }

    /** A file that is not a trace file: what is wrong with it, for one line on stderr. */
    static final class NotATraceException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotATraceException(String message) {
            super(message);
        }
    }

    /**
     * Reads the spans of a trace file, in the order of the file.
     *
     * @throws NotATraceException when it cannot be read, is not OTLP JSON, or holds no span
     */
    static List<Span> read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new NotATraceException(file + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB, "
                        + "more than a trace of agent4j ever holds; give the file that --trace-file wrote");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new NotATraceException(file + " is not UTF-8 text, so not OTLP JSON; give the file that "
                    + "--trace-file wrote");
        } catch (IOException e) {
            throw new NotATraceException(file + " cannot be read: " + e.getMessage());
        }
        List<Span> spans = new ArrayList<>();
        for (Request request : requests(file, text)) {
            JsonNode resourceSpans = request.json().get("resourceSpans");
            if (resourceSpans == null || !resourceSpans.isArray()) {
                throw new NotATraceException(file + " line " + request.line() + " is JSON but no OTLP trace request "
                        + "(no \"resourceSpans\" list); give the file that --trace-file wrote");
            }
            for (JsonNode resource : resourceSpans) {
                for (JsonNode scope : resource.path("scopeSpans")) {
                    for (JsonNode span : scope.path("spans")) {
                        spans.add(span(file, request.line(), span));
                    }
                }
            }
        }
        if (spans.isEmpty()) {
            throw new NotATraceException(file + " holds no spans; give the file that --trace-file wrote once the "
                    + "run ended");
        }
        return spans;
    }

    private record Request(int line, JsonNode json) {
    }

    /** The requests of the file: one a line, or the whole file as one request. */
    private static List<Request> requests(Path file, String text) {
        if (text.isBlank()) {
            throw new NotATraceException(file + " is empty; give the file that --trace-file wrote once the run ended");
        }
        String trimmed = text.strip();
        if (!trimmed.startsWith("{")) {
            throw new NotATraceException(file + " is not OTLP JSON (it does not start with '{'); give the file "
                    + "that --trace-file wrote");
        }
        try {
            return List.of(new Request(1, object(file, 1, JSON.readTree(trimmed))));
        } catch (JacksonException e) {
            // not one JSON value: JSON Lines, one request a line
        }
        List<Request> requests = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                requests.add(new Request(i + 1, object(file, i + 1, JSON.readTree(lines.get(i)))));
            } catch (JacksonException e) {
                throw new NotATraceException(file + " line " + (i + 1) + " is not JSON (" + Failures.oneLine(
                        e.getOriginalMessage()).replaceFirst("\\s*\\(start marker.*$", "") + "); give the file that --trace-file wrote, which holds one OTLP "
                        + "JSON request a line");
            }
        }
        return requests;
    }

    private static JsonNode object(Path file, int line, JsonNode node) {
        if (!node.isObject()) {
            throw new NotATraceException(file + " line " + line + " is JSON but no OTLP trace request (not an "
                    + "object); give the file that --trace-file wrote");
        }
        return node;
    }

    private static Span span(Path file, int line, JsonNode span) {
        String traceId = span.path("traceId").asString("");
        String spanId = span.path("spanId").asString("");
        if (traceId.isEmpty() || spanId.isEmpty()) {
            throw new NotATraceException(file + " line " + line + " has a span without a traceId or spanId; give "
                    + "the file that --trace-file wrote");
        }
        long start = nanos(file, line, span, "startTimeUnixNano");
        long end = nanos(file, line, span, "endTimeUnixNano");
        JsonNode status = span.path("status");
        JsonNode code = status.path("code");
        boolean failed = code.isNumber() ? code.asInt() == 2 : "STATUS_CODE_ERROR".equals(code.asString(""));
        List<Event> events = new ArrayList<>();
        for (JsonNode event : span.path("events")) {
            events.add(new Event(event.path("name").asString(""), nanos(file, line, event, "timeUnixNano"),
                    attributes(event.path("attributes"))));
        }
        return new Span(traceId, spanId, span.path("parentSpanId").asString(""), span.path("name").asString(""),
                start, end, attributes(span.path("attributes")), failed, status.path("message").asString(""), events);
    }

    /** A time of OTLP JSON: a 64-bit number, as a decimal string or a number. */
    private static long nanos(Path file, int line, JsonNode node, String field) {
        JsonNode value = node.path(field);
        try {
            return value.isNumber() ? value.asLong() : Long.parseLong(value.asString(""));
        } catch (NumberFormatException e) {
            throw new NotATraceException(file + " line " + line + " has a span or event whose " + field + " is "
                    + (value.isMissingNode() ? "missing" : "not a number (" + value + ")") + "; give the file that "
                    + "--trace-file wrote");
        }
    }

    private static Map<String, String> attributes(JsonNode attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode attribute : attributes) {
            values.put(attribute.path("key").asString(""), value(attribute.path("value")));
        }
        return values;
    }

    /** An OTLP {@code AnyValue} as text. */
    private static String value(JsonNode value) {
        if (value.has("arrayValue")) {
            List<String> items = new ArrayList<>();
            value.path("arrayValue").path("values").forEach(item -> items.add(value(item)));
            return String.join(",", items);
        }
        for (String kind : List.of("stringValue", "intValue", "doubleValue", "boolValue")) {
            if (value.has(kind)) {
                return value.get(kind).asString();
            }
        }
        return value.toString();
    }
}
