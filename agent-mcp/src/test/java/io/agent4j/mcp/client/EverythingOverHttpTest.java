package io.agent4j.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.mcp.McpException;
import io.agent4j.mcp.testing.TestServers;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.Toolbox;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The reference server {@code @modelcontextprotocol/server-everything} over HTTP on loopback: its
 {@code streamableHttp} transport, its older {@code sse} one (taken only because it answers nothing
 * else), a server that went away reported as a failed call and reconnected to by the next call.
 */
class EverythingOverHttpTest {

    @Test
    void toolsAreListedAndCalledOverStreamableHttp() {
        try (TestServers.Running server = TestServers.everythingHttp("streamableHttp");
                McpTools everything = McpTools.http(server.url())) {
            Toolbox tools = everything.tools();

            assertThat(tools.names()).contains("echo", "get-sum", "get-tiny-image");
            assertThat(tools.call("get-sum", "{\"a\": 2, \"b\": 3}").content()).contains("5");
            assertThat(tools.call("get-tiny-image", "{}").images()).singleElement().asString()
                    .startsWith("data:image/png;base64,");
        }
    }

    @Test
    void aServerThatOffersOnlyHttpWithSseIsSpokenToOverSse() {
        try (TestServers.Running server = TestServers.everythingHttp("sse");
                McpTools everything = McpTools.http(server.url())) {
            ToolResult result = everything.tools().call("echo", "{\"message\": \"over sse\"}");

            assertThat(result.content()).isEqualTo("Echo: over sse");
        }
    }

    @Test
    void aServerThatWentAwayIsAFailedCallAndTheNextCallConnectsAgain() {
        TestServers.Running first = TestServers.everythingHttp("streamableHttp");
        try (McpTools everything = McpTools.http(first.url())) {
            Toolbox tools = everything.tools();
            first.close();

            ToolResult failed = tools.call("echo", "{\"message\": \"anyone?\"}");

            assertThat(failed.failed()).isTrue();
            assertThat(failed.content()).startsWith("Error: tool 'echo' failed: McpException: The MCP server "
                    + "'mcp-servers/everything' could not be reached for tools/call over Streamable HTTP: ")
                    .endsWith("; the connection is made again for the next call.");
            try (TestServers.Running again = TestServers.everythingHttpAgain(first)) {
                assertThat(tools.call("echo", "{\"message\": \"back\"}").content()).isEqualTo("Echo: back");
            }
        }
    }

    @Test
    void anAddressWhereNoServerListensIsAClearError() {
        try (TestServers.Running server = TestServers.everythingHttp("streamableHttp")) {
            URI nowhere = URI.create("http://127.0.0.1:" + server.url().getPort() + "/not-mcp");
            try (McpTools tools = McpTools.builder().http(nowhere).initializationTimeout(java.time.Duration
                    .ofSeconds(10)).build()) {
                assertThatThrownBy(tools::tools).isInstanceOf(McpException.class)
                        .hasMessageContaining("answered neither Streamable HTTP (HTTP 404) nor HTTP with SSE")
                        .hasMessageContaining("Check the URL");
            }
        }
    }
}
