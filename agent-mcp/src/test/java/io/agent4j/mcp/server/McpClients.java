package io.agent4j.mcp.server;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.net.URI;
import java.time.Duration;

/** The official SDK's client, as the tests connect it to a server. */
final class McpClients {

    private McpClients() {
    }

    /** A client of the Streamable HTTP server at {@code url}, initialized. */
    static McpSyncClient http(URI url) {
        return http(url, null);
    }

    /** A client of the server at {@code url} that sends {@code Authorization: Bearer token} (when not null). */
    static McpSyncClient http(URI url, String token) {
        HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport
                .builder(url.getScheme() + "://" + url.getAuthority()).endpoint(url.getPath())
                .jsonMapper(McpJsonDefaults.getMapper());
        if (token != null) {
            transport.httpRequestCustomizer((request, method, endpoint, body, context) ->
                    request.header("Authorization", "Bearer " + token));
        }
        McpSyncClient client = McpClient.sync(transport.build()).requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }
}
