package io.agent4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.agent4j.examples.CommandWords;
import io.agent4j.examples.FilesMcpExample;
import io.agent4j.examples.FilesMcpSession;
import io.agent4j.mcp.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --mcp} and {@code --mcp-url} of {@code run}, {@code chat} and {@code tools}: the tools of
 * the reference MCP servers (run for real on the pinned Node) in the agent, as the model is sent
 * them and as {@code agent4j tools} lists them; the servers stopped when the command ends.
 */
class McpOptionsTest {

    @RegisterExtension
    static WireMockExtension model = FakeOpenAi.extension();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The everything server's command line, with a marker argument it ignores, for --mcp. */
    private static String everything(String marker) {
        List<String> command = new ArrayList<>(TestServers.everything());
        command.add(marker);
        return CommandWords.join(command);
    }

    private static List<JsonNode> requests() {
        return model.findAll(postRequestedFor(urlEqualTo(FakeOpenAi.PATH))).stream()
                .map(LoggedRequest::getBodyAsString).map(JSON::readTree).toList();
    }

    private static String[] live(String... args) {
        List<String> all = new ArrayList<>(List.of(args[0], "--no-stream", "--base-url", FakeOpenAi.baseUrl(model),
                "--api-key", FakeOpenAi.KEY));
        all.addAll(List.of(args).subList(1, args.length));
        return all.toArray(String[]::new);
    }

    @Test
    void runGivesTheAgentTheToolsOfAServerItStartsAndStopsItAtTheEnd() {
        String marker = "agent4j-test-" + UUID.randomUUID();
        FakeOpenAi.script(model, FakeOpenAi.toolCalls(new String[] {"c1", "get-sum", "{\"a\": 2, \"b\": 3}"}),
                FakeOpenAi.answer("2 + 3 = 5."));

        Cli.Result result = Cli.run(live("run", "--mcp", everything(marker), "Add 2 and 3."));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().strip()).isEqualTo("2 + 3 = 5.");
        assertThat(requests().get(0).path("tools").valueStream().map(t -> t.at("/function/name").asString()))
                .contains("echo", "get-sum", "get-tiny-image");
        assertThat(requests().get(1).at("/messages/3/content").asString()).contains("5");
        assertThat(TestServers.running(marker)).as("the server ends with the command").isEmpty();
    }

    @Test
    void runTakesAServerAtAnAddress() {
        FakeOpenAi.script(model, FakeOpenAi.toolCalls(new String[] {"c1", "echo", "{\"message\": \"over http\"}"}),
                FakeOpenAi.answer("It echoed."));
        try (TestServers.Running server = TestServers.everythingHttp("streamableHttp")) {
            Cli.Result result = Cli.run(live("run", "--mcp-url", server.url().toString(), "Echo over http."));

            assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
            assertThat(requests().get(1).at("/messages/3/content").asString()).isEqualTo("Echo: over http");
        }
    }

    @Test
    void chatKeepsTheServerForTheWholeConversation(@TempDir Path dir) {
        String marker = "agent4j-test-" + UUID.randomUUID();
        FakeOpenAi.script(model, FakeOpenAi.toolCalls(new String[] {"c1", "echo", "{\"message\": \"one\"}"}),
                FakeOpenAi.answer("First."), FakeOpenAi.toolCalls(new String[] {"c2", "echo", "{\"message\": \"two\"}"}),
                FakeOpenAi.answer("Second."));

        Cli.Result result = Cli.withInput("Echo one.\nEcho two.\n", live("chat", "--quiet", "--store",
                dir.resolve("chats.db").toString(), "--mcp", everything(marker)));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("First.").contains("Second.");
        assertThat(requests().get(3).at("/messages/7/content").asString()).isEqualTo("Echo: two");
        assertThat(TestServers.running(marker)).isEmpty();
    }

    @Test
    void toolsListsAServersToolsAsTheAgentSendsThem() {
        FakeOpenAi.script(model, FakeOpenAi.answer("Hi."));
        String marker = "agent4j-test-" + UUID.randomUUID();

        Cli.Result listed = Cli.run("tools", "--json", "--mcp", everything(marker));
        Cli.Result ran = Cli.run(live("run", "--mcp", everything(marker), "Hi."));

        assertThat(listed.exitCode()).as(listed.err()).isEqualTo(ExitCodes.OK);
        assertThat(ran.exitCode()).as(ran.err()).isEqualTo(ExitCodes.OK);
        assertThat(JSON.readTree(listed.out())).isEqualTo(requests().get(0).path("tools"));
        assertThat(TestServers.running(marker)).isEmpty();
    }

    @Test
    void aServersToolNamedAsAPacksIsListedUnderThePrefix(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "a");

        Cli.Result result = Cli.run("tools", "--packs", "files", "--tool-config", "files.root=" + dir, "--mcp",
                CommandWords.join(TestServers.filesystem(dir.toRealPath())));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("pack files: ").contains("\nmcp secure_filesystem: McpTools[")
                .contains("  read_file(").contains("  secure_filesystem_read_file(").contains("  read_text_file(");
    }

    @Test
    void aCommandWithAnOpenQuoteIsAUsageError() {
        Cli.Result result = Cli.run("tools", "--mcp", "node 'server.js");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--mcp node 'server.js: the single quote in 'node 'server.js' is not closed");
    }

    @Test
    void anAddressThatIsNoHttpUrlIsAUsageError() {
        Cli.Result result = Cli.run("tools", "--mcp-url", "ftp://127.0.0.1/mcp");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--mcp-url ftp://127.0.0.1/mcp: The MCP server URL ftp://127.0.0.1/mcp must "
                + "be http:// or https://");
    }

    @Test
    void aServerThatCannotStartFailsTheCommandSayingWhy() {
        Cli.Result run = Cli.run(live("run", "--mcp", "agent4j-no-such-server --stdio", "Hi."));
        Cli.Result tools = Cli.run("tools", "--mcp", "agent4j-no-such-server --stdio");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("agent4j: Cannot start the MCP server agent4j-no-such-server --stdio: ")
                .contains("Is agent4j-no-such-server installed and on the PATH?");
        assertThat(tools.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(tools.err()).contains("Cannot start the MCP server agent4j-no-such-server --stdio");
    }

    @Test
    void theFilesMcpExampleReplaysItsSessionWithTheServerRunningForReal() {
        Cli.Result result = Cli.run("run", "--quiet", "--example", FilesMcpExample.NAME, "--tool-config",
                FilesMcpExample.ROOT + "=sample-folder", "--tool-config", FilesMcpExample.COMMAND + "="
                        + FilesMcpSession.command(), "--replay", FilesMcpSession.SHIPPED.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().strip()).isEqualTo(FilesMcpSession.ANSWER);
    }
}
