package io.agent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.test.eval.EvalReport;
import io.agent4j.test.eval.EvalResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped recordings of each example's eval set ({@code evals/NAME/}) hold what a fresh scripted
 * run of the set writes ({@link ExampleEvals}): the same files, and in each the same messages, tool
 * results included, and responses. So the tool results in them are the tools' real output. With
 * {@code -Dagent4j.writeSession=true} the test rewrites the shipped files from the fresh run.
 */
class ExampleEvalsTest {

    @Test
    void theCalcSetsRecordingsMatchAFreshScriptedRun(@TempDir Path dir) throws Exception {
        EvalReport report = assertShippedMatchesAFreshRun(ExampleEvals.CALC, dir);

        assertThat(report.results()).extracting(r -> r.evalCase().id()).containsExactly("percent", "feet",
                "both-at-once", "follow-up", "explains");
        assertThat(names(ExampleEvals.CALC.shipped())).contains("explains.judge.json");
    }

    @Test
    void theTravelSetsRecordingsMatchAFreshScriptedRun(@TempDir Path dir) throws Exception {
        EvalReport report = assertShippedMatchesAFreshRun(ExampleEvals.TRAVEL, dir);

        assertThat(report.results()).extracting(r -> r.evalCase().id()).containsExactly("distance", "nights",
                "arrival");
        assertThat(names(ExampleEvals.TRAVEL.shipped())).contains("arrival.judge.json");
    }

    private static EvalReport assertShippedMatchesAFreshRun(ExampleEvals evals, Path dir) throws Exception {
        EvalReport report = evals.write(dir);
        if (Boolean.getBoolean("agent4j.writeSession")) {
            Files.createDirectories(evals.shipped());
            for (String file : names(dir)) {
                Files.copy(dir.resolve(file), evals.shipped().resolve(file),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(report.results()).allMatch(EvalResult::passed);
        assertThat(names(evals.shipped())).isEqualTo(names(dir));
        for (String file : names(dir)) {
            ScriptedSession.assertSameExchanges(evals.shipped().resolve(file), dir.resolve(file));
        }
        return report;
    }

    @Test
    void theFollowUpsRecordingSendsTheConversationBeforeItsPrompt() throws Exception {
        var messages = ScriptedSession.read(ExampleEvals.CALC.shipped().resolve("follow-up.json")).at("/exchanges/0/request/messages");

        assertThat(messages.valueStream().map(m -> m.path("role").asString() + ": " + m.path("content").asString())
                .toList()).containsExactly("system: " + CalcExample.INSTRUCTIONS, "user: What is 12 * 7?",
                "assistant: 12 * 7 is 84.", "user: And that plus 16?");
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
