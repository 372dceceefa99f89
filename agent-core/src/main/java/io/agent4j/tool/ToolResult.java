package io.agent4j.tool;

import java.util.List;
import java.util.Objects;

/**
 * What one tool call produced: the text sent back to the model and, optionally, images.
 *
 * <p>A tool message of Chat Completions carries text only, so the text goes in the tool message
 * and the images follow it in a user message of their own, after the results of every call of the
 * step. A tool method returns images by returning a {@code ToolResult}:
 *
 * <pre>{@code
 * @Tool("Opens a photo of the album")
 * public ToolResult photo(String name) {
 *     return ToolResult.withImages("The photo " + name + " follows.",
 *             ImagePart.fromFile(album.resolve(name)).url());
 * }
 * }</pre>
 *
 * @param content the result, or an explanation of the failure written for the model
 * @param failed whether the call did not produce a result (unknown tool, bad arguments, exception)
 * @param images the images of the result as {@code https} or {@code data:} URLs; empty for most tools
 */
public record ToolResult(String content, boolean failed, List<String> images) {

    /** Creates a result; {@code content} must not be null. */
    public ToolResult {
        Objects.requireNonNull(content, "content");
        images = List.copyOf(images);
    }

    /** Creates a result without images. */
    public ToolResult(String content, boolean failed) {
        this(content, failed, List.of());
    }

    /** A successful result. */
    public static ToolResult success(String content) {
        return new ToolResult(content, false);
    }

    /**
     * A successful result with images, such as {@code ImagePart.fromFile(path).url()}; the model
     * reads {@code note} in the tool message and sees the images right after it.
     */
    public static ToolResult withImages(String note, String... imageUrls) {
        return new ToolResult(note, false, List.of(imageUrls));
    }

    /** A failure, explained to the model so it can correct itself. */
    public static ToolResult failure(String explanation) {
        return new ToolResult(explanation, true);
    }
}
