package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.mcp.testing.NodePackages;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The official MCP inspector's command line ({@code @modelcontextprotocol/inspector-cli}, pinned)
 * against {@code agent4j mcp serve} as a process: it starts the server itself over stdio, and
 * connects to one serving Streamable HTTP with a bearer token.
 */
class McpInspectorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theInspectorListsAndCallsTheToolsOverStdio(@TempDir Path dir) throws Exception {
        ObjectNode config = JSON.createObjectNode();
        ObjectNode server = config.putObject("mcpServers").putObject("agent4j").put("type", "stdio");
        List<String> command = McpServeTest.command(dir, "mcp", "serve", "--packs", "math,time");
        server.put("command", command.get(0));
        command.subList(1, command.size()).forEach(server.withArray("args")::add);
        Path file = Files.writeString(dir.resolve("mcp.json"), JSON.writeValueAsString(config));

        JsonNode listed = inspector(dir, "--config", file.toString(), "--server", "agent4j", "--method", "tools/list");
        JsonNode called = inspector(dir, "--config", file.toString(), "--server", "agent4j", "--method", "tools/call",
                "--tool-name", "evaluate", "--tool-arg", "expression=(2+4)*7");

        assertThat(listed.path("tools").findValuesAsString("name")).contains("evaluate", "percentOf",
                "convert_time_zone", "time_now");
        assertThat(called.path("isError").asBoolean(false)).isFalse();
        assertThat(called.path("content").path(0).path("text").asString()).isEqualTo("42");
    }

    @Test
    void theInspectorListsAndCallsTheToolsOverHttpWithTheToken(@TempDir Path dir) throws Exception {
        String token = "fedcba9876543210fedcba9876543210";
        Path stderr = dir.resolve("stderr.txt");
        Process server = CliProcess.start(dir, Map.of("AGENT4J_MCP_TOKEN", token), "", stderr, "mcp", "serve",
                "--packs", "math", "--http", "127.0.0.1:0", "--token-env", "AGENT4J_MCP_TOKEN");
        try {
            URI url = McpServeTest.awaitUrl(server, stderr);
            String header = "Authorization: Bearer " + token;

            JsonNode listed = inspector(dir, "--cli", url.toString(), "--transport", "http", "--header", header,
                    "--method", "tools/list");
            JsonNode called = inspector(dir, "--cli", url.toString(), "--transport", "http", "--header", header,
                    "--method", "tools/call", "--tool-name", "sqrt", "--tool-arg", "value=-1");

            assertThat(listed.path("tools").findValuesAsString("name")).contains("evaluate", "sqrt");
            assertThat(called.path("isError").asBoolean()).as("the inspector exits 0 for an isError result")
                    .isTrue();
            assertThat(called.path("content").path(0).path("text").asString()).startsWith("Error: ");
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code mcp-inspector-cli --cli ARGS} and returns the JSON it prints. */
    private static JsonNode inspector(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(NodePackages.node().toString(),
                NodePackages.module("@modelcontextprotocol/inspector-cli/build/cli.js").toString()));
        if (!List.of(args).contains("--cli")) {
            command.add("--cli");
        }
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "inspector", ".json");
        Path err = Files.createTempFile(dir, "inspector", ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                // It looks for the package.json of the folder above the one it runs in.
                .directory(NodePackages.home().resolve("node_modules").toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // It starts its client with the 'node' of the PATH: the pinned one.
        builder.environment().put("PATH", NodePackages.node().getParent() + java.io.File.pathSeparator
                + System.getenv("PATH"));
        Process inspector = builder.start();
        assertThat(inspector.waitFor(120, TimeUnit.SECONDS)).as("the inspector finished").isTrue();
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(inspector.exitValue()).as("inspector exit code; stderr: %s", Files.readString(err)).isZero();
        return JSON.readTree(printed);
    }
}
