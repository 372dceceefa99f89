package io.agent4j.examples.cli;

import io.agent4j.examples.cli.TraceFile.Span;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A trace as a timeline for a terminal: for each run (each root span, {@code invoke_agent NAME}), a
 * line per span with its duration and a bar that shows when it ran within the run, each model call
 * labelled with its step and its tokens (and cost where the trace has it), each failed call marked,
 * and a last line that says how the run's time divides between the model, the tools and the rest.
 * Plain text; colours only where the {@link Style} has them.
 */
final class Timeline {

    /** The width of a bar, in characters: the whole run. */
    static final int BAR = 40;

    static final String OPERATION = "gen_ai.operation.name";
    static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
    static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    static final String ERROR_TYPE = "error.type";
    static final String STEP = "agent4j.step";
    static final String RUN_STEPS = "agent4j.run.steps";
    static final String COST = "agent4j.cost.usd";

    private final Style style;

    Timeline(Style style) {
        this.style = style;
    }

    /** The lines of the timeline of these spans: the runs in the order they started, a blank line between two. */
    List<String> lines(List<Span> spans) {
        Map<String, Span> byId = new HashMap<>();
        spans.forEach(span -> byId.put(span.traceId() + "/" + span.spanId(), span));
        Map<String, List<Span>> children = new LinkedHashMap<>();
        List<Span> roots = new ArrayList<>();
        for (Span span : spans) {
            if (span.parentSpanId().isEmpty() || !byId.containsKey(span.traceId() + "/" + span.parentSpanId())) {
                roots.add(span);
            } else {
                children.computeIfAbsent(span.traceId() + "/" + span.parentSpanId(), k -> new ArrayList<>()).add(span);
            }
        }
        roots.sort(Comparator.comparingLong(Span::startNanos));
        List<String> lines = new ArrayList<>();
        for (Span root : roots) {
            if (!lines.isEmpty()) {
                lines.add("");
            }
            lines.addAll(run(root, children));
        }
        return lines;
    }

    /** A line of a run: a span (and its depth in the tree), or, with {@code event} set, an event of one. */
    private record Row(Span span, int depth, String label, String event) {

        Row(Span span, int depth, String label) {
            this(span, depth, label, null);
        }
    }

    private List<String> run(Span root, Map<String, List<Span>> children) {
        List<Row> rows = new ArrayList<>();
        int[] steps = {0};
        int stepWidth = ("step " + count(root, children, "chat")).length() + 2;
        rows.add(new Row(root, 0, root.name()));
        walk(root, 1, children, rows, steps, stepWidth);

        List<Row> spans = rows.stream().filter(row -> row.event() == null).toList();
        int labelWidth = spans.stream().mapToInt(row -> row.label().length()).max().orElse(0);
        List<String> durations = spans.stream().map(row -> duration(row.span().durationNanos())).toList();
        int durationWidth = durations.stream().mapToInt(String::length).max().orElse(0);

        List<String> lines = new ArrayList<>();
        lines.add(style.bold("trace " + root.traceId()) + "  started "
                + Instant.ofEpochSecond(0, root.startNanos()).truncatedTo(ChronoUnit.MILLIS));
        String total = duration(root.durationNanos());
        int barColumn = labelWidth + 2 + durationWidth + 2;
        lines.add(" ".repeat(barColumn) + style.dim("0" + " ".repeat(Math.max(1, BAR + 2 - 1 - total.length()))
                + total));
        int i = 0;
        for (Row row : rows) {
            if (row.event() != null) {
                lines.add(row.label() + style.dim(row.event()));
                continue;
            }
            String note = note(row, root, children);
            String line = pad(row.label(), labelWidth) + "  " + " ".repeat(durationWidth - durations.get(i).length())
                    + durations.get(i) + "  " + bar(row.span(), root) + (note.isEmpty() ? "" : "  " + note);
            lines.add(line.stripTrailing());
            i++;
        }
        lines.add(summary(root, children));
        return lines;
    }

    private void walk(Span parent, int depth, Map<String, List<Span>> children, List<Row> rows, int[] steps,
            int stepWidth) {
        List<Span> kids = new ArrayList<>(children.getOrDefault(key(parent), List.of()));
        kids.sort(Comparator.comparingLong(Span::startNanos));
        List<TraceFile.Event> events = new ArrayList<>(parent.events());
        events.sort(Comparator.comparingLong(TraceFile.Event::timeNanos));
        String eventIndent = " ".repeat(2 + stepWidth + 2 * (depth - 1));
        int next = 0;
        for (Span span : kids) {
            for (; next < events.size() && events.get(next).timeNanos() < span.startNanos(); next++) {
                eventRow(events.get(next), depth, eventIndent, rows, root(rows));
            }
            String prefix;
            if (operation(span).equals("chat")) {
                steps[0]++;
                String step = span.attribute(STEP) != null ? span.attribute(STEP) : String.valueOf(steps[0]);
                prefix = pad("step " + step, stepWidth);
            } else {
                prefix = " ".repeat(stepWidth);
            }
            rows.add(new Row(span, depth, "  " + prefix + "  ".repeat(depth - 1) + span.name()));
            walk(span, depth + 1, children, rows, steps, stepWidth);
        }
        for (; next < events.size(); next++) {
            eventRow(events.get(next), depth, eventIndent, rows, root(rows));
        }
    }

