package io.agent4j.examples;

import static io.agent4j.examples.ScriptedSession.answer;
import static io.agent4j.examples.ScriptedSession.call;
import static io.agent4j.examples.ScriptedSession.calls;
import static io.agent4j.examples.ScriptedSession.turn;
import static io.agent4j.test.ScriptedChatModel.reply;

import io.agent4j.replay.RecordingChatModel;
import io.agent4j.test.ScriptedChatModel;
import io.agent4j.test.eval.EvalReport;
import io.agent4j.test.eval.EvalSet;
import io.agent4j.test.eval.Judge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The eval sets the examples ship, {@code evals/NAME.jsonl}, and the writer of their recordings in
 * {@code evals/NAME/}: one per case ({@code ID.json}), and one per judged case of its judge
 * ({@code ID.judge.json}). Each case's model side is scripted (see {@link ScriptedSession}), the
 * example's real tools run in between, and the set is run as {@code agent4j eval} runs it
 * ({@link EvalSet}, a conversation's case as the next turn of that conversation), recorded as it
 * goes. The responses carry the model name {@code gpt-4o-mini}, so that the price table prices the
 * runs; the token counts are estimates.
 *
 * <p>Re-create them after changing an example or its set, from the repository root:
 * {@code mvn -q -B install -DskipTests && mvn -q -B test -pl agent-examples -Dtest=ExampleEvalsTest
 * -Dagent4j.writeSession=true}; against a live model, with
 * {@code bin/agent4j eval agent-examples/evals/calc.jsonl --example calc --record-dir agent-examples/evals/calc}.
 *
 * @param example the example's name
 * @param cases the scripted model of each case, by id
 * @param judges the scripted judge of each judged case, by id
 */
public record ExampleEvals(String example, Map<String, ScriptedSession> cases,
        Map<String, ScriptedChatModel.Script> judges) {

    /** The model name the scripted responses carry. */
    public static final String MODEL = "gpt-4o-mini";

    /** The calc example's set: a percentage, a conversion, both at once, a follow-up, and a judged explanation. */
    public static final ExampleEvals CALC = new ExampleEvals("calc", Map.of(
            "percent", script("calc", turn("What is 17.5% of 2,340.80 EUR?",
                    calls(call("evaluate", "{\"expression\":\"2340.80 * 17.5 / 100\"}", "eval-percent-1")),
                    answer("17.5% of 2,340.80 EUR is 409.64 EUR.", "409.64"))),
            "feet", script("calc", turn("How many feet is 1.8 m?",
                    calls(call("convert", "{\"value\":1.8,\"from\":\"m\",\"to\":\"ft\"}", "eval-feet-1")),
                    answer("1.8 m is 5.90551181102362 ft (about 5.91 ft).", "5.90551181102362"))),
            "both-at-once", script("calc", turn("What is 2^10 - 1, and how many kilometres is 26.2 miles?",
                    calls(call("evaluate", "{\"expression\":\"2^10 - 1\"}", "eval-both-1"),
                            call("convert", "{\"value\":26.2,\"from\":\"mi\",\"to\":\"km\"}", "eval-both-2")),
                    answer("2^10 - 1 is 1023, and 26.2 miles is 42.1648128 km (about 42.16 km).", "1023",
                            "42.1648128"))),
            "follow-up", script("calc", turn("And that plus 16?",
                    calls(call("evaluate", "{\"expression\":\"84 + 16\"}", "eval-follow-up-1")),
                    answer("84 + 16 is 100.", "100"))),
            "explains", script("calc", turn("What is 15% of 80? Say how you got it.",
                    calls(call("evaluate", "{\"expression\":\"80 * 15 / 100\"}", "eval-explains-1")),
                    answer("15% of 80 is 12: I had the evaluate tool compute 80 * 15 / 100.", "12")))),
            Map.of("explains", reply().model(MODEL).usage(260, 28).text("{\"pass\":true,\"reason\":\"The answer "
                    + "gives 12 and says it computed 80 * 15 / 100 with a tool.\"}")));

    /** The travel example's set: a distance, the nights of a stay, and a judged arrival time. */
    public static final ExampleEvals TRAVEL = new ExampleEvals("travel", Map.of(
            "distance", script("travel", turn("How far is Seoul from Paris as the crow flies?",
                    calls(call("city_distance", "{\"from\":\"Seoul\",\"to\":\"Paris\"}", "eval-distance-1")),
                    answer("Seoul to Paris is 8,966 km (5,571 miles) as the crow flies.",
                            "\"kilometres\":8966,\"miles\":5571"))),
            "nights", script("travel", turn("How many nights is a stay from 2026-03-28 to 2026-04-12?",
                    calls(call("date_difference", "{\"start\":\"2026-03-28\",\"end\":\"2026-04-12\"}",
                            "eval-nights-1")),
                    answer("From 2026-03-28 to 2026-04-12 is 15 nights.", "\"days\":15,"))),
            "arrival", script("travel", turn("I fly from Seoul to Paris at 10:30 on 2026-03-28; the flight takes "
                    + "11 h 50 min. When do I land, in Paris time?",
                    calls(call("flight_arrival", "{\"trip\":{\"from\":\"Seoul\",\"to\":\"Paris\","
                            + "\"departure\":\"2026-03-28T10:30\",\"flightTime\":\"PT11H50M\"}}", "eval-arrival-1")),
                    answer("You land in Paris at 14:20 local time on Saturday 2026-03-28, the same day.",
                            "\"arrivalLocalTime\":\"2026-03-28T14:20:00\"")))),
            Map.of("arrival", reply().model(MODEL).usage(240, 26).text("{\"pass\":true,\"reason\":\"The answer "
                    + "gives 14:20 on 2026-03-28 in Paris time.\"}")));

    /** Checks and copies the maps. */
    public ExampleEvals {
        cases = Map.copyOf(cases);
        judges = Map.copyOf(judges);
    }

    /** The eval set, relative to the agent-examples module. */
    public Path set() {
        return Path.of("evals", example + ".jsonl");
    }

    /** Where its recordings are shipped, relative to the agent-examples module. */
    public Path shipped() {
        return Path.of("evals", example);
    }

    private static ScriptedSession script(String example, ScriptedSession.Turn turn) {
        return ScriptedSession.run(example, Map.of(), turn).respondingAs(MODEL);
    }

    /**
     * Runs the eval set over the scripted models, recording each case and judge into {@code dir},
     * each recording marked as scripted.
     *
     * @throws IllegalStateException when a case does not pass: the script no longer fits the tools or the checks
     */
    public EvalReport write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Example chosen = Examples.find(example).orElseThrow();
        EvalReport report = EvalSet.load(set()).run(
                evalCase -> chosen.newBuilder(Map.of()).model(new RecordingChatModel(cases.get(evalCase.id()).model(),
                        fresh(dir.resolve(evalCase.id() + ".json")))),
                evalCase -> Judge.of(new RecordingChatModel(ScriptedChatModel.of(judges.get(evalCase.id())),
                        fresh(dir.resolve(evalCase.id() + ".judge.json")))));
        if (report.passRate() < 1) {
            throw new IllegalStateException("The scripted eval set " + set() + " no longer passes:\n" + report.table());
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                ScriptedSession.markScripted(file);
            }
        }
        return report;
    }

    private static Path fresh(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
