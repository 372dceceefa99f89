package io.agent4j.chat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * An image part of a user message, sent as {@code {"type":"image_url","image_url":{"url":...,
 * "detail":...}}}: an {@code https} URL the server fetches, or a {@code data:} URL that carries
 * the image itself (built from a file or bytes).
 *
 * <pre>{@code
 * ImagePart photo = ImagePart.fromFile(Path.of("photo.jpg"));
 * ImagePart chart = ImagePart.url(URI.create("https://example.com/chart.png"), ImagePart.Detail.LOW);
 * }</pre>
 *
 * Images are PNG, JPEG, WEBP or non-animated GIF, as OpenAI accepts them, of at most
 * {@value #MAX_BYTES} bytes each.
 *
 * @param url an {@code https}, {@code http} or {@code data:} URL
 * @param detail how closely the model looks at the image, and so how many tokens it costs
 */
public record ImagePart(String url, Detail detail) implements ContentPart {

    /** The largest image a file or bytes may hold: 20 MB, OpenAI's limit for one image. */
    public static final int MAX_BYTES = 20 * 1024 * 1024;

    /** How closely the model looks at an image: the API's {@code detail}. */
    public enum Detail {
        /** The model chooses; counted as {@link #HIGH} by the token counter. */
        AUTO,
        /** A 512x512 view of the image for a fixed 85 tokens. */
        LOW,
        /** The image in 512-pixel tiles, 170 tokens each plus 85. */
        HIGH;

        /** The name on the wire: {@code auto}, {@code low} or {@code high}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The detail of a wire name.
         *
         * @throws IllegalArgumentException when it is none of {@code auto}, {@code low}, {@code high}
         */
        public static Detail fromWireName(String name) {
            for (Detail detail : values()) {
                if (detail.wireName().equals(name)) {
                    return detail;
                }
            }
            throw new IllegalArgumentException("unknown image detail '" + name + "': use auto, low or high");
        }
    }

    /**
     * Creates an image part.
     *
     * @throws IllegalArgumentException when the URL is not {@code https}, {@code http} or {@code data:}
     */
    public ImagePart {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(detail, "detail");
        String scheme = url.length() < 8 ? url.toLowerCase(Locale.ROOT) : url.substring(0, 8).toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("https://") && !scheme.startsWith("http://") && !scheme.startsWith("data:")) {
            throw new IllegalArgumentException("an image URL must be https://, http:// or data:, not '"
                    + shorten(url) + "'; for a local file use ImagePart.fromFile");
        }
    }

    /** An image the server fetches from {@code url}, with {@link Detail#AUTO}. */
    public static ImagePart url(URI url) {
        return url(url, Detail.AUTO);
    }

    /** An image the server fetches from {@code url}. */
    public static ImagePart url(URI url, Detail detail) {
        return new ImagePart(Objects.requireNonNull(url, "url").toString(), detail);
    }

    /** The image in {@code file}, sent as a {@code data:} URL with {@link Detail#AUTO}. */
    public static ImagePart fromFile(Path file) {
        return fromFile(file, Detail.AUTO);
    }

    /**
     * The image in {@code file}, sent as a {@code data:} URL; its type is read from its bytes, not
     * its name.
     *
     * @throws IllegalArgumentException when the file does not exist or cannot be read, is larger
     *     than {@value #MAX_BYTES} bytes, or is not a PNG, JPEG, WEBP or GIF image
     */
    public static ImagePart fromFile(Path file, Detail detail) {
        Objects.requireNonNull(file, "file");
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException("the image " + file + " is a directory; give an image file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(tooBig("the image " + file, size));
            }
            byte[] bytes = Files.readAllBytes(file);
            String type = mediaType(bytes);
            if (type == null) {
                throw new IllegalArgumentException(unsupported("the image " + file));
            }
            return fromBytes(bytes, type, detail);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the image " + file + " does not exist; check the path");
        } catch (IOException e) {
            throw new IllegalArgumentException("the image " + file + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * An image from its bytes, sent as a {@code data:} URL.
     *
     * @param mediaType {@code image/png}, {@code image/jpeg}, {@code image/webp} or {@code image/gif}
     * @throws IllegalArgumentException when the bytes are more than {@value #MAX_BYTES} or the
     *     type is not one of those
     */
    public static ImagePart fromBytes(byte[] bytes, String mediaType, Detail detail) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mediaType, "mediaType");
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(tooBig("the image", bytes.length));
        }
        String type = mediaType.toLowerCase(Locale.ROOT);
        if (!type.equals("image/png") && !type.equals("image/jpeg") && !type.equals("image/webp")
                && !type.equals("image/gif")) {
            throw new IllegalArgumentException("the image type " + mediaType
                    + " is not supported: give image/png, image/jpeg, image/webp or image/gif");
        }
        return new ImagePart("data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes), detail);
    }

    /** Whether the image travels in the URL itself ({@code data:}) rather than by address. */
    public boolean isData() {
        return url.regionMatches(true, 0, "data:", 0, 5);
    }

    /** The type of an image from its first bytes, or null when it is none the API accepts. */
    static String mediaType(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return "image/gif";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    private static String tooBig(String what, long size) {
        return what + " has " + size + " bytes, more than the " + MAX_BYTES
                + " (20 MB) an image may have; scale it down or send it by https URL";
    }

    private static String unsupported(String what) {
        return what + " is not a PNG, JPEG, WEBP or GIF image; convert it to one of those";
    }

    /** The URL without a data URL's payload, for messages and {@link #toString}. */
    private static String shorten(String url) {
        return url.length() > 60 ? url.substring(0, 60) + "..." : url;
    }

    /** The URL, a data URL shortened to its type and size, and the detail. */
    @Override
    public String toString() {
        String shown = isData() ? url.substring(0, Math.max(url.indexOf(','), 0) + 1) + "<" + (url.length()
                - url.indexOf(',') - 1) + " base64 characters>" : url;
        return "ImagePart[" + shown + ", " + detail.wireName() + "]";
    }
}
