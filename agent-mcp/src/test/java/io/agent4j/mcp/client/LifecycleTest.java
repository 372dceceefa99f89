package io.agent4j.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.mcp.McpException;
import io.agent4j.mcp.testing.NodePackages;
import io.agent4j.mcp.testing.TestServers;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.Toolbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The life of a stdio server: started on first use, stopped by close, a server killed during a
 * call reported as a failed call and started again by the next call (a bounded number of times),
 * and each way of not starting (no such program, an early exit, no initialization in time) or not
 * answering in time a clear error. Against {@code server-everything}, each test with a server of
 * its own, found among this JVM's processes by a marker argument the server ignores.
 */
class LifecycleTest {

    private static final String LONG_CALL = "{\"duration\": 30, \"steps\": 30}";

    private static String marker() {
        return "agent4j-test-" + UUID.randomUUID();
    }

    private static McpTools.Builder everything(String marker) {
        List<String> command = new ArrayList<>(TestServers.everything());
        command.add(marker);
        return McpTools.builder().stdio(command);
    }

    /** The server's process, once a long call is running in it. */
    private static ProcessHandle serverOf(String marker) {
        return TestServers.theOne(marker).orElseThrow(() -> new AssertionError("no server runs " + marker));
    }

    @Test
    void eachLineAStdioServerWritesToStderrIsLoggedAtDebugUnderItsLoggerNamingTheServer() throws Exception {
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
        String line = "agent4j test server (paged) on stdio";
        long before = logged(log, line).size();
        try (McpTools tools = McpTools.builder().stdio(TestServers.ours("paged")).build()) {
            tools.tools();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (logged(log, line).size() == before && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            List<String> lines = logged(log, line);
            assertThat(lines).hasSize((int) before + 1);
            assertThat(lines.get(lines.size() - 1)).contains("DEBUG", ServerLog.LOGGER, "agent4j-test-server.mjs");
        }
    }

    private static List<String> logged(java.nio.file.Path log, String text) throws java.io.IOException {
        return java.nio.file.Files.exists(log)
                ? java.nio.file.Files.readAllLines(log).stream().filter(l -> l.contains(text)).toList() : List.of();
    }

    @Test
    void theServerStartsOnFirstUseAndCloseStopsIt() {
        String marker = marker();
        McpTools tools = everything(marker).build();

        assertThat(TestServers.running(marker)).as("nothing is started by building").isEmpty();
        tools.tools();
        ProcessHandle server = serverOf(marker);
        tools.close();

        assertThat(server.isAlive()).isFalse();
        assertThatThrownBy(tools::tools).isInstanceOf(McpException.class).hasMessageContaining("were closed");
    }

    @Test
    void aServerKilledDuringACallIsAFailedCallAndTheNextCallStartsItAgain() throws Exception {
        String marker = marker();
        try (McpTools tools = everything(marker).build()) {
            Toolbox toolbox = tools.tools();
            ProcessHandle first = serverOf(marker);
            long readBefore = TestServers.bytesRead(first);
            CompletableFuture<ToolResult> call = CompletableFuture.supplyAsync(
                    () -> toolbox.call("trigger-long-running-operation", LONG_CALL));

            TestServers.killDuringACall(first, readBefore);
            ToolResult failed = call.get(20, TimeUnit.SECONDS);

            assertThat(failed.failed()).isTrue();
            assertThat(failed.content()).startsWith("Error: tool 'trigger-long-running-operation' failed: McpException: "
                    + "The MCP server 'mcp-servers/everything' exited with code 137 during tools/call")
                    .contains("it is started again for the next call.");
            ToolResult next = toolbox.call("echo", "{\"message\": \"again\"}");
            assertThat(next.content()).isEqualTo("Echo: again");
            assertThat(serverOf(marker).pid()).isNotEqualTo(first.pid());
        }
    }

    @Test
    void aServerThatKeepsEndingIsStartedAgainOnlyAsOftenAsAllowed() {
        String marker = marker();
        try (McpTools tools = everything(marker).maxRestarts(1).build()) {
            Toolbox toolbox = tools.tools();
            TestServers.kill(serverOf(marker));
            assertThat(toolbox.call("echo", "{\"message\": \"one\"}").content()).isEqualTo("Echo: one");
            TestServers.kill(serverOf(marker));

            ToolResult refused = toolbox.call("echo", "{\"message\": \"two\"}");

            assertThat(refused.failed()).isTrue();
            assertThat(refused.content()).contains("exited with code 137").contains("it was started again 1 time(s) in "
                    + "the last minute, as often as maxRestarts allows: it is not started again before ")
                    .contains("Check the server; its stderr is logged under io.agent4j.mcp.client.stderr.");
            assertThat(TestServers.running(marker)).isEmpty();
        }
    }

    @Test
    void aCallPastTheCallTimeoutIsAFailedCallAndTheServerGoesOn() {
        String marker = marker();
        try (McpTools tools = everything(marker).callTimeout(Duration.ofMillis(500)).build()) {
            ToolResult result = tools.tools().call("trigger-long-running-operation", LONG_CALL);

            assertThat(result.content()).isEqualTo("Error: tool 'trigger-long-running-operation' failed: McpException: "
                    + "The MCP server 'mcp-servers/everything' did not answer tools/call within 500 ms.");
            assertThat(tools.tools().call("echo", "{\"message\": \"still here\"}").content())
                    .isEqualTo("Echo: still here");
        }
    }

    @Test
    void aProgramThatDoesNotExistIsAClearError() {
        try (McpTools tools = McpTools.stdio("agent4j-no-such-program", "--stdio")) {
            assertThatThrownBy(tools::tools).isInstanceOf(McpException.class)
                    .hasMessageStartingWith("Cannot start the MCP server agent4j-no-such-program --stdio: ")
                    .hasMessageContaining("Is agent4j-no-such-program installed and on the PATH?");
        }
    }

    @Test
    void aServerThatEndsBeforeItIsInitializedSaysWhatItWroteOnStderr() {
        try (McpTools tools = McpTools.stdio(NodePackages.node().toString(), "-e",
                "console.error('no configuration found'); process.exit(3)")) {
            assertThatThrownBy(tools::tools).isInstanceOf(McpException.class)
                    .hasMessageContaining("exited with code 3 before it was initialized; its last lines on stderr: "
                            + "no configuration found");
        }
    }

    @Test
    void aServerThatNeverCompletesTheInitializationFailsAfterTheTimeout() {
        String marker = marker();
        try (McpTools tools = McpTools.builder().stdio(NodePackages.node().toString(), "-e",
                "setTimeout(() => {}, 60000)", marker).initializationTimeout(Duration.ofMillis(800)).build()) {
            assertThatThrownBy(tools::tools).isInstanceOf(McpException.class)
                    .hasMessageContaining("did not complete MCP's initialization within 800 ms")
                    .hasMessageContaining("allow it longer with initializationTimeout");
            assertThat(TestServers.running(marker)).as("the silent process is stopped").isEmpty();
        }
    }

    @Test
    void theBuilderSaysWhichSettingIsWrong() {
        assertThatThrownBy(() -> McpTools.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a server");
        assertThatThrownBy(() -> McpTools.builder().stdio("node").http(java.net.URI.create("http://127.0.0.1/mcp"))
                .build()).hasMessageContaining("both a program (.stdio) and an address (.http)");
        assertThatThrownBy(() -> McpTools.builder().http(java.net.URI.create("ftp://example.org/mcp")).build())
                .hasMessageContaining("must be http:// or https://");
        assertThatThrownBy(() -> McpTools.builder().http(java.net.URI.create("http://me:secret@127.0.0.1/mcp"))
                .build()).hasMessageContaining("must not carry a user or password");
        assertThatThrownBy(() -> McpTools.builder().stdio("node").header("Authorization", "Bearer x").build())
                .hasMessageContaining("header(...) applies to a server at an address");
        assertThatThrownBy(() -> McpTools.builder().stdio("node").name("my files").build())
                .hasMessageContaining("McpTools name 'my files' must be 1 to 32 letters");
        assertThatThrownBy(() -> McpTools.builder().stdio("node").callTimeout(Duration.ofMillis(-1)).build())
                .hasMessageContaining("timeouts must be 0 (no limit) or positive");
        assertThat(McpTools.builder().stdio("node").callTimeout(Duration.ZERO).initializationTimeout(Duration.ZERO)
                .build().callTimeout()).isGreaterThan(Duration.ofDays(300));
        McpTools.Builder noReason = McpTools.builder().stdio("node").approval(" ", "write_file");
        assertThatThrownBy(noReason::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("approval(...) needs a reason");
        assertThatThrownBy(() -> McpTools.builder().stdio("node").maxRestarts(-1).build())
                .hasMessageContaining("maxRestarts must be 0 or more");
    }
}
