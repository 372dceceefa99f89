package io.agent4j.test.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts, as a reader wants it in a failure: unchanged lines as context, lines
 * only in the first prefixed {@code -}, lines only in the second {@code +}, long unchanged runs cut.
 */
public final class LineDiff {

    private static final int CONTEXT = 3;

    private LineDiff() {
    }

    /** The diff of {@code expected} (the {@code -} side) against {@code actual} (the {@code +} side). */
    public static String of(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add("  " + a[i++]);
                j++;
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                lines.add("- " + a[i++]);
            } else {
                lines.add("+ " + b[j++]);
            }
        }
        return shorten(lines);
    }

    private static String shorten(List<String> lines) {
        boolean[] shown = new boolean[lines.size()];
        for (int k = 0; k < lines.size(); k++) {
            if (!lines.get(k).startsWith("  ")) {
                for (int c = Math.max(0, k - CONTEXT); c <= Math.min(lines.size() - 1, k + CONTEXT); c++) {
                    shown[c] = true;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        boolean cut = false;
        for (int k = 0; k < lines.size(); k++) {
            if (shown[k]) {
                out.append(lines.get(k)).append('\n');
                cut = false;
            } else if (!cut) {
                out.append("  ...\n");
                cut = true;
            }
        }
        return out.toString();
    }
}
