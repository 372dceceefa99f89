package io.agent4j.examples;

import static io.agent4j.examples.ScriptedSession.answer;
import static io.agent4j.examples.ScriptedSession.call;
import static io.agent4j.examples.ScriptedSession.calls;
import static io.agent4j.examples.ScriptedSession.turn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The scripted session of the travel example, {@code sessions/travel.json}: the model calls
 * {@code flight_arrival} (with a {@code Trip} record as its argument), {@code city_distance} and
 * {@code date_difference} in one step, then answers. Fixed dates only, so it replays the same on
 * any day.
 *
 * <p>Re-create it with {@code mvn -q -B test -pl agent-examples -Dtest=TravelSessionTest
 * -Dagent4j.writeSession=true}.
 */
public final class TravelSession {

    /** Where the session is shipped, relative to the agent-examples module. */
    public static final Path SHIPPED = Path.of("sessions", "travel.json");
    /** The prompt of the session. */
    public static final String PROMPT = TravelExample.SAMPLE_PROMPT;
    /** The model's final answer in the session. */
    public static final String ANSWER = "You land in Paris at 14:20 local time on Saturday 2026-03-28, "
            + "the same day, as Paris is 8 h behind Seoul. Seoul to Paris is 8,966 km (5,571 miles) as the crow "
            + "flies, and from 2026-03-28 to 2026-04-12 you are away 15 nights.";

    /** The script. */
    public static final ScriptedSession SESSION = ScriptedSession.run("travel", Map.of(), turn(PROMPT,
            calls(call("flight_arrival", "{\"trip\":{\"from\":\"Seoul\",\"to\":\"Paris\","
                            + "\"departure\":\"2026-03-28T10:30\",\"flightTime\":\"PT11H50M\"}}", "travel-1"),
                    call("city_distance", "{\"from\":\"Seoul\",\"to\":\"Paris\"}", "travel-2"),
                    call("date_difference", "{\"start\":\"2026-03-28\",\"end\":\"2026-04-12\"}", "travel-3")),
            answer(ANSWER, "\"arrivalLocalTime\":\"2026-03-28T14:20:00\",\"arrivalDay\":\"SATURDAY\"",
                    "\"clockDifference\":\"8 h behind\"", "\"kilometres\":8966,\"miles\":5571", "\"days\":15,")));

    private TravelSession() {
    }

    /** Writes the session to the file given as the argument, or to {@link #SHIPPED}. */
    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : SHIPPED;
        SESSION.write(file);
        System.out.println("Wrote " + file.toAbsolutePath());
    }
}
