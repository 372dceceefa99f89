package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.examples.CalcExample;
import io.agent4j.tool.ToolPack;
import io.agent4j.tool.Toolbox;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent4j mcp serve} as a process of its own, called by the official SDK's clients: the
 * packs with their settings (the files sandbox) over stdio, Streamable HTTP until stopped, an
 * example agent replayed offline as {@code ask_calc}; and each usage error.
 */
class McpServeTest {

    private static final Pattern URL = Pattern.compile("at (http://\\S+/mcp)");

    @Test
    void stdioServesThePacksWithTheirSettingsAndTheFilesSandboxAsInAnAgent(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("notes.txt"), "buy milk");
        Files.writeString(dir.resolve("secret.txt"), "the launch codes");
        Map<String, String> settings = Map.of("files.root", root.toString());
        Toolbox inAnAgent = Toolbox.ofPacks(packs("math", "files"), settings);

        try (McpSyncClient client = stdio(dir, "mcp", "serve", "--packs", "math,files", "--tool-config",
                "files.root=" + root)) {
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrderElementsOf(inAnAgent.names());
            McpSchema.CallToolResult read = call(client, "read_file", Map.of("path", "notes.txt"));
            McpSchema.CallToolResult escape = call(client, "read_file", Map.of("path", "../secret.txt"));

            assertThat(read.isError()).isFalse();
            assertThat(text(read)).contains("buy milk");
            assertThat(escape.isError()).isTrue();
            assertThat(text(escape)).isEqualTo(inAnAgent.call("read_file", "{\"path\":\"../secret.txt\"}").content())
                    .doesNotContain("launch codes");
        }
    }

    @Test
    void theAgentOfAnExampleIsServedAsOneToolAndReplaysOffline(@TempDir Path dir) throws Exception {
        try (McpSyncClient client = stdio(dir, "mcp", "serve", "--example", "calc", "--replay",
                "sessions/calc.json")) {
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("ask_calc");
            McpSchema.CallToolResult answer = call(client, "ask_calc", Map.of("prompt", CalcExample.SAMPLE_PROMPT));

            assertThat(answer.isError()).isFalse();
            assertThat(text(answer)).contains("409.64");
        }
    }

    @Test
    void httpServesOnLoopbackUntilTheProcessIsStopped(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process server = CliProcess.start(dir, Map.of(), "", stderr, "mcp", "serve", "--packs", "math",
                "--http", "127.0.0.1:0");
        try {
            URI url = awaitUrl(server, stderr);
            assertThat(url.getHost()).isEqualTo("127.0.0.1");
            try (McpSyncClient client = http(url, null)) {
                assertThat(text(call(client, "evaluate", Map.of("expression", "6*7")))).isEqualTo("42");
            }
        } finally {
            server.destroy();
        }
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("SIGTERM stops the server").isTrue();
    }

    @Test
    void aTokenFromTheEnvironmentIsRequiredOfEveryRequest(@TempDir Path dir) throws Exception {
        String token = "0123456789abcdef0123456789abcdef";
        Path stderr = dir.resolve("stderr.txt");
        Process server = CliProcess.start(dir, Map.of("MCP_TOKEN", token), "", stderr, "mcp", "serve", "--packs",
                "math", "--http", "0", "--token-env", "MCP_TOKEN");
        try {
            URI url = awaitUrl(server, stderr);
            try (McpSyncClient client = http(url, token)) {
                assertThat(text(call(client, "evaluate", Map.of("expression", "1+1")))).isEqualTo("2");
            }
            java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(url).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{}")).header("Content-Type", "application/json").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(Files.readString(stderr)).doesNotContain(token);
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anAddressBeyondLoopbackNeedsAllowRemoteAndAToken() {
        Cli.Result notAllowed = Cli.run("mcp", "serve", "--packs", "math", "--http", "0.0.0.0:3001");
        Cli.Result noToken = Cli.run("mcp", "serve", "--packs", "math", "--http", "0.0.0.0:3001", "--allow-remote");

        assertThat(notAllowed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(notAllowed.err()).contains("0.0.0.0 is not a loopback address").contains("--allow-remote");
        assertThat(noToken.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noToken.err()).contains("--allow-remote needs a token").contains("--token-env");
    }

    @Test
    void aTokenThatIsMissingOrTooShortOrGivenForStdioIsAUsageError(@TempDir Path dir) throws Exception {
        Path shortFile = Files.writeString(dir.resolve("token.txt"), "short\n");
        Cli.Result unset = Cli.run("mcp", "serve", "--packs", "math", "--http", "0", "--token-env", "NOPE");
        Cli.Result tooShort = Cli.run("mcp", "serve", "--packs", "math", "--http", "0", "--token-file",
                shortFile.toString());
        Cli.Result stdio = Cli.run(Map.of("T", "0123456789abcdef0123"), "mcp", "serve", "--packs", "math",
                "--token-env", "T");

        assertThat(unset.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unset.err()).contains("--token-env NOPE: the variable is not set");
        assertThat(tooShort.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(tooShort.err()).contains("at least 16 characters");
        assertThat(stdio.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(stdio.err()).contains("--token-env applies to --http only");
    }

    @Test
    void nothingToServeOrABadAddressIsAUsageError() {
        Cli.Result nothing = Cli.run("mcp", "serve");
        Cli.Result badPort = Cli.run("mcp", "serve", "--packs", "math", "--http", "127.0.0.1:http");
        Cli.Result unknownPack = Cli.run("mcp", "serve", "--packs", "nope");

        assertThat(nothing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(nothing.err()).contains("nothing to serve");
        assertThat(badPort.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badPort.err()).contains("expected [HOST:]PORT");
        assertThat(unknownPack.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknownPack.err()).contains("Unknown pack 'nope'");
    }

    @Test
    void aPortInUseIsAFailure() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            Cli.Result result = Cli.run("mcp", "serve", "--packs", "math", "--http",
                    "127.0.0.1:" + taken.getLocalPort());

            assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).contains("Cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    /** The command that runs {@code agent4j ARGS} as {@link CliProcess} does. */
    static List<String> command(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + CliProcess.home(dir), "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static McpSyncClient stdio(Path dir, String... args) {
        List<String> command = command(dir, args);
        ServerParameters server = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size()))
                .build();
        McpSyncClient client = McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    private static McpSyncClient http(URI url, String token) {
        HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport
                .builder("http://" + url.getAuthority()).endpoint(url.getPath());
        if (token != null) {
            transport.httpRequestCustomizer((request, method, endpoint, body, context) ->
                    request.header("Authorization", "Bearer " + token));
        }
        McpSyncClient client = McpClient.sync(transport.build()).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    /** The URL the server says it serves at on stderr, once it does. */
    static URI awaitUrl(Process server, Path stderr) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher matcher = URL.matcher(Files.readString(stderr));
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
            assertThat(server.isAlive()).as("the server is running; stderr: %s", Files.readString(stderr)).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not say where it serves within 60 s: " + Files.readString(stderr));
    }

    private static List<ToolPack> packs(String... names) {
        List<String> wanted = List.of(names);
        return ToolPack.discover(McpServeTest.class.getClassLoader()).stream()
                .filter(pack -> wanted.contains(pack.name())).toList();
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
