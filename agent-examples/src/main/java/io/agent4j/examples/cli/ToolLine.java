package io.agent4j.examples.cli;

import io.agent4j.chat.ToolCall;
import io.agent4j.tool.ToolResult;
import java.time.Duration;
import java.util.Locale;

/**
 * The compact line of one tool call, printed on stderr as the call finishes:
 * {@code   ↳ evaluate {"expression":"2340.80 * 17.5 / 100"} → 6 chars, 6 ms}. The arguments are
 * shortened to one line of at most {@value #ARGUMENTS} characters; a call that failed or was
 * refused (unknown tool, bad arguments, an exception, a repeat) shows {@code ✗ failed:} and the
 * start of the explanation the model was sent.
 */
final class ToolLine {

    /** The most characters of the arguments shown. */
    static final int ARGUMENTS = 80;
    /** The most characters of a failure's explanation shown. */
    static final int FAILURE = 80;

    private ToolLine() {
    }

    static String format(Style style, ToolCall call, ToolResult result, Duration duration) {
        String arguments = shorten(style, call.arguments(), ARGUMENTS);
        String head = "  " + style.dim(style.hook()) + " " + style.bold(call.name())
                + (arguments.isEmpty() ? "" : " " + style.dim(arguments)) + " ";
        if (result.failed()) {
            return head + style.red(style.cross() + " failed: " + shorten(style, result.content(), FAILURE)) + ", "
                    + millis(duration);
        }
        return head + style.dim(style.arrow()) + " " + chars(result.content().length()) + ", " + millis(duration);
    }

    /** The text on one line, cut to {@code max} characters with an ellipsis. */
    static String shorten(Style style, String text, int max) {
        String line = text == null ? "" : Failures.oneLine(text);
        return line.length() > max ? line.substring(0, max) + style.ellipsis() : line;
    }

    /** {@code 1 char}, {@code 6 chars}, {@code 12,345 chars}. */
    static String chars(int count) {
        return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? "char" : "chars");
    }

    /** {@code <1 ms}, {@code 6 ms}, {@code 1.2 s}. */
    static String millis(Duration duration) {
        double millis = duration.toNanos() / 1e6;
        if (millis < 1) {
            return "<1 ms";
        }
        if (millis < 1000) {
            return String.format(Locale.ROOT, "%d ms", Math.round(millis));
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000);
    }
}
