package io.agent4j.tools.internal;

import java.nio.charset.StandardCharsets;

/** Turns bytes read from a file or a response into text. */
public final class Utf8Text {

    private Utf8Text() {
    }

    /** Whether the bytes look binary: they hold a NUL byte, which text files do not. */
    public static boolean isBinary(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first {@code length} bytes as UTF-8 text; when {@code cut} (the bytes are the beginning of
     * something longer), a character split at the end is dropped. Malformed sequences become U+FFFD.
     */
    public static String decode(byte[] bytes, int length, boolean cut) {
        int end = length;
        if (cut) {
            int start = end;
            while (start > 0 && start > end - 4 && (bytes[start - 1] & 0xC0) == 0x80) {
                start--;
            }
            if (start > 0 && (bytes[start - 1] & 0xC0) == 0xC0 && end - (start - 1) < sequenceLength(bytes[start - 1])) {
                end = start - 1;
            }
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static int sequenceLength(byte lead) {
        if ((lead & 0xE0) == 0xC0) {
            return 2;
        }
        return (lead & 0xF0) == 0xE0 ? 3 : 4;
    }
}
