package io.agent4j.mcp.server;

import io.agent4j.mcp.internal.McpJson;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * An {@link McpToolServer} serving the Streamable HTTP transport at {@link #url()}, started by
 * {@link McpToolServer#startHttp}. Closing it stops the calls still running and frees the port.
 */
public final class McpHttpServer implements AutoCloseable {

    private static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");

    private final ServedTools tools;
    private final McpSyncServer server;
    private final TomcatContainer container;
    private final URI url;
    private final CountDownLatch closed = new CountDownLatch(1);

    private McpHttpServer(ServedTools tools, McpSyncServer server, TomcatContainer container, URI url) {
        this.tools = tools;
        this.server = server;
        this.container = container;
        this.url = url;
    }

    static McpHttpServer start(McpToolServer config, InetSocketAddress requested) {
        InetSocketAddress address = requested.isUnresolved()
                ? new InetSocketAddress(requested.getHostString(), requested.getPort()) : requested;
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("Cannot serve MCP on " + requested.getHostString()
                    + ": the host name does not resolve.");
        }
        boolean loopback = address.getAddress().isLoopbackAddress();
        if (!loopback && !config.allowRemote()) {
            throw new IllegalArgumentException("Cannot serve MCP on " + address.getAddress().getHostAddress()
                    + ": it is not a loopback address, so other machines could call the tools. Serve on 127.0.0.1, "
                    + "or allow it with McpToolServer.builder().allowRemote(true) and a bearerToken(...).");
        }
        if (!loopback && config.bearerToken() == null) {
            throw new IllegalArgumentException("Cannot serve MCP on " + address.getAddress().getHostAddress()
                    + " without a bearer token: a server that other machines can reach must check one on every "
                    + "request. Set McpToolServer.builder().bearerToken(...).");
        }
        ServedTools tools = config.servedTools();
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpJson.sdkMapper())
                .mcpEndpoint("/mcp")
                .httpHeaderValidator(validator(loopback, config.allowedOrigins()))
                .build();
        McpSyncServer server = config.configure(McpServer.sync(transport), tools);
        TomcatContainer container;
        try {
            container = TomcatContainer.start(address, transport,
                    config.bearerToken() == null ? null : new BearerTokenFilter(config.bearerToken()));
        } catch (RuntimeException e) {
            server.close();
            tools.close();
            throw e;
        }
        return new McpHttpServer(tools, server, container, URI.create("http://" + host(address.getAddress()) + ":"
                + container.port() + "/mcp"));
    }

    /**
     * Refuses requests from web pages of other origins, and, on a loopback address, requests whose
     * {@code Host} is not this machine (DNS rebinding: a page of evil.example whose name resolves
     * to 127.0.0.1).
     */
    private static DefaultServerTransportSecurityValidator validator(boolean loopback, List<String> origins) {
        List<String> allowedOrigins = new ArrayList<>(origins);
        DefaultServerTransportSecurityValidator.Builder validator = DefaultServerTransportSecurityValidator.builder();
        if (loopback) {
            for (String host : LOOPBACK_HOSTS) {
                validator.allowedHost(host + ":*");
                allowedOrigins.add("http://" + host + ":*");
            }
        }
        return validator.allowedOrigins(allowedOrigins).build();
    }

    private static String host(InetAddress address) {
        String text = address.getHostAddress();
        return text.contains(":") ? "[" + text.replaceFirst("%.*$", "") + "]" : text;
    }

    /** The port the server listens on, the one chosen when port 0 was asked for. */
    public int port() {
        return container.port();
    }

    /** The URL MCP clients connect to: {@code http://HOST:PORT/mcp}. */
    public URI url() {
        return url;
    }

    /** Blocks until the server is closed (by {@link #close()} on another thread, or a shutdown hook). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops the server: the calls still running are stopped and the port is freed. Idempotent. */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        try {
            tools.close();
            server.close();
            container.close();
        } finally {
            closed.countDown();
        }
    }

    @Override
    public String toString() {
        return "McpHttpServer[" + url + "]";
    }
}