    private static Span root(List<Row> rows) {
        return rows.get(0).span();
    }

    private void eventRow(TraceFile.Event event, int depth, String indent, List<Row> rows, Span root) {
        String text = event(event);
        if (text != null) {
            rows.add(new Row(null, depth, indent, text + " at +" + duration(event.timeNanos() - root.startNanos())));
        }
    }

    private static String key(Span span) {
        return span.traceId() + "/" + span.spanId();
    }

    private static int count(Span root, Map<String, List<Span>> children, String operation) {
        int count = 0;
        for (Span span : children.getOrDefault(key(root), List.of())) {
            count += (operation(span).equals(operation) ? 1 : 0) + count(span, children, operation);
        }
        return count;
    }

    /** The operation of a span: its {@code gen_ai.operation.name}, else the first word of its name. */
    static String operation(Span span) {
        String operation = span.attribute(OPERATION);
        if (operation != null) {
            return operation;
        }
        int space = span.name().indexOf(' ');
        return space < 0 ? span.name() : span.name().substring(0, space);
    }

    private String note(Row row, Span root, Map<String, List<Span>> children) {
        Span span = row.span();
        List<String> parts = new ArrayList<>();
        if (row.depth() == 0) {
            Long counted = number(root.attribute(RUN_STEPS));
            long steps = counted != null ? counted : count(root, children, "chat");
            parts.add(steps + (steps == 1 ? " step" : " steps"));
            Tokens tokens = tokens(List.of(root));
            if (tokens == null) {
                tokens = tokens(descendants(root, children).stream().filter(s -> operation(s).equals("chat")).toList());
            }
            if (tokens != null) {
                parts.add(tokens.text());
            }
            parts.add(cost(root, children));
        } else if (operation(span).equals("chat")) {
            Tokens tokens = tokens(List.of(span));
            if (tokens != null) {
                parts.add(tokens.text());
            }
            if (span.attribute(COST) != null) {
                parts.add(dollars(span.attribute(COST)));
            }
        }
        String text = String.join(", ", parts);
        if (span.failed()) {
            String why = span.attribute(ERROR_TYPE) != null
                    ? span.attribute(ERROR_TYPE).replaceFirst("^([a-z][a-z0-9_]*\\.)+(?=[A-Z])", "")
                    : span.statusMessage();
            String failed = style.cross() + " failed" + (why.isEmpty() ? "" : ": " + why);
            return style.red(failed) + (text.isEmpty() ? "" : "  " + style.dim(text));
        }
        return style.dim(text);
    }

    /** An event of a span as a line (a retry, a guardrail that did not pass, an approval), or null to leave it out. */
    private String event(TraceFile.Event event) {
        Map<String, String> a = event.attributes();
        switch (event.name()) {
            case "agent4j.retry":
                return style.retry() + " retry " + a.getOrDefault("agent4j.retry.attempt", "?") + " of "
                        + a.getOrDefault("agent4j.retry.max", "?")
                        + (a.containsKey("agent4j.retry.reason") ? ": " + a.get("agent4j.retry.reason") : "");
            case "agent4j.guardrail":
                String verdict = a.getOrDefault("agent4j.guardrail.verdict", "");
                if (verdict.equals("pass")) {
                    return null;
                }
                return "guardrail " + a.getOrDefault("agent4j.guardrail.name", "?") + ": "
                        + verdict.toUpperCase(Locale.ROOT) + " at the " + a.getOrDefault("agent4j.guardrail.stage", "?");
            case "agent4j.approval.waiting":
                return "waits for approval of " + a.getOrDefault("agent4j.approval.tools", "?").replace(",", ", ");
            case "agent4j.approval.decision":
                return ("true".equals(a.get("agent4j.approval.approved")) ? "approved " : "rejected ")
                        + a.getOrDefault("gen_ai.tool.name", "?") + " " + a.getOrDefault("gen_ai.tool.call.id", "");
            case "exception":
                return null;
            default:
                return event.name();
        }
    }

    private record Tokens(long input, long output) {

        String text() {
            return String.format(Locale.ROOT, "%,d tokens (%,d in, %,d out)", input + output, input, output);
        }
    }

