package io.agent4j.mcp.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.mcp.McpException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The headers given to an HTTP server's McpTools go with its requests, and never into a message. */
class HttpHeadersTest {

    @RegisterExtension
    static WireMockExtension server = ScriptedModel.extension();

    @Test
    void theGivenHeadersAreSentAndARefusalSaysWhatWithoutThem() {
        server.stubFor(post(urlEqualTo("/mcp")).willReturn(aResponse().withStatus(401)));
        URI url = URI.create("http://127.0.0.1:" + server.getPort() + "/mcp");

        try (McpTools tools = McpTools.builder().http(url).header("Authorization", "Bearer secret-token-1234")
                .initializationTimeout(Duration.ofSeconds(10)).build()) {
            assertThatThrownBy(tools::tools).isInstanceOf(McpException.class)
                    .hasMessageContaining("could not be initialized over Streamable HTTP")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-token-1234"));
        }

        server.verify(postRequestedFor(urlEqualTo("/mcp")).withHeader("Authorization",
                equalTo("Bearer secret-token-1234")));
    }
}
