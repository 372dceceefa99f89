package io.agent4j.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.tool.Toolbox;
import io.modelcontextprotocol.client.McpSyncClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * What the HTTP server refuses, each on its own: a bind beyond loopback that was not allowed, or
 * has no token; a request without the token or with a wrong one, on any path and method; a
 * {@code Host} or {@code Origin} of another site (DNS rebinding). Real requests on loopback.
 */
class HttpSecurityTest {

    private static final String TOKEN = "s3cr3t-t0ken-0123456789abcdef";
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
    private static final OkHttpClient HTTP = new OkHttpClient();

    private static McpToolServer.Builder server() {
        return McpToolServer.builder().tools(Toolbox.of(new SampleTools()));
    }

    @Test
    void anAddressBeyondLoopbackIsRefusedUnlessRemoteIsAllowed() {
        McpToolServer server = server().bearerToken(TOKEN).build();

        assertThatThrownBy(() -> server.startHttp(new InetSocketAddress("0.0.0.0", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a loopback address").hasMessageContaining("allowRemote(true)");
    }

    @Test
    void anAddressBeyondLoopbackNeedsABearerTokenEvenWhenAllowed() {
        McpToolServer server = server().allowRemote(true).build();

        assertThatThrownBy(() -> server.startHttp(new InetSocketAddress("0.0.0.0", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a bearer token").hasMessageContaining("bearerToken(");
    }

    @Test
    void aShortTokenIsRefusedByTheBuilder() {
        assertThatThrownBy(() -> server().bearerToken("1234").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16 characters");
    }

    @Test
    void aRequestWithoutTheTokenIsRefused() throws IOException {
        try (McpHttpServer http = server().bearerToken(TOKEN).build().startHttp(loopback())) {
            try (Response response = post(http.url(), null, null, null)) {
                assertThat(response.code()).isEqualTo(401);
                assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            }
        }
    }

    @Test
    void aRequestWithAWrongTokenIsRefused() throws IOException {
        try (McpHttpServer http = server().bearerToken(TOKEN).build().startHttp(loopback())) {
            String sameLength = "x" + TOKEN.substring(1);
            for (String wrong : new String[] {sameLength, TOKEN.substring(0, TOKEN.length() - 1), TOKEN + "x", ""}) {
                try (Response response = post(http.url(), "Bearer " + wrong, null, null)) {
                    assertThat(response.code()).as("token '%s'", wrong).isEqualTo(401);
                }
            }
            try (Response response = post(http.url(), "Basic " + TOKEN, null, null)) {
                assertThat(response.code()).as("not a bearer token").isEqualTo(401);
            }
        }
    }

    @Test
    void theTokenIsCheckedOnEveryPathAndMethod() throws IOException {
        try (McpHttpServer http = server().bearerToken(TOKEN).build().startHttp(loopback())) {
            URI other = http.url().resolve("/elsewhere");
            for (Request request : new Request[] {
                new Request.Builder().url(http.url().toString()).get().header("Accept", "text/event-stream").build(),
                new Request.Builder().url(http.url().toString()).delete().build(),
                new Request.Builder().url(other.toString()).get().build()}) {
                try (Response response = HTTP.newCall(request).execute()) {
                    assertThat(response.code()).as(request.method() + " " + request.url()).isEqualTo(401);
                }
            }
        }
    }

    @Test
    void aRequestWithTheTokenIsServed() throws IOException {
        try (McpHttpServer http = server().bearerToken(TOKEN).build().startHttp(loopback())) {
            try (Response response = post(http.url(), "Bearer " + TOKEN, null, null)) {
                assertThat(response.code()).isEqualTo(200);
            }
            try (McpSyncClient client = McpClients.http(http.url(), TOKEN)) {
                assertThat(client.listTools().tools()).isNotEmpty();
            }
        }
    }

    @Test
    void aHostOfAnotherSiteIsRefused() throws IOException {
        try (McpHttpServer http = server().build().startHttp(loopback())) {
            try (Response response = post(http.url(), null, "evil.example.com", null)) {
                assertThat(response.code()).isBetween(400, 499);
            }
            try (Response response = post(http.url(), null, "evil.example.com:" + http.port(), null)) {
                assertThat(response.code()).isBetween(400, 499);
            }
        }
    }

    @Test
    void anOriginOfAnotherSiteIsRefused() throws IOException {
        try (McpHttpServer http = server().build().startHttp(loopback())) {
            try (Response response = post(http.url(), null, null, "http://evil.example.com")) {
                assertThat(response.code()).isEqualTo(403);
            }
        }
    }

    @Test
    void aPageOfThisMachineOrAnAllowedOriginIsServed() throws IOException {
        try (McpHttpServer http = server().allowedOrigins("https://app.example.com").build().startHttp(loopback())) {
            for (String origin : new String[] {"http://localhost:5173", "http://127.0.0.1:6274",
                "https://app.example.com"}) {
                try (Response response = post(http.url(), null, "localhost:" + http.port(), origin)) {
                    assertThat(response.code()).as(origin).isEqualTo(200);
                }
            }
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    /** An {@code initialize} request with these headers (each left out when null). */
    private static Response post(URI url, String authorization, String host, String origin) throws IOException {
        Request.Builder request = new Request.Builder().url(url.toString())
                .post(RequestBody.create(INITIALIZE, MediaType.get("application/json")))
                .header("Accept", "application/json, text/event-stream");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (host != null) {
            request.header("Host", host);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.newCall(request.build()).execute();
    }
}
