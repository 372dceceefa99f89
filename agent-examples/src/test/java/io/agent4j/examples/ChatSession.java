package io.agent4j.examples;

import static io.agent4j.examples.ScriptedSession.answer;
import static io.agent4j.examples.ScriptedSession.call;
import static io.agent4j.examples.ScriptedSession.calls;
import static io.agent4j.examples.ScriptedSession.turn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The scripted session of the chat example, {@code sessions/chat.json}: a conversation of three
 * turns, as {@code agent4j chat --example chat} makes it from three lines of standard input. The
 * second turn refers to the first ("that last day"), so it only makes sense with the history; the
 * third calls two tools in parallel.
 *
 * <p>Re-create it with {@code mvn -q -B test -pl agent-examples -Dtest=ChatSessionTest
 * -Dagent4j.writeSession=true}.
 */
public final class ChatSession {

    /** Where the session is shipped, relative to the agent-examples module. */
    public static final Path SHIPPED = Path.of("sessions", "chat.json");
    /** The lines typed, one per turn. */
    public static final List<String> PROMPTS = ChatExample.SAMPLE_PROMPTS;
    /** The answers, one per turn. */
    public static final List<String> ANSWERS = List.of(
            "There are 286 days from 2026-03-14 to 2026-12-25 (9 months and 11 days).",
            "When your flight leaves Seoul at 09:00 on 2026-12-25, it is 19:00 on Thursday 2026-12-24 in New York.",
            "15% of 1,240 USD is 186 USD, and a 50 lb suitcase weighs 22.6796185 kg (about 22.7 kg).");

    /** The script. */
    public static final ScriptedSession SESSION = ScriptedSession.chat("chat", Map.of(),
            turn(PROMPTS.get(0),
                    calls(call("date_difference", "{\"start\":\"2026-03-14\",\"end\":\"2026-12-25\"}", "chat-1")),
                    answer(ANSWERS.get(0), "\"days\":286,", "\"period\":\"P9M11D\"")),
            turn(PROMPTS.get(1),
                    calls(call("convert_time_zone", "{\"dateTime\":\"2026-12-25T09:00\",\"fromZone\":\"Asia/Seoul\","
                            + "\"toZone\":\"America/New_York\"}", "chat-2")),
                    answer(ANSWERS.get(1), "\"to\":\"2026-12-24T19:00:00-05:00[America/New_York]\"",
                            "\"dayOfWeek\":\"THURSDAY\"")),
            turn(PROMPTS.get(2),
                    calls(call("percentOf", "{\"percent\":\"15\",\"value\":\"1240\"}", "chat-3"),
                            call("convert", "{\"value\":50,\"from\":\"lb\",\"to\":\"kg\"}", "chat-4")),
                    answer(ANSWERS.get(2), "186", "{\"value\":22.6796185,\"unit\":\"kg\"}")));

    private ChatSession() {
    }

    /** Writes the session to the file given as the argument, or to {@link #SHIPPED}. */
    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : SHIPPED;
        SESSION.write(file);
        System.out.println("Wrote " + file.toAbsolutePath());
    }
}
