package io.agent4j.mcp.server;

import io.agent4j.mcp.internal.McpContents;
import io.agent4j.mcp.internal.McpJson;
import io.agent4j.tool.ToolContext;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.ToolResult;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tools of one running server and the calls it runs: each on the server's own threads within
 * its timeout, as an agent runs them, answered with the text the model would read.
 */
final class ServedTools implements AutoCloseable {

    /** The most tool calls that run at once; a call past it is answered as refused. */
    static final int MAX_RUNNING_CALLS = 64;

    /** Runs one call of a tool. */
    interface Handler {
        ToolResult call(String arguments, ToolContext context, McpCall call);
    }

    /**
     * A tool as served.
     *
     * @param definition its name, description and input schema
     * @param handler what runs a call
     * @param timeout how long a call may run before it is abandoned
     * @param inline whether it runs on the thread that received the call, with no timeout
     */
    record Served(ToolDefinition definition, Handler handler, Duration timeout, boolean inline) {
    }

    private static final AtomicLong THREADS = new AtomicLong();

    private final List<Served> tools;
    private final ThreadPoolExecutor executor;
    private final Set<McpCall> running = ConcurrentHashMap.newKeySet();
    private final AtomicLong calls = new AtomicLong();

    ServedTools(List<Served> tools) {
        this.tools = List.copyOf(tools);
        this.executor = new ThreadPoolExecutor(0, MAX_RUNNING_CALLS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                work -> {
                    Thread thread = new Thread(work, "agent4j-mcp-tool-" + THREADS.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** The longest any call may run. */
    Duration longestTimeout() {
        return tools.stream().map(Served::timeout).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** The SDK's specification of each tool, whose call handler runs it here. */
    List<McpServerFeatures.SyncToolSpecification> specifications() {
        return tools.stream().map(tool -> McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name(tool.definition().name())
                        .description(tool.definition().description())
                        .inputSchema(McpJson.inputSchema(tool.definition().parameters())).build())
                .callHandler((exchange, request) -> call(tool, exchange, request))
                .build()).toList();
    }

    private McpSchema.CallToolResult call(Served tool, McpSyncServerExchange exchange,
            McpSchema.CallToolRequest request) {
        String name = tool.definition().name();
        Map<String, Object> meta = request.meta();
        McpCall call = new McpCall(exchange, name, meta == null ? null : meta.get("progressToken"));
        String arguments = McpJson.arguments(request.arguments());
        ToolContext context = new ToolContext(exchange.sessionId(), "mcp-call-" + calls.incrementAndGet());
        running.add(call);
        try {
            ToolResult result = tool.inline() ? invoke(tool, arguments, context, call) : runAside(tool, arguments,
                    context, call);
            return McpContents.toMcp(result, call.finish());
        } finally {
            running.remove(call);
        }
    }

    private ToolResult runAside(Served tool, String arguments, ToolContext context, McpCall call) {
        String name = tool.definition().name();
        Future<ToolResult> future;
        try {
            future = executor.submit(() -> invoke(tool, arguments, context, call));
        } catch (RejectedExecutionException e) {
            return ToolResult.failure("Error: tool '" + name + "' was not run: the server is already running "
                    + MAX_RUNNING_CALLS + " tool calls, or is stopping. Try again later.");
        }
        try {
            return future.get(tool.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel();
            future.cancel(true);
            return ToolResult.failure("Error: tool '" + name + "' did not finish within " + tool.timeout().toMillis()
                    + " ms and was abandoned. Try simpler arguments, or answer without this result.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel();
            future.cancel(true);
            return stopped(name);
        } catch (java.util.concurrent.CancellationException e) {
            return stopped(name);
        } catch (ExecutionException e) {
            return ToolResult.failure("Error: tool '" + name + "' failed: " + e.getCause());
        }
    }

    private static ToolResult invoke(Served tool, String arguments, ToolContext context, McpCall call) {
        try {
            return call.run(() -> tool.handler().call(arguments, context, call));
        } catch (RuntimeException | Error e) {
            return ToolResult.failure("Error: tool '" + tool.definition().name() + "' failed: " + e);
        }
    }

    private static ToolResult stopped(String name) {
        return ToolResult.failure("Cancelled: the MCP server stopped before tool '" + name + "' returned, so this "
                + "call has no result.");
    }

    /** Stops the calls still running (interrupting their threads) and takes no more. */
    @Override
    public void close() {
        running.forEach(McpCall::cancel);
        executor.shutdownNow();
    }
}
