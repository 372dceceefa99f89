package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code agent4j eval}: the calc example's shipped eval set passes offline over its recordings; a
 * case that fails shows its problem and, below {@code --min-pass}, exits 12; the report is a
 * table, JUnit XML and JSON; a live run records each case (and its judge) for a replay later; and
 * each usage error says what to give instead.
 */
class EvalCommandTest {

    private static final String SET = "evals/calc.jsonl";
    private static final String RECORDINGS = "evals/calc";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final WireMockExtension SERVER = FakeOpenAi.extension();

    @Test
    void theShippedCalcSetPassesOfflineWithATableAndJunitXml(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("reports/TEST-calc.xml");

        Cli.Result result = Cli.run("eval", SET, "--example", "calc", "--replay-dir", RECORDINGS, "--junit-xml",
                xml.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("case ")
                .containsPattern("percent +pass +2 +\\d+ +\\$0\\.000\\d+ +\\d+ ms")
                .containsPattern("follow-up +pass +2 ")
                .containsPattern("explains +pass +2 ")
                .endsWith("5 of 5 passed (100%)" + System.lineSeparator());
        assertThat(result.err()).contains("JUnit XML: " + xml);
        Document report = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertThat(report.getDocumentElement().getAttribute("name")).isEqualTo("calc");
        assertThat(report.getDocumentElement().getAttribute("tests")).isEqualTo("5");
        assertThat(report.getDocumentElement().getAttribute("failures")).isEqualTo("0");
    }

    @Test
    void everyExamplesShippedSetPassesOfflineOverItsRecordings(@TempDir Path dir) throws Exception {
        List<Path> sets;
        try (var files = Files.list(Path.of("evals"))) {
            sets = files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }

        assertThat(sets).extracting(f -> f.getFileName().toString()).contains("calc.jsonl", "travel.jsonl");
        for (Path set : sets) {
            String example = set.getFileName().toString().replace(".jsonl", "");
            Cli.Result result = Cli.run("eval", set.toString(), "--example", example, "--replay-dir", "evals/" + example,
                    "--junit-xml", dir.resolve("TEST-" + example + ".xml").toString());

            assertThat(result.exitCode()).as("%s%n%s%s", set, result.out(), result.err()).isZero();
            assertThat(result.out()).as(set.toString()).doesNotContain("FAIL").containsPattern("(\\d+) of \\1 passed");
        }
    }

    @Test
    void aFailingCaseShowsItsProblemAndBelowMinPassTheCommandExits12(@TempDir Path dir) throws Exception {
        Path set = dir.resolve("calc.jsonl");
        Files.writeString(set, Files.readString(Path.of(SET)).replace("{\"contains\": \"409.64\"}",
                "{\"contains\": \"409.65\"}"));
        Path xml = dir.resolve("TEST-calc.xml");

        Cli.Result all = Cli.run("eval", set.toString(), "--example", "calc", "--replay-dir", RECORDINGS,
                "--junit-xml", xml.toString());
        Cli.Result most = Cli.run("eval", set.toString(), "--example", "calc", "--replay-dir", RECORDINGS,
                "--junit-xml", xml.toString(), "--min-pass", "0.8");

        assertThat(all.exitCode()).as(all.err()).isEqualTo(12);
        assertThat(all.out()).containsPattern("percent +FAIL +2 ")
                .contains("    the answer does not contain \"409.65\"")
                .endsWith("4 of 5 passed (80%)" + System.lineSeparator());
        assertThat(most.exitCode()).as(most.err()).isZero();
        Document report = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertThat(report.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(report.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message")
                .getNodeValue()).isEqualTo("the answer does not contain \"409.65\"");
    }

    @Test
    void jsonIsOneObjectOnStdout(@TempDir Path dir) throws Exception {
        Cli.Result result = Cli.run("eval", SET, "--example", "calc", "--replay-dir", RECORDINGS, "--json",
                "--junit-xml", dir.resolve("TEST-calc.xml").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.get("name").asString()).isEqualTo("calc");
        assertThat(report.get("pass_rate").asDouble()).isEqualTo(1.0);
        assertThat(report.get("cases").valueStream().map(c -> c.get("id").asString()).toList())
                .containsExactly("percent", "feet", "both-at-once", "follow-up", "explains");
        assertThat(report.at("/cases/0/steps").asInt()).isEqualTo(2);
        assertThat(report.at("/cases/0/cost").isNumber()).isTrue();
    }

    @Test
    void withoutJunitXmlTheReportGoesUnderTargetOfTheWorkingFolder(@TempDir Path dir) throws Exception {
        Path recordings = Path.of(RECORDINGS).toAbsolutePath();
        Path set = Path.of(SET).toAbsolutePath();

        Cli.Result result = CliProcess.runIn(dir, "eval", set.toString(), "--example", "calc", "--replay-dir",
                recordings.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("JUnit XML: target/agent4j-eval/TEST-calc.xml");
        assertThat(Files.readString(dir.resolve("target/agent4j-eval/TEST-calc.xml")))
                .contains("<testsuite name=\"calc\" tests=\"5\" failures=\"0\"");
    }

    @Test
    void aProcessBelowMinPassExits12(@TempDir Path dir) throws Exception {
        Path set = dir.resolve("calc.jsonl");
        Files.writeString(set, Files.readString(Path.of(SET)).replace("{\"contains\": \"100\"}",
                "{\"contains\": \"101\"}"));

        Cli.Result result = CliProcess.runIn(dir, "eval", set.toString(), "--example", "calc", "--replay-dir",
                Path.of(RECORDINGS).toAbsolutePath().toString(), "--min-pass", "0.9");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(12);
        assertThat(result.out()).containsPattern("follow-up +FAIL ").contains("4 of 5 passed (80%)");
    }

    @Test
    void aLiveRunRecordsEachCaseAndItsJudgeForAReplayLater(@TempDir Path dir) throws Exception {
        Path set = Files.writeString(dir.resolve("live.jsonl"), "{\"id\": \"adds\", \"prompt\": \"What is 19 + 23?\", "
                + "\"checks\": [{\"contains\": \"42\"}, {\"tool\": \"evaluate\"}, {\"judge\": \"It says 42.\"}]}\n");
        FakeOpenAi.script(SERVER, FakeOpenAi.toolCalls(new String[] {"call_1", "evaluate", "{\"expression\":\"19 + 23\"}"}),
                FakeOpenAi.answer("19 + 23 is 42."),
                FakeOpenAi.answer("{\"pass\": true, \"reason\": \"It says 42.\"}"));
        Path recordings = dir.resolve("recordings");
        Map<String, String> env = Map.of("OPENAI_API_KEY", FakeOpenAi.KEY);

        Cli.Result recorded = Cli.run(env, "eval", set.toString(), "--example", "calc", "--base-url",
                FakeOpenAi.baseUrl(SERVER), "--record-dir", recordings.toString(), "--judge-model", "gpt-4o",
                "--junit-xml", dir.resolve("a.xml").toString());
        Cli.Result replayed = Cli.run("eval", set.toString(), "--example", "calc", "--replay-dir",
                recordings.toString(), "--junit-xml", dir.resolve("b.xml").toString());

        assertThat(recorded.exitCode()).as(recorded.err()).isZero();
        assertThat(recorded.out()).containsPattern("adds +pass +2 ");
        List<JsonNode> requests = FakeOpenAi.requests(SERVER);
        assertThat(requests).hasSize(3);
        assertThat(requests.get(2).get("model").asString()).isEqualTo("gpt-4o");
        assertThat(requests.get(2).at("/messages/1/content").asString()).contains("Rubric:\nIt says 42.",
                "Answer:\n19 + 23 is 42.");
        assertThat(Files.readString(recordings.resolve("adds.json"))).contains("19 + 23 is 42.")
                .doesNotContain(FakeOpenAi.KEY);
        assertThat(Files.readString(recordings.resolve("adds.judge.json"))).contains("It says 42.");
        assertThat(replayed.exitCode()).as(replayed.err()).isZero();
        assertThat(replayed.out()).containsPattern("adds +pass +2 ").contains("1 of 1 passed (100%)");
        assertThat(FakeOpenAi.requests(SERVER)).hasSize(3);
    }

    @Test
    void aLiveRunWithoutAKeyExits3BeforeAnyCase(@TempDir Path dir) {
        Cli.Result result = Cli.run("eval", SET, "--example", "calc", "--base-url", FakeOpenAi.baseUrl(SERVER),
                "--junit-xml", dir.resolve("a.xml").toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).startsWith("agent4j: No API key");
        assertThat(result.out()).isEmpty();
        assertThat(FakeOpenAi.requests(SERVER)).isEmpty();
    }

    @Test
    void aMissingRecordingIsAUsageErrorNamingIt(@TempDir Path dir) throws Exception {
        Path recordings = Files.createDirectories(dir.resolve("recordings"));
        Files.copy(Path.of(RECORDINGS, "percent.json"), recordings.resolve("percent.json"));

        Cli.Result result = Cli.run("eval", SET, "--example", "calc", "--replay-dir", recordings.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--replay-dir " + recordings + ": no recording " + recordings.resolve("feet.json")
                + ", " + recordings.resolve("both-at-once.json") + ", " + recordings.resolve("follow-up.json") + ", "
                + recordings.resolve("explains.json") + ", " + recordings.resolve("explains.judge.json")
                + "; record the cases with --record-dir " + recordings + " against a live model");
    }

    @Test
    void eachUsageErrorSaysWhatToGive(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"id\": \"a\", \"prompt\": \"p\"}\n");

        assertThat(Cli.run("eval", SET, "--example", "calc", "--replay", "sessions/calc.json").err())
                .contains("give --replay-dir DIR or --record-dir DIR instead of --replay or --record");
        assertThat(Cli.run("eval", SET, "--example", "calc", "--replay-dir", RECORDINGS, "--min-pass", "90").err())
                .contains("--min-pass 90.0: must be from 0 to 1, e.g. 0.9 for nine cases in ten");
        assertThat(Cli.run("eval", "nowhere.jsonl", "--example", "calc").err())
                .contains("nowhere.jsonl: no such file; give an eval set, a .jsonl file of cases");
        Cli.Result malformed = Cli.run("eval", bad.toString(), "--example", "calc", "--replay-dir", RECORDINGS);
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains(bad + ", line 1: case 'a' has no \"checks\".");
        assertThat(Cli.run("eval", SET, "--example", "calc", "--replay-dir", "sessions/calc.json").err())
                .contains("--replay-dir sessions/calc.json: no such folder");
        assertThat(Cli.run("eval", SET, "--example", "expenses", "--replay-dir", RECORDINGS).err())
                .contains("--example expenses answers with a typed value");
    }
}
