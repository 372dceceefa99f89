package io.agent4j.mcp.client;

import io.agent4j.Agent4j;
import io.agent4j.mcp.McpException;
import io.agent4j.mcp.internal.McpJson;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One initialized connection to an MCP server, on the SDK's asynchronous client: a started process
 * or an HTTP session. Every exchange waits for its answer within a timeout, and fails at once when
 * the process ends; a session whose process ended or whose connection failed is no longer
 * {@link #alive()}, and is replaced by a new one. Thread-safe.
 */
final class Session implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final McpJsonMapper JSON = McpJson.sdkMapper();
    /** The most pages of {@code tools/list} read, against a server whose cursors never end. */
    private static final int MAX_PAGES = 100;
    private static final Pattern STATUS = Pattern.compile("[Ss]tatus code:?\\s*(\\d{3})");

    private final McpAsyncClient client;
    private final ListChangeWatch watch;
    private final ProcessTransport process;
    private final ServerLog stderr;
    private final String transport;
    private final McpSchema.InitializeResult initialized;
    private final String givenName;
    private volatile String broken;

    private Session(McpAsyncClient client, ListChangeWatch watch, ProcessTransport process, ServerLog stderr,
            String transport, McpSchema.InitializeResult initialized, String givenName) {
        this.client = client;
        this.watch = watch;
        this.process = process;
        this.stderr = stderr;
        this.transport = transport;
        this.initialized = initialized;
        this.givenName = givenName;
    }

    /**
     * Starts the server or connects to it, and completes MCP's initialization.
     *
     * @param name the name messages give the server, or null for the one it gives itself
     * @throws McpException when the program cannot start, ends, or does not complete the
     *     initialization within {@code timeout}, or the address does not answer as an MCP server
     */
    static Session open(Endpoint endpoint, String name, Duration timeout) {
        if (endpoint instanceof Endpoint.Stdio stdio) {
            ServerLog stderr = new ServerLog(stdio.label());
            ProcessTransport process = new ProcessTransport(stdio.command(), stdio.environment(), stdio.directory(),
                    JSON, stderr);
            return initialize(endpoint, process, process, stderr, "stdio", name, timeout);
        }
        Endpoint.Http http = (Endpoint.Http) endpoint;
        try {
            return initialize(endpoint, streamable(http), null, null, "Streamable HTTP", name, timeout);
        } catch (McpException e) {
            int status = httpStatus(e);
            if (status != 400 && status != 404 && status != 405) {
                throw e;
            }
            log.debug("{} does not take Streamable HTTP (HTTP {}); trying HTTP with SSE", http.describe(), status);
            String sseRefusal = sseRefusal(http, timeout);
            if (sseRefusal != null) {
                throw new McpException("The MCP server " + http.describe() + " answered neither Streamable HTTP (HTTP "
                        + status + ") nor HTTP with SSE (" + sseRefusal + "). Check the URL: it is the server's MCP "
                        + "endpoint, such as http://127.0.0.1:3001/mcp.", e);
            }
            try {
                return initialize(endpoint, sse(http), null, null, "HTTP with SSE", name, timeout);
            } catch (McpException sse) {
                sse.addSuppressed(e);
                throw new McpException("The MCP server " + http.describe() + " answered neither Streamable HTTP (HTTP "
                        + status + ") nor HTTP with SSE (" + sse.getMessage() + "). Check the URL: it is the server's "
                        + "MCP endpoint, such as http://127.0.0.1:3001/mcp.", sse);
            }
        }
    }

    /**
     * Why the URL is no SSE endpoint, from the answer to a GET for an event stream (which the SDK's
     * SSE transport would wait on until its timeout), or null when it is one.
     */
    private static String sseRefusal(Endpoint.Http http, Duration timeout) {
        HttpRequest.Builder request = withHeaders(http.headers()).uri(http.url()).header("Accept", "text/event-stream")
                .timeout(timeout).GET();
        try {
            HttpResponse<InputStream> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() != 200) {
                return "HTTP " + response.statusCode();
            }
            return type.startsWith("text/event-stream") ? null : "HTTP 200 with " + type + ", no event stream";
        } catch (IOException e) {
            return describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static HttpClientStreamableHttpTransport streamable(Endpoint.Http http) {
        return HttpClientStreamableHttpTransport.builder(http.url().toString()).endpoint(http.url().toString())
                .jsonMapper(JSON).requestBuilder(withHeaders(http.headers())).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static HttpClientSseClientTransport sse(Endpoint.Http http) {
        return HttpClientSseClientTransport.builder(http.url().toString()).sseEndpoint(http.url().toString())
                .jsonMapper(JSON).requestBuilder(withHeaders(http.headers())).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static HttpRequest.Builder withHeaders(Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        headers.forEach(request::header);
        return request;
    }

    private static Session initialize(Endpoint endpoint, McpClientTransport transport, ProcessTransport process,
            ServerLog stderr, String kind, String name, Duration timeout) {
        ListChangeWatch watch = new ListChangeWatch(transport);
        McpAsyncClient client = McpClient.async(watch)
                .clientInfo(new McpSchema.Implementation("agent4j", Agent4j.VERSION))
                .capabilities(McpSchema.ClientCapabilities.builder().build())
                // ours below fires first and says more; the SDK's only ends a wait that nothing else ends
                .initializationTimeout(timeout.plusSeconds(5))
                // each exchange has its own deadline here; the SDK's only frees what a server never answers
                .requestTimeout(Duration.ofMinutes(30))
                .build();
        CompletableFuture<Integer> exit = process == null ? new CompletableFuture<>() : process.exit();
        try {
            McpSchema.InitializeResult result = await(client.initialize().toFuture(), exit, timeout);
            Session session = new Session(client, watch, process, stderr, kind, result, name);
            log.debug("Connected to the MCP server {} ({}) over {}: {} {}", endpoint.label(), endpoint.describe(), kind,
                    result.serverInfo().name(), result.serverInfo().version());
            return session;
        } catch (Ended e) {
            close(client, process);
            throw new McpException("The MCP server " + endpoint.describe() + " exited with code " + e.code
                    + " before it was initialized" + lastLines(stderr, process) + ".");
        } catch (TimeoutException e) {
            close(client, process);
            throw new McpException("The MCP server " + endpoint.describe() + " did not complete MCP's initialization "
                    + "within " + seconds(timeout) + lastLines(stderr, process) + ". Check that it is an MCP server over "
                    + kind
                    + ", or allow it longer with initializationTimeout.");
        } catch (InterruptedException e) {
            close(client, process);
            Thread.currentThread().interrupt();
            throw new McpException("Interrupted while starting the MCP server " + endpoint.describe() + ".", e);
        } catch (ExecutionException e) {
            close(client, process);
            Throwable cause = root(e);
            if (cause instanceof McpException started) {
                throw started;
            }
            Integer code = process == null ? null : process.exitCode();
            if (code != null) {
                throw new McpException("The MCP server " + endpoint.describe() + " exited with code " + code
                        + " before it was initialized" + lastLines(stderr, process) + ".");
            }
            throw new McpException("The MCP server " + endpoint.describe() + " could not be initialized over " + kind
                    + ": " + describe(e.getCause()) + lastLines(stderr, process) + ".", e.getCause());
        }
    }

    /** The server's name for messages: the one given to McpTools, else the one it gives itself. */
    String name() {
        return givenName != null ? givenName : serverInfo().name();
    }

    /** The server's own name and version, as it told them. */
    McpSchema.Implementation serverInfo() {
        return initialized.serverInfo();
    }

    /** Whether the server announced that its tools may change ({@code tools.listChanged}). */
    boolean announcesListChanges() {
        McpSchema.ServerCapabilities.ToolCapabilities tools = initialized.capabilities() == null ? null
                : initialized.capabilities().tools();
        return tools != null && Boolean.TRUE.equals(tools.listChanged());
    }

    /** How many times the server has said its tools changed. */
    long listChanges() {
        return watch.changes();
    }

    /** Whether this session can still be used: its process runs and no exchange broke its connection. */
    boolean alive() {
        return broken == null && (process == null || process.running());
    }

    /** Why the session ended, for messages: {@code exited with code 1} or what broke the connection. */
    String endReason() {
        Integer code = process == null ? null : process.exitCode();
        if (code != null) {
            return "exited with code " + code;
        }
        return broken == null ? "is running" : broken;
    }

    /** The last lines of the server's stderr, for messages; empty for an HTTP server. */
    String lastLines() {
        return lastLines(stderr, process);
    }

    /** The process's id, or -1 for an HTTP server. */
    long pid() {
        return process == null ? -1 : process.pid();
    }

    /** The transport, for messages: {@code stdio}, {@code Streamable HTTP} or {@code HTTP with SSE}. */
    String transport() {
        return transport;
    }

    /**
     * Every tool of the server, all pages of {@code tools/list}.
     *
     * @throws McpException when the server answers with an error, ends, or does not answer in time
     */
    List<McpSchema.Tool> listTools(Duration timeout) throws InterruptedException {
        if (initialized.capabilities() == null || initialized.capabilities().tools() == null) {
            log.warn("The MCP server {} offers no tools (its capabilities have no 'tools')", name());
            return List.of();
        }
        List<McpSchema.Tool> tools = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            McpSchema.ListToolsResult result = exchange("tools/list", client.listTools(cursor).toFuture(), timeout);
            if (result.tools() != null) {
                tools.addAll(result.tools());
            }
            cursor = result.nextCursor();
            if (cursor == null || cursor.isEmpty()) {
                return tools;
            }
            if (!cursors.add(cursor)) {
                log.warn("The MCP server {} gave the cursor '{}' of tools/list twice; its list ends there",
                        name(), cursor);
                return tools;
            }
        }
        log.warn("The MCP server {} has more than {} pages of tools; only those are used", name(),
                MAX_PAGES);
        return tools;
    }

    /**
     * Calls a tool and waits for its result.
     *
     * @throws McpException when the server answers with a protocol error, ends during the call, the
     *     connection fails, or no answer comes within {@code timeout}
     * @throws InterruptedException when the waiting thread is interrupted (the call is then abandoned)
     */
    McpSchema.CallToolResult call(String tool, Map<String, Object> arguments, Duration timeout)
            throws InterruptedException {
        return exchange("tools/call", client.callTool(new McpSchema.CallToolRequest(tool, arguments)).toFuture(),
                timeout);
    }

    private <T> T exchange(String method, CompletableFuture<T> answer, Duration timeout) throws InterruptedException {
        String server = "The MCP server '" + name() + "'";
        CompletableFuture<Integer> exit = process == null ? new CompletableFuture<>() : process.exit();
        try {
            return await(answer, exit, timeout);
        } catch (Ended e) {
            throw new McpException(server + " exited with code " + e.code + " during " + method + lastLines()
                    + "; it is started again for the next call.");
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new McpException(server + " did not answer " + method + " within " + seconds(timeout) + ".");
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = root(e);
            if (cause instanceof McpError error && error.getJsonRpcError() != null) {
                McpSchema.JSONRPCResponse.JSONRPCError rpc = error.getJsonRpcError();
                throw new McpException(server + " answered " + method + " with error " + rpc.code() + ": "
                        + rpc.message() + (rpc.data() == null ? "" : " (" + rpc.data() + ")"));
            }
            if (!alive()) {
                throw new McpException(server + " " + endReason() + " during " + method + lastLines()
                        + "; it is started again for the next call.");
            }
            broken = describe(e.getCause());
            throw new McpException(server + " could not be reached for " + method + " over " + transport + ": "
                    + broken + "; the connection is made again for the next call.", e.getCause());
        }
    }

    /** The answer, or {@link Ended} as soon as the process ends without it. */
    private static <T> T await(CompletableFuture<T> answer, CompletableFuture<Integer> exit, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException, Ended {
        try {
            CompletableFuture.anyOf(answer, exit).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            // the answer failed, or the process could not start: told below
        }
        if (answer.isDone()) {
            return answer.get();
        }
        answer.cancel(true);
        throw new Ended(exit.get());
    }

    /** The process ended before the answer came. */
    private static final class Ended extends Exception {

        final int code;

        Ended(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    private static String lastLines(ServerLog stderr, ProcessTransport process) {
        if (stderr == null) {
            return "";
        }
        List<String> lines = stderr.lastLines(process != null && process.exitCode() != null);
        return lines.isEmpty() ? "" : "; its last lines on stderr: " + String.join(" | ", lines);
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static Throwable root(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof McpError)
                && !(cause instanceof McpException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A failure in one line: each distinct message of its chain. */
    private static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (parts.stream().noneMatch(part -> part.contains(message))) {
                parts.add(message);
            }
        }
        return String.join(": ", parts);
    }

    /** The HTTP status an initialization failed with, or -1. */
    private static int httpStatus(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            Matcher status = cause.getMessage() == null ? null : STATUS.matcher(cause.getMessage());
            if (status != null && status.find()) {
                return Integer.parseInt(status.group(1));
            }
        }
        return -1;
    }

    /** Ends the session: the HTTP session deleted, or the process stopped (input closed, SIGTERM, SIGKILL). */
    @Override
    public void close() {
        close(client, process);
    }

    private static void close(McpAsyncClient client, ProcessTransport process) {
        try {
            client.closeGracefully().toFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("Closing an MCP session failed", e);
        } finally {
            if (process != null) {
                process.stop();
            }
        }
    }
}