    /** The tokens of these model calls, or null when none of them says. */
    private static Tokens tokens(List<Span> calls) {
        long input = 0;
        long output = 0;
        boolean any = false;
        for (Span call : calls) {
            Long in = number(call.attribute(INPUT_TOKENS));
            Long out = number(call.attribute(OUTPUT_TOKENS));
            if (in != null || out != null) {
                any = true;
                input += in == null ? 0 : in;
                output += out == null ? 0 : out;
            }
        }
        return any ? new Tokens(input, output) : null;
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The run's cost: its own attribute, else the sum of its model calls' when each has one, else unknown. */
    private static String cost(Span root, Map<String, List<Span>> children) {
        if (root.attribute(COST) != null) {
            return dollars(root.attribute(COST));
        }
        List<Span> calls = descendants(root, children).stream().filter(s -> operation(s).equals("chat")).toList();
        if (calls.isEmpty() || calls.stream().anyMatch(call -> call.attribute(COST) == null)) {
            return "cost unknown";
        }
        try {
            return dollars(calls.stream().map(call -> new BigDecimal(call.attribute(COST)))
                    .reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString());
        } catch (NumberFormatException e) {
            return "cost unknown";
        }
    }

    /** US dollars to three significant digits: {@code $0.000412}; the text as it is when it is no number. */
    static String dollars(String usd) {
        try {
            BigDecimal value = new BigDecimal(usd);
            return "$" + (value.signum() == 0 ? "0" : value.round(new MathContext(3)).stripTrailingZeros()
                    .toPlainString());
        } catch (NumberFormatException e) {
            return "$" + usd;
        }
    }

    private static List<Span> descendants(Span span, Map<String, List<Span>> children) {
        List<Span> all = new ArrayList<>();
        for (Span child : children.getOrDefault(key(span), List.of())) {
            all.add(child);
            all.addAll(descendants(child, children));
        }
        return all;
    }

    /** The bar of a span: where it ran within the run, at least one character. */
    private String bar(Span span, Span root) {
        long length = root.durationNanos();
        int first;
        int last;
        if (length == 0) {
            first = 0;
            last = BAR - 1;
        } else {
            double from = (span.startNanos() - root.startNanos()) * (double) BAR / length;
            double to = (span.endNanos() - root.startNanos()) * (double) BAR / length;
            first = clamp((int) Math.floor(from), 0, BAR - 1);
            last = clamp((int) Math.ceil(to) - 1, first, BAR - 1);
        }
        String fill = (style.unicode() ? "█" : "#").repeat(last - first + 1);
        String painted = span.failed() ? style.red(fill) : operation(span).equals("chat") ? style.cyan(fill)
                : operation(span).equals("execute_tool") ? style.yellow(fill) : fill;
        return "|" + " ".repeat(first) + painted + " ".repeat(BAR - 1 - last) + "|";
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    /** Where the run's time went: the model calls, the tool calls (parallel ones counted once) and the rest. */
    private String summary(Span root, Map<String, List<Span>> children) {
        List<Span> all = descendants(root, children);
        List<long[]> model = intervals(all.stream().filter(s -> operation(s).equals("chat")).toList());
        List<long[]> tools = intervals(all.stream().filter(s -> operation(s).equals("execute_tool")).toList());
        List<long[]> both = new ArrayList<>(model);
        both.addAll(tools);
        long modelTime = covered(model);
        long busy = covered(both);
        long toolTime = busy - modelTime;
        long rest = Math.max(0, root.durationNanos() - busy);
        return style.dim("time: model " + share(modelTime, root) + ", tools " + share(toolTime, root) + ", the rest "
                + share(rest, root));
    }

    private static String share(long nanos, Span root) {
        long whole = root.durationNanos();
        long percent = whole == 0 ? 0 : Math.round(nanos * 100.0 / whole);
        return duration(nanos) + " (" + percent + "%)";
    }

    private static List<long[]> intervals(List<Span> spans) {
        return spans.stream().map(span -> new long[] {span.startNanos(), span.endNanos()}).toList();
    }

    /** How long at least one of the intervals is running. */
    private static long covered(List<long[]> intervals) {
        List<long[]> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingLong(interval -> interval[0]));
        long total = 0;
        long from = Long.MIN_VALUE;
        long to = Long.MIN_VALUE;
        for (long[] interval : sorted) {
            if (interval[0] > to) {
                total += Math.max(0, to - from);
                from = interval[0];
                to = interval[1];
            } else {
                to = Math.max(to, interval[1]);
            }
        }
        return total + Math.max(0, to - from);
    }

    /** A duration as people read it: {@code 0.4 ms}, {@code 27.4 ms}, {@code 3.21 s}, {@code 1m 05s}. */
    static String duration(long nanos) {
        double millis = nanos / 1_000_000.0;
        if (millis < 1000) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000);
        }
        long seconds = Math.round(millis / 1000);
        return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
