package io.agent4j.examples.cli;

import io.agent4j.examples.CommandWords;
import io.agent4j.mcp.client.McpTools;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options that add an MCP server's tools to the agent, shared by {@code run}, {@code chat} and
 * {@code tools}: {@code --mcp COMMAND} (a program over stdio) and {@code --mcp-url URL}, each
 * repeatable. The servers are started when the agent first asks for its tools, and stopped when
 * the command ends.
 */
final class McpOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--mcp", paramLabel = "COMMAND",
            description = "Add the tools of the MCP server this command starts, spoken to over stdio, e.g. "
                    + "--mcp 'npx -y @modelcontextprotocol/server-everything'; quote it as one argument (quotes "
                    + "inside group words as a shell does). The server runs as you, with your rights. Repeatable.")
    private List<String> commands = new ArrayList<>();

    @Option(names = "--mcp-url", paramLabel = "URL",
            description = "Add the tools of the MCP server at this URL, over Streamable HTTP (or HTTP with SSE "
                    + "where the server offers nothing else), e.g. http://127.0.0.1:3001/mcp. Repeatable.")
    private List<String> urls = new ArrayList<>();

    /** Creates the options; picocli calls this. */
    McpOptions() {
    }

    /** Whether any server was given. */
    boolean any() {
        return !commands.isEmpty() || !urls.isEmpty();
    }

    /**
     * The servers of {@code --mcp} then of {@code --mcp-url}, in the order given; nothing is started.
     *
     * @throws picocli.CommandLine.ParameterException when a command cannot be split into words or a
     *     URL is not an http(s) URL
     */
    List<McpTools> servers() {
        List<McpTools> servers = new ArrayList<>();
        for (String command : commands) {
            try {
                servers.add(McpTools.builder().stdio(CommandWords.split(command)).build());
            } catch (IllegalArgumentException e) {
                throw ToolOptions.usage(spec, "--mcp " + command + ": " + e.getMessage());
            }
        }
        for (String url : urls) {
            try {
                servers.add(McpTools.http(new URI(url.strip())));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw ToolOptions.usage(spec, "--mcp-url " + url + ": " + e.getMessage());
            }
        }
        return servers;
    }
}
