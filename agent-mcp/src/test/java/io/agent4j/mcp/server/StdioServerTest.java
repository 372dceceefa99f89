package io.agent4j.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.Agent4j;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link McpToolServer#serveStdio()} in a process of its own, as MCP clients start servers. */
class StdioServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<String> command() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), StdioServerMain.class.getName());
    }

    @Test
    void theSdksStdioClientListsAndCallsTheTools() {
        List<String> command = command();
        ServerParameters server = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size()))
                .build();
        try (McpSyncClient client = McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(30)).initializationTimeout(Duration.ofSeconds(60)).build()) {
            client.initialize();

            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .contains("add", "point", "lookup", "hello");
            McpSchema.CallToolResult sum = client.callTool(new McpSchema.CallToolRequest("add", Map.of("a", 1, "b", 2)));
            assertThat(McpToolServerTest.text(sum)).isEqualTo("3");
            McpSchema.CallToolResult failed = client.callTool(new McpSchema.CallToolRequest("lookup",
                    Map.of("thing", "x")));
            assertThat(failed.isError()).isTrue();
        }
    }

    @Test
    void stdoutCarriesOnlyTheProtocolAndTheServerEndsWithItsInput(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command()).redirectError(stderr.toFile()).start();
        List<JsonNode> received = new ArrayList<>();
        try (Writer in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");
            received.add(JSON.readTree(out.readLine()));
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"hello\","
                    + "\"arguments\":{\"name\":\"Ada\"}}}");
            received.add(JSON.readTree(out.readLine()));
            in.close();
            assertThat(out.readLine()).as("nothing more on stdout").isNull();
        }

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the server ended when its input did").isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(received.get(0).path("result").path("serverInfo").path("name").asString()).isEqualTo("agent4j");
        assertThat(received.get(0).path("result").path("serverInfo").path("version").asString())
                .isEqualTo(Agent4j.VERSION).isNotEqualTo("dev");
        assertThat(received.get(1).path("id").asInt()).isEqualTo(2);
        assertThat(received.get(1).path("result").path("content").path(0).path("text").asString())
                .isEqualTo("Hello, Ada!");
        assertThat(Files.readString(stderr)).contains("a careless print from the hello tool")
                .contains("stdio server: input ended, stopping");
    }

    @Test
    void requestsSentBeforeTheInputEndsAreStillAnswered(@TempDir Path dir) throws Exception {
        Process process = new ProcessBuilder(command()).redirectError(dir.resolve("stderr.txt").toFile()).start();
        try (Writer in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            send(in, INITIALIZE);
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
                    + "\"arguments\":{\"a\":20,\"b\":22}}}");
        }
        List<JsonNode> received = readAll(process);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(received).extracting(line -> line.path("id").asInt()).containsExactly(1, 2);
        assertThat(received.get(1).path("result").path("content").path(0).path("text").asString()).isEqualTo("42");
    }

    @Test
    void aLineThatIsNotJsonIsAnsweredWithAParseErrorAndTheServerGoesOn(@TempDir Path dir) throws Exception {
        Process process = new ProcessBuilder(command()).redirectError(dir.resolve("stderr.txt").toFile()).start();
        try (Writer in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            send(in, "this is not JSON");
            send(in, INITIALIZE);
        }
        List<JsonNode> received = readAll(process);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the server ended with its input").isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(received).hasSize(2);
        assertThat(received.get(0).path("error").path("code").asInt()).isEqualTo(-32700);
        assertThat(received.get(0).path("id").isNull()).isTrue();
        assertThat(received.get(1).path("result").path("serverInfo").path("name").asString()).isEqualTo("agent4j");
    }

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";

    private static List<JsonNode> readAll(Process process) throws java.io.IOException {
        List<JsonNode> received = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                received.add(JSON.readTree(line));
            }
        }
        return received;
    }

    private static void send(Writer in, String line) throws java.io.IOException {
        in.write(line + "\n");
        in.flush();
    }
}
