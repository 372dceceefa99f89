package io.agent4j.test.eval;

import static io.agent4j.test.ScriptedChatModel.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.Agent;
import io.agent4j.test.Calculator;
import io.agent4j.test.ScriptedChatModel;
import io.agent4j.usage.Price;
import io.agent4j.usage.PriceTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EvalSetTest {

    private static final Path SET = Path.of("src/test/resources/evals/calculator.jsonl");

    /** The model's turns for each case: the calculator's tools run for real. */
    private static final Map<String, ScriptedChatModel.Script> SCRIPTS = Map.of(
            "adds", reply().model("priced").usage(100, 10).toolCall("add", "{\"a\":19,\"b\":23}").then().usage(120, 2)
                    .text("42"),
            "divides", reply().model("priced").usage(100, 10).toolCall("divide", "{\"a\":6,\"b\":3}").then()
                    .usage(120, 2).text("The answer is 2."),
            "as-json", reply().model("priced").usage(100, 10).text("{\"sum\": 5}"),
            "wrong", reply().model("priced").usage(100, 10).text("I think it is 5."));

    private static Agent agent(EvalCase evalCase) {
        return Agent.builder().model(ScriptedChatModel.of(SCRIPTS.get(evalCase.id()))).tools(new Calculator())
                .prices(PriceTable.empty().with("priced", Price.of("1", "0.5", "2"))).build();
    }

    @Test
    void eachCaseRunsAgainstItsAgentAndIsCheckedOnItsResult() {
        EvalReport report = EvalSet.load(SET).run(EvalSetTest::agent);

        assertThat(report.name()).isEqualTo("calculator");
        assertThat(report.results()).extracting(r -> r.evalCase().id()).containsExactly("adds", "divides", "as-json",
                "wrong");
        assertThat(report.results()).extracting(EvalResult::passed).containsExactly(true, true, true, false);
        assertThat(report.results().get(3).problems()).containsExactly(
                "the answer does not contain \"4\"",
                "tool 'add' was not called (called: [])");
        assertThat(report.passRate()).isEqualTo(0.75);
        assertThat(report.passes(0.75)).isTrue();
        assertThat(report.passes(0.9)).isFalse();
    }

    @Test
    void theTableShowsEveryCaseTheProblemsAndASummary() {
        String table = EvalSet.load(SET).run(EvalSetTest::agent).table();

        assertThat(table).contains("case     ", "steps", "tokens", "cost", "time")
                .containsPattern("adds +pass +2 +232 +\\$0\\.000")
                .containsPattern("wrong +FAIL +1 +110")
                .contains("    the answer does not contain \"4\"")
                .endsWith("3 of 4 passed (75%)" + System.lineSeparator());
    }

    @Test
    void theJunitXmlHasACasePerEvalAndAFailurePerFailedOne(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("TEST-calculator.xml");
        Files.writeString(xml, EvalSet.load(SET).run(EvalSetTest::agent).junitXml());

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertThat(document.getDocumentElement().getAttribute("name")).isEqualTo("calculator");
        assertThat(document.getDocumentElement().getAttribute("tests")).isEqualTo("4");
        assertThat(document.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(document.getElementsByTagName("testcase").getLength()).isEqualTo(4);
        assertThat(document.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message")
                .getNodeValue()).isEqualTo("the answer does not contain \"4\"");
    }

    @Test
    void theJsonIsForPrograms() {
        JsonNode json = JsonMapper.builder().build().readTree(EvalSet.load(SET).run(EvalSetTest::agent).json());

        assertThat(json.get("pass_rate").asDouble()).isEqualTo(0.75);
        assertThat(json.at("/cases/0/id").asString()).isEqualTo("adds");
        assertThat(json.at("/cases/0/steps").asInt()).isEqualTo(2);
        assertThat(json.at("/cases/3/passed").asBoolean()).isFalse();
    }

    @Test
    void aRunThatThrowsFailsItsCaseAndTheOthersStillRun() {
        EvalReport report = EvalSet.load(SET).run(c -> c.id().equals("adds")
                ? Agent.builder().model(ScriptedChatModel.of(reply().toolCall("add", "{\"a\":1,\"b\":1}"))).build()
                : agent(c));

        assertThat(report.results().get(0).problems()).singleElement().asString()
                .startsWith("the run failed: The scripted model has 1 reply but the agent asked for reply 2");
        assertThat(report.results().get(1).passed()).isTrue();
    }

    @Test
    void aBadLineIsRefusedNamingItsLine(@TempDir Path dir) throws IOException {
        Path set = dir.resolve("bad.jsonl");
        Files.writeString(set, "{\"id\": \"a\", \"prompt\": \"p\", \"checks\": [{\"contains\": \"x\"}]}\n\n"
                + "{\"id\": \"b\", \"prompt\": \"p\", \"checks\": [{\"similar_to\": \"x\"}]}\n");

        assertThatThrownBy(() -> EvalSet.load(set))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(set + ", line 3: the check {\"similar_to\":\"x\"} is none of equals, contains, regex, "
                        + "json_schema, tool (with optional arguments), max_steps, max_cost.");
    }

    @Test
    void aRepeatedIdIsRefused(@TempDir Path dir) throws IOException {
        Path set = dir.resolve("twice.jsonl");
        String line = "{\"id\": \"a\", \"prompt\": \"p\", \"checks\": [{\"contains\": \"x\"}]}\n";
        Files.writeString(set, line + line);

        assertThatThrownBy(() -> EvalSet.load(set)).hasMessage(set + ", line 2: the id 'a' is taken by an earlier case.");
    }
}
