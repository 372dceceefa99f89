package io.agent4j.memory.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the pixel size of a {@code data:} image from its header with {@link ImageIO}, without
 * decoding the pixels. Only the first {@value #HEAD_CHARACTERS} base64 characters are decoded:
 * every header ImageIO reads (PNG, JPEG with its metadata, GIF) sits well inside them.
 */
public final class ImageSizes {

    static final int HEAD_CHARACTERS = 1 << 20;

    private ImageSizes() {
    }

    /** {width, height} of the image in a base64 {@code data:} URL, or null when it cannot be read. */
    public static int[] of(String dataUrl) {
        int comma = dataUrl.indexOf(',');
        if (comma < 0 || !dataUrl.substring(0, comma).endsWith(";base64")) {
            return null;
        }
        int end = Math.min(dataUrl.length(), comma + 1 + HEAD_CHARACTERS);
        byte[] head;
        try {
            head = Base64.getDecoder().decode(dataUrl.substring(comma + 1, end));
        } catch (IllegalArgumentException e) {
            return null;
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(head))) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
