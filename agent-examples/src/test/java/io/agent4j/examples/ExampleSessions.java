package io.agent4j.examples;

import java.nio.file.Path;
import java.util.List;

/** The shipped session of each example and the answers it replays, for tests of the command line. */
public final class ExampleSessions {

    private ExampleSessions() {
    }

    /** The shipped session of the example, relative to the agent-examples module. */
    public static Path shipped(String example) {
        return Path.of("sessions", example + ".json");
    }

    /**
     * The answers that replaying the example's session prints, one per turn.
     *
     * @throws IllegalArgumentException for an example without a scripted session here
     */
    public static List<String> answers(String example) {
        return switch (example) {
            case "calc" -> List.of(CalcSession.ANSWER);
            case "files" -> List.of(FilesSession.ANSWER);
            case "files-mcp" -> List.of(FilesMcpSession.ANSWER);
            case "notes" -> List.of(NotesSession.ANSWER);
            case "sql" -> List.of(SqlSession.ANSWER);
            case "travel" -> List.of(TravelSession.ANSWER);
            case "receipt" -> List.of(ReceiptSession.ANSWER);
            case "expenses" -> List.of(ExpensesSession.ANSWER);
            case "chat" -> ChatSession.ANSWERS;
            default -> throw new IllegalArgumentException("No scripted session for the example '" + example
                    + "'; add one like CalcSession, and list it here.");
        };
    }
}
