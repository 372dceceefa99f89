package io.agent4j.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.Agent;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.tool.Tool;
import io.agent4j.tool.Toolbox;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the builder refuses, each with a message that names the setting. */
class McpToolServerBuilderTest {

    /** A tool whose name an agent's tool could take. */
    public static final class AskTools {
        @Tool("Asks nobody")
        public String ask_geo() {
            return "nobody";
        }
    }

    private static Agent agent() {
        return Agent.builder().model(OpenAiChatModel.builder().apiKey("sk-test").baseUrl("http://127.0.0.1:9/v1")
                .build()).build();
    }

    @Test
    void aServerWithNothingToServeIsRefused() {
        assertThatThrownBy(() -> McpToolServer.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no tools to serve");
    }

    @Test
    void anAgentWhoseToolNameIsTakenIsRefused() {
        McpToolServer.Builder builder = McpToolServer.builder().tools(Toolbox.of(new AskTools())).agent("geo", agent());

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ask_geo' is used twice");
    }

    @Test
    void anAgentNameThatMakesNoToolNameIsRefusedWhenTheServerIsBuilt() {
        McpToolServer.Builder builder = McpToolServer.builder().agent("the geo agent", agent());

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must match");
    }

    @Test
    void anOriginWithAPathOrANegativeTimeoutIsRefusedAndAZeroTimeoutIsNoLimit() {
        McpToolServer.Builder origin = McpToolServer.builder().tools(Toolbox.of(new SampleTools()))
                .allowedOrigins("https://app.example.com/page");
        McpToolServer.Builder negative = McpToolServer.builder().tools(Toolbox.of(new SampleTools()))
                .toolTimeout(Duration.ofSeconds(-1));

        assertThatThrownBy(origin::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no path");
        assertThatThrownBy(negative::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("toolTimeout must be 0 (no limit) or positive");
        assertThat(McpToolServer.builder().tools(Toolbox.of(new SampleTools())).toolTimeout(Duration.ZERO).build()
                .servedTools().longestTimeout()).isGreaterThan(Duration.ofDays(300));
    }

    @Test
    void theAgentsToolFollowsTheToolboxsToolsAndNoSecretIsShown() {
        McpToolServer server = McpToolServer.builder().tools(Toolbox.of(new SampleTools())).agent("geo", agent())
                .bearerToken("0123456789abcdef-secret").build();

        assertThat(server.toolNames()).endsWith("ask_geo").contains("add", "point");
        assertThat(server.toString()).contains("bearer token set").doesNotContain("secret");
    }
}
