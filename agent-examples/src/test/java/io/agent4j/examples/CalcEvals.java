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
 * Writes the recordings of {@code evals/calc.jsonl}, the calc example's eval set, into
 * {@code evals/calc/}: one per case ({@code ID.json}), and one per judged case of its judge
 * ({@code ID.judge.json}). Each case's model side is scripted (see {@link ScriptedSession}), the
 * real calc tools run in between, and the set is run as {@code agent4j eval} runs it ({@link EvalSet},
 * a conversation's case as the next turn of that conversation), recorded as it goes. The responses
 * carry the model name {@code gpt-4o-mini}, so that the price table prices the runs; the token counts
 * are estimates.
 *
 * <p>Re-create them after changing the example or the set, from the repository root:
 * {@code mvn -q -B install -DskipTests && mvn -q -B test -pl agent-examples -Dtest=CalcEvalsTest
 * -Dagent4j.writeSession=true}; against a live model, with
 * {@code bin/agent4j eval agent-examples/evals/calc.jsonl --example calc --record-dir agent-examples/evals/calc}.
 */
public final class CalcEvals {

    /** The eval set, relative to the agent-examples module. */
    public static final Path SET = Path.of("evals", "calc.jsonl");
    /** Where its recordings are shipped. */
    public static final Path SHIPPED = Path.of("evals", "calc");
    /** The model name the scripted responses carry. */
    public static final String MODEL = "gpt-4o-mini";

    private static final Map<String, ScriptedSession> CASES = Map.of(
            "percent", script(turn("What is 17.5% of 2,340.80 EUR?",
                    calls(call("evaluate", "{\"expression\":\"2340.80 * 17.5 / 100\"}", "eval-percent-1")),
                    answer("17.5% of 2,340.80 EUR is 409.64 EUR.", "409.64"))),
            "feet", script(turn("How many feet is 1.8 m?",
                    calls(call("convert", "{\"value\":1.8,\"from\":\"m\",\"to\":\"ft\"}", "eval-feet-1")),
                    answer("1.8 m is 5.90551181102362 ft (about 5.91 ft).", "5.90551181102362"))),
            "both-at-once", script(turn("What is 2^10 - 1, and how many kilometres is 26.2 miles?",
                    calls(call("evaluate", "{\"expression\":\"2^10 - 1\"}", "eval-both-1"),
                            call("convert", "{\"value\":26.2,\"from\":\"mi\",\"to\":\"km\"}", "eval-both-2")),
                    answer("2^10 - 1 is 1023, and 26.2 miles is 42.1648128 km (about 42.16 km).", "1023",
                            "42.1648128"))),
            "follow-up", script(turn("And that plus 16?",
                    calls(call("evaluate", "{\"expression\":\"84 + 16\"}", "eval-follow-up-1")),
                    answer("84 + 16 is 100.", "100"))),
            "explains", script(turn("What is 15% of 80? Say how you got it.",
                    calls(call("evaluate", "{\"expression\":\"80 * 15 / 100\"}", "eval-explains-1")),
                    answer("15% of 80 is 12: I had the evaluate tool compute 80 * 15 / 100.", "12"))));

    private static final Map<String, ScriptedChatModel.Script> JUDGES = Map.of(
            "explains", reply().model(MODEL).usage(260, 28).text("{\"pass\":true,\"reason\":\"The answer gives 12 and "
                    + "says it computed 80 * 15 / 100 with a tool.\"}"));

    private CalcEvals() {
    }

    private static ScriptedSession script(ScriptedSession.Turn turn) {
        return ScriptedSession.run("calc", Map.of(), turn).respondingAs(MODEL);
    }

    /**
     * Runs the eval set over the scripted models, recording each case and judge into {@code dir},
     * each recording marked as scripted.
     *
     * @throws IllegalStateException when a case does not pass: the script no longer fits the tools or the checks
     */
    public static EvalReport write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Example calc = Examples.find("calc").orElseThrow();
        EvalReport report = EvalSet.load(SET).run(
                evalCase -> calc.newBuilder(Map.of()).model(new RecordingChatModel(CASES.get(evalCase.id()).model(),
                        fresh(dir.resolve(evalCase.id() + ".json")))),
                evalCase -> Judge.of(new RecordingChatModel(ScriptedChatModel.of(JUDGES.get(evalCase.id())),
                        fresh(dir.resolve(evalCase.id() + ".judge.json")))));
        if (report.passRate() < 1) {
            throw new IllegalStateException("The scripted eval set no longer passes:\n" + report.table());
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
