package io.agent4j.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A plain-text summary of a flight recording, for JDKs whose {@code jfr} tool has no {@code view}:
 * CPU samples by method (self and total) and sampled allocation by method (total) and by class.
 * {@code jfr-top FILE.jfr [N] [PREFIX]} shows the top N (30) rows; with PREFIX, the "total" tables
 * only count frames whose class name starts with it (e.g. {@code io.agent4j}).
 */
public final class JfrTop {

    private JfrTop() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String prefix = args.length > 2 ? args[2] : "";
        Map<String, Double> self = new HashMap<>();
        Map<String, Double> total = new HashMap<>();
        Map<String, Double> allocTotal = new HashMap<>();
        Map<String, Double> allocClass = new HashMap<>();
        Map<String, Double> allocSelf = new HashMap<>();
        double samples = 0;
        double allocated = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                add(event.getStackTrace(), 1, self, total, prefix);
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                double weight = event.getLong("weight");
                allocated += weight;
                allocClass.merge(event.getClass("objectClass").getName(), weight, Double::sum);
                add(event.getStackTrace(), weight, allocSelf, allocTotal, prefix);
            }
        }
        print("CPU samples, self", self, samples, top);
        print("CPU samples, total" + (prefix.isEmpty() ? "" : " (" + prefix + "*)"), total, samples, top);
        print("allocation, by class", allocClass, allocated, top);
        print("allocation, self (top frame)", allocSelf, allocated, top);
        print("allocation, total" + (prefix.isEmpty() ? "" : " (" + prefix + "*)"), allocTotal, allocated, top);
    }

    private static void add(RecordedStackTrace stack, double weight, Map<String, Double> self,
            Map<String, Double> total, String prefix) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        List<RecordedFrame> frames = stack.getFrames();
        self.merge(name(frames.get(0)), weight, Double::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : frames) {
            String name = name(frame);
            if (name.startsWith(prefix) && seen.add(name)) {
                total.merge(name, weight, Double::sum);
            }
        }
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(String title, Map<String, Double> counts, double all, int top) {
        System.out.printf(Locale.ROOT, "%n== %s (of %.0f) ==%n", title, all);
        counts.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "%6.1f%%  %s%n", 100 * e.getValue() / all, e.getKey()));
    }
}
