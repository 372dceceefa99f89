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

    private static Agent.Builder agent(EvalCase evalCase) {
        return Agent.builder().model(ScriptedChatModel.of(SCRIPTS.get(evalCase.id()))).tools(new Calculator())
                .prices(PriceTable.empty().with("priced", Price.of("1", "0.5", "2")));
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
                ? Agent.builder().model(ScriptedChatModel.of(reply().toolCall("add", "{\"a\":1,\"b\":1}")))
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
                        + "json_schema, tool (with optional arguments), max_steps, max_cost, judge.");
    }

    @Test
    void aRepeatedIdIsRefused(@TempDir Path dir) throws IOException {
        Path set = dir.resolve("twice.jsonl");
        String line = "{\"id\": \"a\", \"prompt\": \"p\", \"checks\": [{\"contains\": \"x\"}]}\n";
        Files.writeString(set, line + line);

        assertThatThrownBy(() -> EvalSet.load(set)).hasMessage(set + ", line 2: the id 'a' is taken by an earlier case.");
    }

    private static final Path CONVERSATION = Path.of("src/test/resources/evals/conversation.jsonl");

    @Test
    void aCaseWithAConversationIsSentAsItsNextTurnAfterTheInstructions() {
        ScriptedChatModel model = ScriptedChatModel.of(reply().toolCall("divide", "{\"a\":42,\"b\":6}").then()
                .text("42 / 6 is 7."));
        ScriptedChatModel judge = ScriptedChatModel.of(reply().text("{\"pass\": true, \"reason\": \"It says forty-two.\"}"));
        ScriptedChatModel graded = ScriptedChatModel.of(reply().text("Forty-two."));

        EvalReport report = EvalSet.load(CONVERSATION).run(c -> Agent.builder().instructions("You add and divide.")
                .tools(new Calculator()).model(c.id().equals("follow-up") ? model : graded), c -> Judge.of(judge));

        assertThat(report.results()).allSatisfy(r -> assertThat(r.problems()).isEmpty());
        assertThat(model.request(1).messages()).extracting(m -> m.role().name() + ": " + m.content()).containsExactly(
                "SYSTEM: You add and divide.", "USER: What is 19 + 23?", "ASSISTANT: 42", "USER: And that divided by 6?");
        assertThat(report.results().get(0).steps()).isEqualTo(2);
    }

    @Test
    void aJudgeSeesTheRubricThePromptAndTheAnswerAndItsReasonFailsTheCase() {
        ScriptedChatModel judge = ScriptedChatModel.of(reply().text(
                "{\"pass\": false, \"reason\": \"It gives the sum in digits, not in words.\"}"));

        EvalReport report = EvalSet.load(CONVERSATION).run(c -> Agent.builder().tools(new Calculator())
                .model(ScriptedChatModel.of(c.id().equals("graded") ? reply().text("42")
                        : reply().toolCall("divide", "{\"a\":42,\"b\":6}").then().text("7"))), c -> Judge.of(judge));

        assertThat(report.results().get(1).problems()).containsExactly(
                "the judge failed the answer: It gives the sum in digits, not in words.");
        String asked = judge.request(1).messages().get(1).content();
        assertThat(judge.request(1).messages().get(0).content()).isEqualTo(Judge.INSTRUCTIONS);
        assertThat(asked).contains("Rubric:\nThe answer says the sum is forty-two, in words.",
                "user: What is 19 + 23? Say it in words.", "Answer:\n42");
    }

    @Test
    void aJudgeThatCannotGradeFailsItsCaseSayingWhy() {
        EvalReport report = EvalSet.load(CONVERSATION).run(c -> Agent.builder().tools(new Calculator())
                .model(ScriptedChatModel.of(c.id().equals("graded") ? reply().text("Forty-two.")
                        : reply().toolCall("divide", "{\"a\":42,\"b\":6}").then().text("7"))),
                c -> (rubric, evalCase, result) -> {
                    throw new IllegalStateException("the judge's recording has no exchange left");
                });

        assertThat(report.results().get(1).problems()).containsExactly(
                "the judge could not grade the answer: the judge's recording has no exchange left");
    }

    @Test
    void aSetWithJudgeChecksNeedsAJudge() {
        assertThatThrownBy(() -> EvalSet.load(CONVERSATION).run(c -> Agent.builder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The eval set " + CONVERSATION + " has judge checks (in graded): run it with run(agents, "
                        + "judges), giving those cases a Judge such as Judge.of(model).");
    }

    @Test
    void aConversationOfAnotherShapeIsRefusedNamingItsLine(@TempDir Path dir) throws IOException {
        Path set = dir.resolve("tool.jsonl");
        Files.writeString(set, "{\"id\": \"a\", \"prompt\": \"p\", \"conversation\": [{\"role\": \"tool\", "
                + "\"content\": \"4\"}], \"checks\": [{\"contains\": \"x\"}]}\n");

        assertThatThrownBy(() -> EvalSet.load(set)).hasMessage(set + ", line 1: a \"conversation\" is an array of "
                + "{\"role\": \"user\" or \"assistant\", \"content\": \"...\"}; message 1 is {\"role\":\"tool\",\"content\":\"4\"}.");
    }
}
