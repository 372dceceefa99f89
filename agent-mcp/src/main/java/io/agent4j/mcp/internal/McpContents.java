package io.agent4j.mcp.internal;

import io.agent4j.tool.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** agent4j tool results as MCP tool results. */
public final class McpContents {

    private McpContents() {
    }

    /**
     * A tool's result as MCP gives it to a client: its text first (the exact text the model would
     * read), then its images ({@code data:} URLs become image content, other URLs a link), then
     * {@code extra} content; a result whose text is one JSON object (a record, a map) carries it as
     * {@code structuredContent} too. A failed result is {@code isError: true}.
     */
    public static McpSchema.CallToolResult toMcp(ToolResult result, List<McpSchema.Content> extra) {
        List<McpSchema.Content> content = new ArrayList<>();
        content.add(new McpSchema.TextContent(result.content()));
        for (String url : result.images()) {
            content.add(image(url));
        }
        content.addAll(extra);
        McpSchema.CallToolResult.Builder built = McpSchema.CallToolResult.builder().content(content)
                .isError(result.failed());
        if (!result.failed()) {
            Map<String, Object> structured = McpJson.objectIn(result.content());
            if (structured != null) {
                built.structuredContent(structured);
            }
        }
        return built.build();
    }

    /** An image URL as MCP content: the bytes of a {@code data:} URL, a link to any other. */
    static McpSchema.Content image(String url) {
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String header = url.substring("data:".length(), Math.max(comma, "data:".length()));
            if (comma > 0 && header.endsWith(";base64")) {
                String mimeType = header.substring(0, header.length() - ";base64".length());
                return new McpSchema.ImageContent(null, url.substring(comma + 1), mimeType.isEmpty() ? "image/png"
                        : mimeType);
            }
        }
        String name = url.substring(url.lastIndexOf('/') + 1);
        return McpSchema.ResourceLink.builder().uri(url).name(name.isEmpty() ? url : name).build();
    }
}
