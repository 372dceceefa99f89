package io.agent4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.mcp.testing.NodePackages;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pinned reference server, {@code @modelcontextprotocol/server-everything}, runs here on the
 * pinned Node and answers the official SDK's stdio client: the ground the MCP tests stand on.
 */
class ReferenceServerTest {

    @Test
    void theReferenceServerListsAndRunsItsEchoToolOverStdio() {
        List<String> command = NodePackages.command("@modelcontextprotocol/server-everything/dist/index.js", "stdio");
        ServerParameters server = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size()))
                .build();
        try (McpSyncClient client = McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(20))
                .initializationTimeout(Duration.ofSeconds(30))
                .build()) {
            client.initialize();

            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("echo");
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("echo",
                    Map.of("message", "hello from agent4j")));
            assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(result.content()).first().isInstanceOfSatisfying(McpSchema.TextContent.class,
                    text -> assertThat(text.text()).contains("hello from agent4j"));
        }
    }
}
