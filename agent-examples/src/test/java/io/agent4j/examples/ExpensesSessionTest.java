package io.agent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.Agent;
import io.agent4j.TypedResult;
import io.agent4j.answer.AnswerType;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.examples.expenses.Category;
import io.agent4j.examples.expenses.Expense;
import io.agent4j.examples.expenses.ExpenseReport;
import io.agent4j.replay.ReplayChatModel;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The expenses example: its shipped session, replayed end to end with the real files tools on the
 * sample folder, gives the typed report after one repair.
 */
class ExpensesSessionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void shippedSessionMatchesAFreshScriptedRun(@TempDir Path dir) throws Exception {
        ExpensesSession.SESSION.assertShippedMatchesAFreshRun(ExpensesSession.SHIPPED, dir);
    }

    @Test
    void theReplayReadsTheReceiptsAndGivesTheReportAfterOneRepair() throws Exception {
        ReplayChatModel replay = ReplayChatModel.load(ExpensesSession.SHIPPED);
        TypedResult<ExpenseReport> result;
        try (Agent agent = ExpensesExample.builder(ExpensesSession.FOLDER.toString()).model(replay).build()) {
            result = agent.run(ExpensesExample.SAMPLE_PROMPT, ExpenseReport.class);
        }

        ExpenseReport report = result.value();
        assertThat(report.expenses()).hasSize(4);
        assertThat(report.total()).isEqualByComparingTo("226.00");
        assertThat(report.expenses().stream().map(Expense::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(report.total());
        assertThat(report.expenses().get(0)).isEqualTo(new Expense(LocalDate.of(2025, 3, 4), "DB Fernverkehr AG",
                Category.TRANSPORT, new BigDecimal("49.90"), "EUR"));
        assertThat(report.expenses()).extracting(Expense::category)
                .containsExactly(Category.TRANSPORT, Category.MEALS, Category.LODGING, Category.TRANSPORT);
        assertThat(result.repairs()).isEqualTo(1);
        assertThat(result.steps()).isEqualTo(4);
        assertThat(replay.replayed()).isEqualTo(replay.size());

        List<String> read = result.messages().stream().filter(ToolMessage.class::isInstance).map(Message::content)
                .toList();
        assertThat(read).hasSize(5);
        for (String receipt : List.of("dinner.txt", "hotel.txt", "taxi.txt", "train.txt")) {
            String text = Files.readString(ExpensesSession.FOLDER.resolve(receipt));
            assertThat(read).as("the result of read_file %s", receipt)
                    .anySatisfy(content -> assertThat(JSON.readTree(content).path("content").asString()).isEqualTo(text));
        }
    }

    @Test
    void theRejectedReportIsSentBackWithThePathOfTheWrongDate() throws Exception {
        JsonNode exchanges = ScriptedSession.read(ExpensesSession.SHIPPED).path("exchanges");

        assertThat(exchanges).hasSize(4);
        assertThat(exchanges.at("/2/response/message/content").asString()).isEqualTo(ExpensesSession.FIRST_REPORT);
        JsonNode repair = exchanges.at("/3/request/messages").get(exchanges.at("/3/request/messages").size() - 1);
        assertThat(repair.path("role").asString()).isEqualTo("user");
        assertThat(repair.path("content").asString())
                .startsWith("Your answer was not accepted: it does not match the required JSON schema.\n"
                        + "- $.expenses[0].date: Cannot deserialize value of type `java.time.LocalDate` from String "
                        + "\"04.03.2025\"")
                .endsWith("\nAnswer again with only the corrected JSON object.");
        assertThat(exchanges.at("/3/response/message/content").asString()).isEqualTo(ExpensesSession.REPORT);
    }

    @Test
    void theAnswerPrintedIsTheAcceptedReportIndented() throws Exception {
        assertThat(JSON.readTree(ExpensesSession.ANSWER)).isEqualTo(JSON.readTree(ExpensesSession.REPORT));
        AnswerType<ExpenseReport> report = AnswerType.of(ExpenseReport.class);
        assertThat(report.check(ExpensesSession.FIRST_REPORT).ok()).isFalse();
        assertThat(report.check(ExpensesSession.REPORT).value().total())
                .isEqualByComparingTo("226.00");
    }

    @Test
    void theExampleOnlyReadsAndStaysInItsFolder() {
        var tools = ExpensesExample.tools(Map.of(ExpensesExample.ROOT, ExpensesSession.FOLDER.toString()));

        assertThat(tools.names()).containsExactlyInAnyOrder("list_files", "read_file", "search_files");
        assertThat(tools.call("read_file", "{\"path\":\"../pom.xml\"}").content()).contains("Refused path '../pom.xml'");
        assertThatThrownBy(() -> ExpensesExample.tools(Map.of(ExpensesExample.ROOT, ".", "files.writable", "true")))
                .isInstanceOf(ToolRegistrationException.class).hasMessageContaining("only reads receipts");
    }

    @Test
    void theExampleIsListedWithItsAnswerType() {
        Example example = Examples.find("expenses").orElseThrow();

        assertThat(example.typed()).isTrue();
        assertThat(example.answerType()).isEqualTo(ExpenseReport.class);
        assertThat(example.sampleSettings()).containsEntry("files.root", ExpensesExample.SAMPLE_FOLDER);
        assertThat(example.newBuilder(Map.of("files.root", ExpensesSession.FOLDER.toString())).model(
                request -> { throw new AssertionError("not called"); }).build().toolbox().names())
                .contains("read_file");
        assertThat(new UserMessage(example.samplePrompt()).content()).isEqualTo(ExpensesExample.SAMPLE_PROMPT);
    }
}
