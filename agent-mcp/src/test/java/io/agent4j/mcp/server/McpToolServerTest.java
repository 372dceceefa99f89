package io.agent4j.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.mcp.internal.McpJson;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.Toolbox;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A toolbox served over Streamable HTTP and called by the official SDK's client: what it lists,
 * and that every call answers what the same call would tell the model in an agent.
 */
class McpToolServerTest {

    private static final Toolbox TOOLS = Toolbox.of(new SampleTools());
    private static McpHttpServer http;
    private static McpSyncClient client;

    @BeforeAll
    static void serve() {
        http = McpToolServer.of(TOOLS).startHttp(new InetSocketAddress("127.0.0.1", 0));
        client = McpClients.http(http.url());
    }

    @AfterAll
    static void stop() {
        client.close();
        http.close();
    }

    @Test
    void theToolsAreListedWithTheirOwnDescriptionsAndSchemas() {
        Map<String, McpSchema.Tool> listed = client.listTools().tools().stream()
                .collect(Collectors.toMap(McpSchema.Tool::name, tool -> tool));

        assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(TOOLS.names());
        for (ToolDefinition definition : TOOLS.definitions()) {
            McpSchema.Tool tool = listed.get(definition.name());
            assertThat(tool.description()).isEqualTo(definition.description());
            Map<String, Object> expected = new java.util.LinkedHashMap<>(McpJson.toMap(definition.parameters()));
            expected.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            assertThat(tool.inputSchema()).isEqualTo(expected);
        }
    }

    @Test
    void aCallAnswersWithTheTextTheModelWouldRead() {
        McpSchema.CallToolResult result = call("add", Map.of("a", 2, "b", 40));

        assertThat(result.isError()).isFalse();
        assertThat(text(result)).isEqualTo(TOOLS.call("add", "{\"a\":2,\"b\":40}").content()).isEqualTo("42");
        assertThat(result.structuredContent()).isNull();
    }

    @Test
    void aRecordIsStructuredContentBesideItsJsonText() {
        McpSchema.CallToolResult result = call("point", Map.of("x", 1.5, "y", -2));

        assertThat(text(result)).isEqualTo("{\"x\":1.5,\"y\":-2.0}");
        assertThat(result.structuredContent()).isEqualTo(Map.of("x", 1.5, "y", -2.0));
    }

    @Test
    void argumentsThatDoNotMatchTheSchemaAreAnErrorResultWithTheModelsMessage() {
        McpSchema.CallToolResult result = call("add", Map.of("a", "two"));
        ToolResult inAnAgent = TOOLS.call("add", "{\"a\":\"two\"}");

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo(inAnAgent.content())
                .startsWith("Error: the call to tool 'add' was not run: ");
        assertThat(result.structuredContent()).isNull();
    }

    @Test
    void aToolThatThrowsIsAnErrorResultWithTheModelsMessage() {
        McpSchema.CallToolResult result = call("lookup", Map.of("thing", "unicorn"));

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo(TOOLS.call("lookup", "{\"thing\":\"unicorn\"}").content())
                .isEqualTo("Error: tool 'lookup' failed: IllegalArgumentException: no such thing: unicorn");
    }

    @Test
    void aToolPastItsTimeoutIsAbandonedAndAnsweredWithAnError() {
        McpSchema.CallToolResult result = call("slow", Map.of());

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("Error: tool 'slow' did not finish within 300 ms and was abandoned. "
                + "Try simpler arguments, or answer without this result.");
    }

    @Test
    void anImageOfTheResultIsImageContentAfterTheText() {
        McpSchema.CallToolResult result = call("pixel", Map.of());

        assertThat(result.content()).hasSize(2);
        assertThat(text(result)).isEqualTo("A red pixel.");
        assertThat(result.content().get(1)).isInstanceOfSatisfying(McpSchema.ImageContent.class, image -> {
            assertThat(image.mimeType()).isEqualTo("image/png");
            assertThat(image.data()).isEqualTo(ConformanceTools.RED_PIXEL);
        });
    }

    @Test
    void anUnknownToolIsAProtocolErrorAsTheSpecificationSays() {
        assertThatThrownBy(() -> call("nope", Map.of()))
                .isInstanceOfSatisfying(McpError.class, error -> assertThat(error.getJsonRpcError().code())
                        .isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
    }

    @Test
    void thereIsNoMcpCallOutsideAServer() {
        assertThat(McpCall.current()).isEmpty();
    }

    private static McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
