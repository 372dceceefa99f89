package io.agent4j.examples;

import static io.agent4j.examples.ScriptedSession.answer;
import static io.agent4j.examples.ScriptedSession.callWithId;
import static io.agent4j.examples.ScriptedSession.calls;
import static io.agent4j.examples.ScriptedSession.turn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Writes {@code sessions/calc.json}, the scripted session of the calc example: a tiny scripted
 * model asks for {@code evaluate} and {@code convert} in parallel, then answers; the real
 * {@link CalcExample} agent runs the real tools in between, and the recording holds what passed
 * (see {@link ScriptedSession}). So the tool results in the file are exactly what the tools produce.
 *
 * <p>Re-create it after changing the example's instructions or tools, from the repository root:
 * {@code mvn -q -B install -DskipTests && mvn -q -B test -pl agent-examples -Dtest=CalcSessionTest
 * -Dagent4j.writeSession=true}.
 */
public final class CalcSession {

    /** Where the session is shipped, relative to the agent-examples module. */
    public static final Path SHIPPED = Path.of("sessions", "calc.json");
    /** The prompt of the session. */
    public static final String PROMPT = CalcExample.SAMPLE_PROMPT;
    /** The model's final answer in the session. */
    public static final String ANSWER = "17.5% of 2,340.80 EUR is 409.64 EUR, and 3.2 kg is "
            + "7.05479238991608 lb (about 7.05 lb).";
    /** The note that says the session was not captured from a live model. */
    public static final String COMMENT = ScriptedSession.COMMENT;

    /** The script. */
    public static final ScriptedSession SESSION = ScriptedSession.run("calc", Map.of(), turn(PROMPT,
            calls(callWithId("call_1J6hC9kqX4vYb2WnR8tLm3Pz", "evaluate", "{\"expression\":\"2340.80 * 17.5 / 100\"}"),
                    callWithId("call_7Qd2Vx5sN0aFk9GhT4yUe6Rc", "convert", "{\"value\":3.2,\"from\":\"kg\",\"to\":\"lb\"}")),
            answer(ANSWER, "409.64", "{\"value\":7.05479238991608,\"unit\":\"lb\"}")));

    private CalcSession() {
    }

    /** Writes the session to the file given as the argument, or to {@link #SHIPPED}. */
    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : SHIPPED;
        write(file);
        System.out.println("Wrote " + file.toAbsolutePath());
    }

    /** Runs the scripted session through the calc agent and writes the recording, with its comment. */
    public static void write(Path file) throws IOException {
        SESSION.write(file);
    }

    /** Reads a recording as JSON, to compare two of them. */
    public static JsonNode read(Path file) throws IOException {
        return ScriptedSession.read(file);
    }
}
