package io.agent4j.mcp.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.openai.OpenAiChatModel;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An agent served as the one tool {@code ask_<name>}, its model a scripted server on loopback. */
class AgentToolTest {

    @RegisterExtension
    static WireMockExtension model = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static Agent agent() {
        return Agent.builder().instructions("You know the capitals of countries.")
                .model(OpenAiChatModel.builder().apiKey("sk-test").baseUrl("http://127.0.0.1:" + model.getPort() + "/v1")
                        .streaming(false).maxRetries(0).build())
                .build();
    }

    private static McpToolServer server() {
        return McpToolServer.builder().agent("geo", "the capitals of countries", agent()).build();
    }

    @Test
    void anAgentIsOneToolThatTakesAPromptAndAnswersWithTheAgentsAnswer() {
        model.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"c1\",\"object\":\"chat.completion\","
                        + "\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"Paris.\"}}],"
                        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}")));
        try (McpHttpServer http = server().startHttp(new InetSocketAddress("127.0.0.1", 0));
                McpSyncClient client = McpClients.http(http.url())) {
            List<McpSchema.Tool> tools = client.listTools().tools();
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("ask_geo",
                    Map.of("prompt", "What is the capital of France?")));

            assertThat(tools).singleElement().satisfies(tool -> {
                assertThat(tool.name()).isEqualTo("ask_geo");
                assertThat(tool.description()).isEqualTo("Asks the geo agent and returns its answer: the capitals "
                        + "of countries");
                assertThat(tool.inputSchema()).containsEntry("required", List.of("prompt"));
            });
            assertThat(result.isError()).isFalse();
            assertThat(McpToolServerTest.text(result)).isEqualTo("Paris.");
            model.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                    .withRequestBody(containing("What is the capital of France?")));
        }
    }

    @Test
    void aCallWithoutAPromptIsAnErrorResultThatSaysWhatIsMissing() {
        try (McpHttpServer http = server().startHttp(new InetSocketAddress("127.0.0.1", 0));
                McpSyncClient client = McpClients.http(http.url())) {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("ask_geo",
                    Map.of("question", "France?")));

            assertThat(result.isError()).isTrue();
            assertThat(McpToolServerTest.text(result)).isEqualTo("Error: the call to tool 'ask_geo' was not run: "
                    + "missing required argument 'prompt' (String); unknown argument 'question'. The parameters are "
                    + "[prompt].");
        }
    }

    @Test
    void aFailureOfTheAgentsModelIsAnErrorResultThatSaysWhy() {
        model.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")));
        try (McpHttpServer http = server().startHttp(new InetSocketAddress("127.0.0.1", 0));
                McpSyncClient client = McpClients.http(http.url())) {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("ask_geo",
                    Map.of("prompt", "France?")));

            assertThat(result.isError()).isTrue();
            assertThat(McpToolServerTest.text(result)).startsWith("Error: tool 'ask_geo' failed: ServerException: ")
                    .contains("503");
        }
    }
}
