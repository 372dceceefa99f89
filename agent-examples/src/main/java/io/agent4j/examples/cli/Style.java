package io.agent4j.examples.cli;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;

/**
 * How the command line decorates what it prints on stderr: ANSI colours (only on a terminal, and
 * never with {@code NO_COLOR} set) and the glyphs of the tool lines and the spinner (Unicode when
 * the output encoding can carry them, ASCII otherwise).
 */
final class Style {

    /** No colours, glyphs as the platform's encoding allows: what pipes, files and tests get. */
    static final Style PLAIN = new Style(false, unicodeOutput());

    private static final String RESET = "\u001b[0m";
    private static final String UNICODE_SAMPLE = "↳→✗…⠋·";

    private final boolean colours;
    private final boolean unicode;

    Style(boolean colours, boolean unicode) {
        this.colours = colours;
        this.unicode = unicode;
    }

    /** Whether ANSI colour sequences are written. */
    boolean colours() {
        return colours;
    }

    /** Whether Unicode glyphs are used. */
    boolean unicode() {
        return unicode;
    }

    String dim(String text) {
        return paint("2", text);
    }

    String bold(String text) {
        return paint("1", text);
    }

    String red(String text) {
        return paint("31", text);
    }

    String cyan(String text) {
        return paint("36", text);
    }

    String yellow(String text) {
        return paint("33", text);
    }

    private String paint(String code, String text) {
        return colours && !text.isEmpty() ? "\u001b[" + code + "m" + text + RESET : text;
    }

    /** The mark before a tool line: {@code ↳}. */
    String hook() {
        return unicode ? "↳" : "-";
    }

    /** Between a call and its result: {@code →}. */
    String arrow() {
        return unicode ? "→" : "->";
    }

    /** Before a failed result: {@code ✗}. */
    String cross() {
        return unicode ? "✗" : "x";
    }

    /** Before a retry: {@code ↻}. */
    String retry() {
        return unicode ? "↻" : "~";
    }

    /** Where text was cut: {@code …}. */
    String ellipsis() {
        return unicode ? "…" : "...";
    }

    /** Between the parts of the spinner: {@code ·}. */
    String dot() {
        return unicode ? "·" : "-";
    }

    /** The frames of the spinner. */
    String[] frames() {
        return unicode ? new String[] {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}
                : new String[] {"|", "/", "-", "\\"};
    }

    /**
     * Whether the glyphs can be written: picocli writes stderr in {@code sun.stderr.encoding} or the
     * default charset, and the terminal shows it in its own encoding ({@code stderr.encoding} on
     * Java 19 and later, else {@code native.encoding}); both must be able to encode them.
     */
    static boolean unicodeOutput() {
        String writer = System.getProperty("sun.stderr.encoding");
        String terminal = firstOf(System.getProperty("sun.stderr.encoding"), System.getProperty("stderr.encoding"),
                System.getProperty("native.encoding"));
        return canEncode(writer) && canEncode(terminal);
    }

    private static String firstOf(String... names) {
        for (String name : names) {
            if (name != null && !name.isBlank()) {
                return name;
            }
        }
        return null;
    }

    private static boolean canEncode(String charsetName) {
        try {
            Charset charset = charsetName == null ? Charset.defaultCharset() : Charset.forName(charsetName);
            CharsetEncoder encoder = charset.newEncoder();
            return encoder.canEncode(UNICODE_SAMPLE);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false;
        }
    }
}
