package io.agent4j.examples;

import io.agent4j.Agent;
import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.tool.Toolbox;
import io.agent4j.tools.files.FilesPack;
import java.util.List;
import java.util.Map;

/**
 * An agent that answers questions about the files of one folder, and can neither change them nor
 * look outside the folder. It shows a <em>tool pack with settings</em>: the {@code files} pack of
 * agent-tools, given its root folder through {@link Toolbox#ofPacks}.
 *
 * <pre>{@code
 * Toolbox tools = Toolbox.ofPacks(List.of(new FilesPack()), Map.of("files.root", "/data/notes"));
 * Agent agent = Agent.builder().model(OpenAiChatModel.fromEnv()).instructions(INSTRUCTIONS).tools(tools).build();
 * }</pre>
 *
 * From the command line, the folder is a setting:
 * {@code agent4j run --example files --tool-config files.root=DIR "Which notes mention the budget?"};
 * without it, the current directory.
 */
public final class FilesExample {

    /** The setting that names the folder; default the current directory. */
    public static final String ROOT = "files.root";

    /** The folder the shipped session was made with, from the repository root. */
    public static final String SAMPLE_FOLDER = "agent-examples/sample-folder";

    /** The system message of the example. */
    public static final String INSTRUCTIONS = "You answer questions about the files in one folder. Look "
            + "before you answer: list_files shows a directory, search_files finds lines in many files at "
            + "once, read_file reads one file. Never guess what a file says. Paths are relative to the "
            + "folder; you cannot leave it or change anything in it. Name the files your answer comes "
            + "from, and answer briefly.";

    /** A prompt that needs a listing and a search across several files. */
    public static final String SAMPLE_PROMPT =
            "Which action items in the meeting notes are still open, and who owns each?";

    private FilesExample() {
    }

    /**
     * The read-only tools of the {@code files} pack on the folder {@code files.root} of the settings
     * ({@code list_files}, {@code read_file}, {@code search_files}).
     *
     * @param settings {@code files.root} and the pack's other read settings; other keys are ignored
     * @throws ToolRegistrationException when a setting is refused, or {@code files.writable=true} is asked for
     */
    public static Toolbox tools(Map<String, String> settings) {
        if ("true".equalsIgnoreCase(settings.getOrDefault("files.writable", "").strip())) {
            throw new ToolRegistrationException("The files example is read-only, so it refuses "
                    + "files.writable=true; for a writable folder, use --packs files instead of --example files.");
        }
        return Toolbox.ofPacks(List.of(new FilesPack()), settings);
    }

    /** A builder with the instructions and the tools on {@code folder}; add a model and build. */
    public static Agent.Builder builder(String folder) {
        return Agent.builder()
                .instructions(INSTRUCTIONS)
                .tools(tools(Map.of(ROOT, folder)));
    }

    /**
     * Runs the example on the current directory against {@code OPENAI_API_KEY}, with the arguments
     * as the prompt or the sample prompt when there are none.
     */
    public static void main(String[] args) {
        Agent agent = builder(".").model(OpenAiChatModel.fromEnv()).build();
        String prompt = args.length == 0 ? SAMPLE_PROMPT : String.join(" ", args);
        System.out.println(agent.run(prompt).text());
    }
}
