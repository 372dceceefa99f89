package io.agent4j.mcp.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MCP servers the client is tested against, each on the pinned Node 22 with the loopback
 * preload: the reference servers {@code server-everything} and {@code server-filesystem}, and
 * {@code agent4j-test-server.mjs} (on the pinned TypeScript SDK) for what those cannot do at will.
 * Other modules use it from agent-mcp's test jar, as {@link NodePackages}.
 */
public final class TestServers {

    public static final String EVERYTHING = "@modelcontextprotocol/server-everything/dist/index.js";
    public static final String FILESYSTEM = "@modelcontextprotocol/server-filesystem/dist/index.js";
    private static final Path OURS = Path.of(System.getProperty("agent4j.node.source", "src/test/node"),
            "agent4j-test-server.mjs").toAbsolutePath();

    private TestServers() {
    }

    /** {@code server-everything} over stdio. */
    public static List<String> everything() {
        return NodePackages.command(EVERYTHING, "stdio");
    }

    /** {@code server-filesystem} allowed {@code folder}, over stdio. */
    public static List<String> filesystem(Path folder) {
        return NodePackages.command(FILESYSTEM, folder.toString());
    }

    /** The test server in {@code mode} ({@code changing} or {@code paged}) over stdio. */
    public static List<String> ours(String mode) {
        List<String> command = new ArrayList<>(List.of(NodePackages.node().toString(), "--require",
                NodePackages.loopbackPreload().toString(), script().toString(), "--mode", mode));
        return command;
    }

    /** The test server, copied beside the installed packages so that its imports resolve. */
    private static synchronized Path script() {
        Path copy = NodePackages.home().resolve(OURS.getFileName());
        try {
            Files.copy(OURS, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /** {@code server-everything} over Streamable HTTP ({@code streamableHttp}, at /mcp) or HTTP with SSE ({@code sse}, at /sse). */
    public static Running everythingHttp(String transport) {
        int port = freePort();
        List<String> command = NodePackages.command(EVERYTHING, transport);
        Pattern ready = Pattern.compile("(listening|running) on port (\\d+)");
        return start(command, port, ready, transport.equals("sse") ? "/sse" : "/mcp");
    }

    /** {@code server-everything} over Streamable HTTP again on the port of {@code earlier}, which has stopped. */
    public static Running everythingHttpAgain(Running earlier) {
        return start(NodePackages.command(EVERYTHING, "streamableHttp"), earlier.url().getPort(),
                Pattern.compile("(listening|running) on port (\\d+)"), "/mcp");
    }

    /** The test server in {@code mode} over Streamable HTTP, on a port the system chooses. */
    public static Running oursHttp(String mode) {
        List<String> command = new ArrayList<>(ours(mode));
        command.add("--http");
        return start(command, 0, Pattern.compile("(listening) on (\\d+)"), "/mcp");
    }

    private static Running start(List<String> command, int port, Pattern ready, String path) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (port > 0) {
            builder.environment().put("PORT", String.valueOf(port));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread stderr = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher matcher = ready.matcher(line);
                    if (matcher.find()) {
                        listening.complete(Integer.parseInt(matcher.group(2)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            listening.completeExceptionally(new IllegalStateException("the server ended before it listened: "
                    + command));
        }, "test-server-stderr");
        stderr.setDaemon(true);
        stderr.start();
        try {
            int bound = listening.get(60, TimeUnit.SECONDS);
            return new Running(process, URI.create("http://127.0.0.1:" + bound + path));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not start listening: " + command, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The processes this JVM started whose command line contains {@code marker}, alive ones only. */
    public static List<ProcessHandle> running(String marker) {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(marker)).toList();
    }

    /** The one process this JVM runs whose command line contains {@code marker}. */
    public static Optional<ProcessHandle> theOne(String marker) {
        List<ProcessHandle> found = running(marker);
        if (found.size() > 1) {
            throw new IllegalStateException("more than one process runs " + marker + ": " + found);
        }
        return found.stream().findFirst();
    }

    /**
     * How many bytes the process has read so far, from its standard input or anywhere else (Linux's
     * {@code rchar} of {@code /proc/PID/io}): taken before a call is sent, it tells when the server has
     * read the call.
     */
    public static long bytesRead(ProcessHandle process) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "io")).stream()
                    .filter(line -> line.startsWith("rchar:")).mapToLong(line -> Long.parseLong(line.substring(6).strip()))
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read what process " + process.pid() + " has read", e);
        }
    }

    /**
     * Kills a process with SIGKILL during a call that lasts far longer, once the process has read more
     * than {@code readBefore} bytes (see {@link #bytesRead}): once the call, sent after that count was
     * taken, has reached the server. Waits until the process is gone.
     */
    public static void killDuringACall(ProcessHandle process, long readBefore) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (process.isAlive() && bytesRead(process) <= readBefore) {
            if (System.nanoTime() > until) {
                throw new AssertionError("process " + process.pid() + " did not read the call within 30 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the call to reach the server", e);
            }
        }
        kill(process);
    }

    /** Kills a process with SIGKILL and waits until it is gone. */
    public static void kill(ProcessHandle process) {
        process.destroyForcibly();
        process.onExit().orTimeout(20, TimeUnit.SECONDS).join();
    }

    /** A server started for a test, at {@code url}; closing stops it. */
    public record Running(Process process, URI url) implements AutoCloseable {

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
