package io.agent4j.mcp.client;

import io.agent4j.mcp.internal.McpJson;
import io.agent4j.tool.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An MCP tool result as the model reads it: its text content is the tool message; its
 * {@code structuredContent}, as JSON, is the message when there is no text; images the model
 * can see follow as image parts, other images, audio and resources are a short note (an embedded
 * text resource with its text); {@code isError} makes it a failed call.
 */
final class McpResults {

    /** The image types a model takes as image parts. */
    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/webp", "image/gif");

    private McpResults() {
    }

    /**
     * The result of a call of the agent's tool {@code tool}.
     *
     * @return a {@link ToolResult}, or null for a result with no content at all (which the agent
     *     reports as the tool having completed)
     */
    static ToolResult toToolResult(String tool, McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        List<String> images = new ArrayList<>();
        List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
        for (McpSchema.Content item : content) {
            if (item instanceof McpSchema.TextContent text) {
                parts.add(text.text() == null ? "" : text.text());
            } else if (item instanceof McpSchema.ImageContent image) {
                String type = image.mimeType() == null ? "" : image.mimeType().toLowerCase(java.util.Locale.ROOT);
                if (IMAGE_TYPES.contains(type) && image.data() != null) {
                    images.add("data:" + type + ";base64," + image.data());
                } else {
                    parts.add("[an image (" + image.mimeType() + ", " + size(image.data()) + "), not shown: its type "
                            + "is none the model takes]");
                }
            } else if (item instanceof McpSchema.AudioContent audio) {
                parts.add("[audio (" + audio.mimeType() + ", " + size(audio.data()) + "), not shown]");
            } else if (item instanceof McpSchema.EmbeddedResource embedded) {
                parts.add(resource(embedded.resource()));
            } else if (item instanceof McpSchema.ResourceLink link) {
                parts.add("[a link to the resource " + link.uri() + (link.name() == null ? "" : " (" + link.name()
                        + (link.mimeType() == null ? "" : ", " + link.mimeType()) + ")") + "]");
            }
        }
        boolean hasText = content.stream().anyMatch(McpSchema.TextContent.class::isInstance);
        if (result.structuredContent() != null && !hasText) {
            // with text beside it, the text carries it (MCP asks servers to serialise it there), often as it is
            parts.add(McpJson.write(result.structuredContent()));
        }
        String text = String.join("\n", parts);
        if (Boolean.TRUE.equals(result.isError())) {
            return ToolResult.failure("Error: tool '" + tool + "' failed: " + (text.isBlank()
                    ? "the MCP server reported an error without saying which" : text));
        }
        if (!images.isEmpty()) {
            return ToolResult.withImages(text.isEmpty() ? "The tool returned " + images.size() + " image(s)." : text,
                    images.toArray(String[]::new));
        }
        return parts.isEmpty() ? null : ToolResult.success(text);
    }

    private static String resource(McpSchema.ResourceContents contents) {
        String type = contents.mimeType() == null ? "" : ", " + contents.mimeType();
        if (contents instanceof McpSchema.TextResourceContents text && text.text() != null) {
            return "[the resource " + contents.uri() + type + "]\n" + text.text();
        }
        String blob = contents instanceof McpSchema.BlobResourceContents binary ? ", " + size(binary.blob()) : "";
        return "[the resource " + contents.uri() + type + blob + ", not shown]";
    }

    /** The size of base64 data in bytes, for a note: {@code 1234 bytes}. */
    private static String size(String base64) {
        if (base64 == null) {
            return "no data";
        }
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        return (base64.length() / 4 * 3 - padding) + " bytes";
    }
}
