package io.agent4j.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.mcp.testing.NodePackages;
import io.agent4j.mcp.testing.TestServers;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.Toolbox;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools of the reference server {@code @modelcontextprotocol/server-everything}, started over
 * stdio: listed with their own descriptions and schemas, and called with every kind of content it
 * answers (text, structured content, an image, resource links, an embedded resource, isError).
 */
@NodePackages.Needed
class EverythingOverStdioTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static McpTools everything;

    @BeforeAll
    static void start() {
        everything = McpTools.builder().stdio(TestServers.everything()).build();
    }

    @AfterAll
    static void stop() {
        if (everything != null) {
            everything.close();
        }
    }

    private static ToolDefinition definition(String name) {
        return everything.tools().definitions().stream().filter(tool -> tool.name().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void everyToolIsListedWithTheServersDescriptionAndSchemaNotStrict() {
        Toolbox tools = everything.tools();

        assertThat(tools.names()).contains("echo", "get-sum", "get-tiny-image", "get-structured-content",
                "trigger-long-running-operation");
        ToolDefinition echo = definition("echo");
        assertThat(echo.description()).isEqualTo("Echoes back the input string");
        assertThat(echo.parameters()).isEqualTo(JSON.readTree("""
                {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                 "properties": {"message": {"type": "string", "description": "Message to echo"}},
                 "required": ["message"]}
                """));
        assertThat(echo.strict()).as("an open object is no strict schema").isFalse();
        assertThat(everything.name()).isEqualTo("everything");
    }

    @Test
    void theSameToolboxIsGivenWhileNothingChanged() {
        assertThat(everything.tools()).isSameAs(everything.tools());
    }

    @Test
    void aCallsTextIsTheResult() {
        ToolResult result = everything.tools().call("echo", "{\"message\": \"hello from agent4j\"}");

        assertThat(result.failed()).isFalse();
        assertThat(result.content()).isEqualTo("Echo: hello from agent4j");
    }

    @Test
    void argumentsThatBreakTheServersSchemaAreRefusedBeforeTheyAreSent() {
        ToolResult result = everything.tools().call("get-sum", "{\"a\": \"one\", \"b\": 2}");

        assertThat(result.failed()).isTrue();
        assertThat(result.content()).startsWith("Error: the call to tool 'get-sum' was not run: the arguments do not "
                + "match the tool's schema: $.a: string found, number expected");
    }

    @Test
    void structuredContentIsReadAsJson() {
        ToolResult result = everything.tools().call("get-structured-content", "{\"location\": \"Chicago\"}");

        assertThat(result.failed()).isFalse();
        JsonNode weather = JSON.readTree(result.content());
        assertThat(weather.has("temperature")).isTrue();
        assertThat(weather.path("conditions").isString()).isTrue();
    }

    @Test
    void anImageFollowsAsAnImagePart() {
        ToolResult result = everything.tools().call("get-tiny-image", "{}");

        assertThat(result.failed()).isFalse();
        assertThat(result.images()).singleElement().satisfies(url -> {
            assertThat(url).startsWith("data:image/png;base64,");
            byte[] png = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        });
        assertThat(result.content()).isNotBlank();
    }

    @Test
    void resourceLinksAndAnEmbeddedResourceAreShortNotes() {
        ToolResult links = everything.tools().call("get-resource-links", "{\"count\": 2}");
        ToolResult embedded = everything.tools().call("get-resource-reference",
                "{\"resourceType\": \"Text\", \"resourceId\": 1}");

        assertThat(links.content()).contains("[a link to the resource ");
        assertThat(embedded.failed()).isFalse();
        assertThat(embedded.content()).contains("[the resource ").contains("text/plain");
    }

    @Test
    void theServerHasTheGivenEnvironmentAndNotTheKeyOfThisProcess() {
        assertThat(System.getenv("OPENAI_API_KEY")).as("set by the build for this test").isNotBlank();
        try (McpTools withSetting = McpTools.builder().stdio(TestServers.everything())
                .environment("AGENT4J_TEST_SETTING", "forty-two").build()) {
            String environment = withSetting.tools().call("get-env", "{}").content();

            assertThat(environment).contains("\"AGENT4J_TEST_SETTING\": \"forty-two\"").contains("\"PATH\"")
                    .doesNotContain("OPENAI_API_KEY").doesNotContain(System.getenv("OPENAI_API_KEY"));
        }
    }

    @Test
    void anIsErrorResultIsAFailedCallWithTheServersText() {
        // the server lists this tool but runs it only as an MCP task, and says so as isError
        ToolResult result = everything.tools().call("simulate-research-query", "{\"topic\": \"tides\"}");

        assertThat(result.failed()).isTrue();
        assertThat(result.content()).startsWith("Error: tool 'simulate-research-query' failed: ")
                .contains("requires task augmentation");
    }
}
