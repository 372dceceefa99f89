package io.agent4j.examples;

import io.agent4j.Agent;
import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.mcp.client.McpTools;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.tool.ToolSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code files} example's questions answered through an MCP server instead: the reference
 * filesystem server ({@code @modelcontextprotocol/server-filesystem}), started over stdio on one
 * folder, its read-only tools offered to the agent by {@link McpTools}. It shows <em>an MCP
 * server's tools in an agent</em>.
 *
 * <pre>{@code
 * McpTools files = McpTools.builder()
 *         .stdio("npx", "-y", "@modelcontextprotocol/server-filesystem@2026.8.31", ".")
 *         .directory(Path.of("/data/notes"))
 *         .only("list_directory", "directory_tree", "read_text_file", "read_multiple_files", "search_files")
 *         .build();
 * try (Agent agent = Agent.builder().model(OpenAiChatModel.fromEnv()).instructions(INSTRUCTIONS).tools(files).build()) {
 *     agent.run("Which notes mention the budget?");
 * }
 * }</pre>
 *
 * The server is a Node program that {@code npx} fetches from the npm registry on first use (Node.js
 * must be installed); the setting {@code files-mcp.command} names another way to start it, such as
 * {@code node /path/to/server-filesystem/dist/index.js}. It runs in the folder
 * ({@code files-mcp.root}, default the current directory), which is the only one it may read.
 */
public final class FilesMcpExample {

    /** The settings' prefix, the example's name. */
    public static final String NAME = "files-mcp";
    /** The setting that names the folder; default the current directory. */
    public static final String ROOT = NAME + ".root";
    /** The setting that starts the server (the folder is added as its last argument). */
    public static final String COMMAND = NAME + ".command";
    /** How the server is started by default: the pinned reference server, fetched by npx. */
    public static final String DEFAULT_COMMAND = "npx -y @modelcontextprotocol/server-filesystem@2026.8.31";
    /** The folder the shipped session was made with, from the repository root. */
    public static final String SAMPLE_FOLDER = "agent-examples/sample-folder";
    /** The server's tools the agent is given: those that only read. */
    public static final List<String> TOOLS = List.of("list_directory", "directory_tree", "read_text_file",
            "read_multiple_files", "search_files");

    /** The system message of the example. */
    public static final String INSTRUCTIONS = "You answer questions about the files in one folder, through the "
            + "tools of a filesystem server. Look before you answer: list_directory shows a directory, "
            + "read_multiple_files reads several files at once, read_text_file reads one. Never guess what a file "
            + "says. Paths are relative to the folder (\".\" is the folder itself). Name the files your answer "
            + "comes from, and answer briefly.";

    /** A prompt that needs a listing and two files. */
    public static final String SAMPLE_PROMPT =
            "Which action items in the meeting notes under notes/ are still open, and who owns each?";

    private FilesMcpExample() {
    }

    /**
     * The read-only tools of the filesystem server on the folder {@code files-mcp.root}, started by
     * {@code files-mcp.command}; nothing is started until an agent asks for the tools.
     *
     * @throws ToolRegistrationException when a setting is unknown, the command cannot be split into
     *     words, or the folder does not exist
     */
    public static List<ToolSource> tools(Map<String, String> settings) {
        Set<String> unknown = new TreeSet<>();
        settings.keySet().stream().filter(key -> key.startsWith(NAME + ".") && !key.equals(ROOT)
                && !key.equals(COMMAND)).forEach(unknown::add);
        if (!unknown.isEmpty()) {
            throw new ToolRegistrationException("Unknown setting " + unknown + " of the " + NAME + " example; its "
                    + "settings are [" + COMMAND + ", " + ROOT + "].");
        }
        Path root = Path.of(settings.getOrDefault(ROOT, ".").strip());
        if (!Files.isDirectory(root)) {
            throw new ToolRegistrationException("The folder " + root + " of " + ROOT + " does not exist or is no "
                    + "folder.");
        }
        List<String> command;
        try {
            command = new java.util.ArrayList<>(CommandWords.split(settings.getOrDefault(COMMAND, DEFAULT_COMMAND)));
        } catch (IllegalArgumentException e) {
            throw new ToolRegistrationException(COMMAND + ": " + e.getMessage() + ".", e);
        }
        // the server runs in the folder and may read only it, so that the model's paths are relative to it
        command.add(".");
        return List.of(McpTools.builder().stdio(command).directory(root).name("files")
                .only(TOOLS.toArray(String[]::new)).build());
    }

    /** A builder with the instructions and the server's tools on {@code folder}; add a model and build. */
    public static Agent.Builder builder(String folder) {
        return Agent.builder().instructions(INSTRUCTIONS).tools(tools(Map.of(ROOT, folder)).toArray());
    }

    /**
     * Runs the example on the current directory against {@code OPENAI_API_KEY}, with the arguments
     * as the prompt or the sample prompt when there are none.
     */
    public static void main(String[] args) {
        try (Agent agent = builder(".").model(OpenAiChatModel.fromEnv()).build()) {
            String prompt = args.length == 0 ? SAMPLE_PROMPT : String.join(" ", args);
            System.out.println(agent.run(prompt).text());
        }
    }
}
