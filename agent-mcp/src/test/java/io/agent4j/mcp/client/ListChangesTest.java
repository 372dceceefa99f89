package io.agent4j.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.mcp.testing.TestServers;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.Toolbox;
import org.junit.jupiter.api.Test;

/**
 * What the reference servers cannot be made to do at will, against a server on the official
 * TypeScript SDK ({@code agent4j-test-server.mjs}): a tool added while it runs, announced with
 * {@code notifications/tools/list_changed}, over stdio and Streamable HTTP; a list in pages; a
 * protocol error; structured content without text.
 */
class ListChangesTest {

    private static void aToolAddedByACallIsListedAtTheNextAsk(McpTools changing) {
        Toolbox before = changing.tools();
        assertThat(before.names()).containsExactly("echo", "add_tool", "measure");

        ToolResult added = before.call("add_tool", "{\"name\": \"fresh\"}");

        assertThat(added.content()).isEqualTo("added fresh");
        Toolbox after = changing.tools();
        assertThat(after).isNotSameAs(before);
        assertThat(after.names()).containsExactly("echo", "add_tool", "measure", "fresh");
        assertThat(after.call("fresh", "{}").content()).isEqualTo("fresh ran");
    }

    @Test
    void aToolAddedWhileTheServerRunsIsOfferedAfterItsAnnouncementOverStdio() {
        try (McpTools changing = McpTools.builder().stdio(TestServers.ours("changing")).build()) {
            aToolAddedByACallIsListedAtTheNextAsk(changing);
        }
    }

    @Test
    void aToolAddedWhileTheServerRunsIsOfferedAfterItsAnnouncementOverHttp() {
        try (TestServers.Running server = TestServers.oursHttp("changing");
                McpTools changing = McpTools.http(server.url())) {
            aToolAddedByACallIsListedAtTheNextAsk(changing);
        }
    }

    @Test
    void everyPageOfTheListIsRead() {
        try (McpTools paged = McpTools.builder().stdio(TestServers.ours("paged")).build()) {
            assertThat(paged.tools().names()).containsExactly("page_tool_1", "page_tool_2", "page_tool_3",
                    "page_tool_4", "page_tool_5", "broken");
            assertThat(paged.tools().call("page_tool_5", "{}").content()).isEqualTo("page_tool_5 ran");
        }
    }

    @Test
    void aProtocolErrorIsAFailedCallThatSaysWhatTheServerAnswered() {
        try (McpTools paged = McpTools.builder().stdio(TestServers.ours("paged")).build()) {
            ToolResult result = paged.tools().call("broken", "{}");

            assertThat(result.failed()).isTrue();
            assertThat(result.content()).isEqualTo("Error: tool 'broken' failed: McpException: The MCP server "
                    + "'agent4j-test-paged' answered tools/call with error -32603: MCP error -32603: broken on purpose");
            assertThat(paged.tools().call("page_tool_1", "{}").content()).as("the session goes on")
                    .isEqualTo("page_tool_1 ran");
        }
    }

    @Test
    void structuredContentWithoutTextIsTheResultAsJson() {
        try (McpTools changing = McpTools.builder().stdio(TestServers.ours("changing")).build()) {
            ToolResult result = changing.tools().call("measure", "{}");

            assertThat(result.failed()).isFalse();
            assertThat(result.content()).isEqualTo("{\"temperature\":21.5,\"unit\":\"celsius\"}");
        }
    }
}
