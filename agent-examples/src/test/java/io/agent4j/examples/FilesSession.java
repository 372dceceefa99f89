package io.agent4j.examples;

import static io.agent4j.examples.ScriptedSession.answer;
import static io.agent4j.examples.ScriptedSession.call;
import static io.agent4j.examples.ScriptedSession.calls;
import static io.agent4j.examples.ScriptedSession.turn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The scripted session of the files example, {@code sessions/files.json}, on the shipped
 * {@code sample-folder}: the model lists the folder, searches the meeting notes for checklist
 * lines, and answers from them. Also {@link #OUTSIDE}, a script (not shipped) in which the model
 * asks for {@code ../pom.xml} and the sandbox refuses it.
 *
 * <p>Re-create it with {@code mvn -q -B test -pl agent-examples -Dtest=FilesSessionTest
 * -Dagent4j.writeSession=true}.
 */
public final class FilesSession {

    /** Where the session is shipped, relative to the agent-examples module. */
    public static final Path SHIPPED = Path.of("sessions", "files.json");
    /** The sample folder, relative to the agent-examples module. */
    public static final Path FOLDER = Path.of("sample-folder");
    /** The prompt of the session. */
    public static final String PROMPT = FilesExample.SAMPLE_PROMPT;
    /** The model's final answer in the session. */
    public static final String ANSWER = """
            Three action items are still open:
            - Ask the city about a second water tap: Jonas Weber (notes/2025-03-04-planning.md)
            - Print the workday sign-up sheet: Lucia Romero (notes/2025-03-18-workday-prep.md)
            - Repaint the plot markers of row B: Aiko Tanaka (notes/2025-03-18-workday-prep.md)
            Ordering the compost (Mina Park) was open on 2025-03-04 and is ticked off in the notes of 2025-03-18.""";

    /** The script of the shipped session. */
    public static final ScriptedSession SESSION = ScriptedSession.run("files", Map.of(FilesExample.ROOT,
            FOLDER.toString()), turn(PROMPT,
            calls(call("list_files", "{\"path\":\".\"}", "files-1")),
            calls(call("search_files", "{\"query\":\"- [\",\"regex\":false,\"path\":\"notes\"}", "files-2")),
            answer(ANSWER,
                    "{\"name\":\"notes\",\"type\":\"directory\",\"size\":null}",
                    "{\"path\":\"notes/2025-03-04-planning.md\",\"line\":14,"
                            + "\"text\":\"- [ ] Ask the city about a second water tap (Jonas Weber)\"}",
                    "{\"path\":\"notes/2025-03-18-workday-prep.md\",\"line\":13,"
                            + "\"text\":\"- [ ] Print the workday sign-up sheet (Lucia Romero)\"}",
                    "{\"path\":\"notes/2025-03-18-workday-prep.md\",\"line\":14,"
                            + "\"text\":\"- [ ] Repaint the plot markers of row B (Aiko Tanaka)\"}",
                    "\"text\":\"- [ ] Order 12 bags of compost before the workday (Mina Park)\"",
                    "\"text\":\"- [x] Order 12 bags of compost before the workday (Mina Park)\"")));

    /** The prompt of the sandbox script. */
    public static final String OUTSIDE_PROMPT = "What does ../pom.xml say?";
    /** The answer of the sandbox script. */
    public static final String OUTSIDE_ANSWER = "I cannot open ../pom.xml: it is outside the folder I was "
            + "given, and I can only read files inside it.";
    /** A script in which the model asks for a file above the folder, and the tool refuses. */
    public static final ScriptedSession OUTSIDE = ScriptedSession.run("files", Map.of(FilesExample.ROOT,
            FOLDER.toString()), turn(OUTSIDE_PROMPT,
            calls(call("read_file", "{\"path\":\"../pom.xml\"}", "files-outside-1")),
            answer(OUTSIDE_ANSWER, "Refused path '../pom.xml'")));

    private FilesSession() {
    }

    /** Writes the session to the file given as the argument, or to {@link #SHIPPED}. */
    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : SHIPPED;
        SESSION.write(file);
        System.out.println("Wrote " + file.toAbsolutePath());
    }
}
