package io.agent4j.examples;

import static io.agent4j.examples.ScriptedSession.answer;
import static io.agent4j.examples.ScriptedSession.call;
import static io.agent4j.examples.ScriptedSession.calls;
import static io.agent4j.examples.ScriptedSession.turn;

import io.agent4j.mcp.testing.NodePackages;
import java.nio.file.Path;
import java.util.Map;

/**
 * The scripted session of the files-mcp example, {@code sessions/files-mcp.json}, on the shipped
 * {@code sample-folder}: the model lists the notes through the reference filesystem server, reads
 * both at once, and answers from them. The server runs for real, from the pinned npm packages.
 *
 * <p>Re-create it with {@code mvn -q -B test -pl agent-examples -Dtest=FilesMcpSessionTest
 * -Dagent4j.writeSession=true}.
 */
public final class FilesMcpSession {

    /** Where the session is shipped, relative to the agent-examples module. */
    public static final Path SHIPPED = Path.of("sessions", "files-mcp.json");
    /** The pinned reference server, as agent-mcp's tests install it. */
    public static final String SERVER = "@modelcontextprotocol/server-filesystem/dist/index.js";
    /** The prompt of the session. */
    public static final String PROMPT = FilesMcpExample.SAMPLE_PROMPT;
    /** The model's final answer in the session. */
    public static final String ANSWER = """
            Three action items are still open:
            - Ask the city about a second water tap: Jonas Weber (notes/2025-03-04-planning.md)
            - Print the workday sign-up sheet: Lucia Romero (notes/2025-03-18-workday-prep.md)
            - Repaint the plot markers of row B: Aiko Tanaka (notes/2025-03-18-workday-prep.md)
            Ordering the compost (Mina Park) was open on 2025-03-04 and is ticked off in the notes of 2025-03-18.""";

    private FilesMcpSession() {
    }

    /** The server's command on the pinned Node, as the setting files-mcp.command gives it. */
    public static String command() {
        return CommandWords.join(NodePackages.command(SERVER));
    }

    /** The script of the shipped session, run with the pinned server. */
    public static ScriptedSession session() {
        return ScriptedSession.run(FilesMcpExample.NAME, Map.of(FilesMcpExample.ROOT, "sample-folder",
                FilesMcpExample.COMMAND, command()), turn(PROMPT,
                calls(call("list_directory", "{\"path\":\"notes\"}", "files-mcp-1")),
                calls(call("read_multiple_files", "{\"paths\":[\"notes/2025-03-04-planning.md\","
                        + "\"notes/2025-03-18-workday-prep.md\"]}", "files-mcp-2")),
                answer(ANSWER,
                        "[FILE] 2025-03-04-planning.md\n[FILE] 2025-03-18-workday-prep.md",
                        "- [ ] Ask the city about a second water tap (Jonas Weber)",
                        "- [ ] Print the workday sign-up sheet (Lucia Romero)",
                        "- [ ] Repaint the plot markers of row B (Aiko Tanaka)",
                        "- [ ] Order 12 bags of compost before the workday (Mina Park)",
                        "- [x] Order 12 bags of compost before the workday (Mina Park)")));
    }
}
