package io.agent4j.mcp.client;

import io.agent4j.mcp.McpException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The stdio transport of MCP on a process agent4j starts and owns: one JSON-RPC message per line on
 * the process's stdin and stdout, its stderr to the log ({@link ServerLog}). Unlike the SDK's it
 * tells when the process ends ({@link #exit()}), skips a stdout line that is no JSON-RPC message
 * instead of ending the session, keeps reading stdout after stderr closes, and stops the process as
 * the specification asks: its input closed, then SIGTERM, then SIGKILL.
 */
final class ProcessTransport implements McpClientTransport {

    private static final Logger log = LoggerFactory.getLogger(ProcessTransport.class);
    /** How long a process may take to end after its input closes, and again after SIGTERM. */
    private static final long STOP_WAIT_MILLIS = 2_000;

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path directory;
    private final McpJsonMapper json;
    private final ServerLog stderr;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile Process process;
    private volatile McpException startFailure;
    private volatile boolean closing;

    /**
     * @param command the program and its arguments
     * @param environment variables set for the process on top of this one's, less {@code OPENAI_API_KEY}
     * @param directory its working directory, or null for this process's
     */
    ProcessTransport(List<String> command, Map<String, String> environment, Path directory, McpJsonMapper json,
            ServerLog stderr) {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.directory = directory;
        this.json = json;
        this.stderr = stderr;
    }

    /**
     * Completes with the process's exit code when it ends, whoever ended it, or with the
     * {@link McpException} that says why it could not start.
     */
    CompletableFuture<Integer> exit() {
        return exit;
    }

    /** Whether the process runs: started, and not ended (known at once, before {@link #exit()} completes). */
    boolean running() {
        Process started = process;
        return started != null && started.isAlive();
    }

    /** The process's exit code once it ended, else null. */
    Integer exitCode() {
        Process started = process;
        return started == null || started.isAlive() ? null : started.exitValue();
    }

    /** The process's id, or -1 before it started. */
    long pid() {
        Process started = process;
        return started == null ? -1 : started.pid();
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> start(handler));
    }

    private void start(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        // agent4j's own key is no business of the server's; anything it needs is given explicitly
        builder.environment().remove("OPENAI_API_KEY");
        builder.environment().putAll(environment);
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            McpException failure = new McpException("Cannot start the MCP server " + String.join(" ", command) + ": "
                    + e.getMessage() + ". Is " + command.get(0) + " installed and on the PATH" + (directory == null
                    ? "" : ", and is " + directory + " a folder") + "?", e);
            // told by exit() and every write, not thrown here, where the SDK would log it with its stack trace
            startFailure = failure;
            exit.completeExceptionally(failure);
            return;
        }
        process = started;
        log.debug("Started the MCP server {} (pid {})", stderr.server(), started.pid());
        thread("stdout", () -> readMessages(started, handler));
        thread("stderr", () -> stderr.read(started.getErrorStream()));
        started.onExit().thenAccept(ended -> exit.complete(ended.exitValue()));
    }

    private void thread(String stream, Runnable body) {
        Thread thread = new Thread(body, "agent4j-mcp-" + stderr.server() + "-" + stream);
        thread.setDaemon(true);
        thread.start();
    }

    private void readMessages(Process started,
            Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(started.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                McpSchema.JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(json, line);
                } catch (IOException | RuntimeException e) {
                    log.warn("The MCP server {} wrote a line that is no JSON-RPC message to stdout, which carries "
                            + "the protocol only; it is skipped: {}", stderr.server(), abbreviated(line));
                    continue;
                }
                handler.apply(Mono.just(message)).subscribe(ignored -> {
                }, error -> log.debug("Handling a message of the MCP server {} failed", stderr.server(), error));
            }
        } catch (IOException e) {
            if (!closing) {
                log.debug("Reading the MCP server {} failed", stderr.server(), e);
            }
        }
    }

    private static String abbreviated(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> write(message));
    }

    private void write(McpSchema.JSONRPCMessage message) {
        Process started = process;
        if (startFailure != null) {
            throw startFailure;
        }
        if (started == null || closing) {
            throw new McpException("The MCP server " + stderr.server() + " is not running.");
        }
        OutputStream in = started.getOutputStream();
        synchronized (in) {
            try {
                // a message is one line: JSON text escapes every newline inside strings
                in.write((json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write to the MCP server " + stderr.server()
                        + (started.isAlive() ? "" : ", which has exited"), e);
            }
        }
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::stop);
    }

    /** Ends the process: its input closed, then SIGTERM, then SIGKILL, each after a short wait. */
    void stop() {
        closing = true;
        Process started = process;
        if (started == null) {
            return;
        }
        try {
            started.getOutputStream().close();
            if (!started.waitFor(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                started.destroy();
                if (!started.waitFor(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    log.warn("The MCP server {} (pid {}) did not end on SIGTERM; killing it", stderr.server(),
                            started.pid());
                    started.destroyForcibly().waitFor(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        } catch (IOException e) {
            started.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.destroyForcibly();
        }
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return json.convertValue(data, typeRef);
    }
}
