package io.agent4j;

import static io.agent4j.openai.Sse.events;
import static io.agent4j.openai.Sse.finish;
import static io.agent4j.openai.Sse.text;
import static io.agent4j.openai.Sse.usage;
import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.json;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.answer.AnswerType;
import io.agent4j.answer.TypeRef;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.StructuredOutput;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.ConcurrentConversationException;
import io.agent4j.errors.InvalidAnswerException;
import io.agent4j.errors.RefusalException;
import io.agent4j.guardrail.GuardrailEvent;
import io.agent4j.guardrail.Verdict;
import io.agent4j.memory.Databases;
import io.agent4j.memory.JdbcConversationStore;
import io.agent4j.openai.Sse;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.OpenAiSchemas;
import io.agent4j.tool.Tool;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Typed answers through a loopback OpenAI-compatible server: the schema on the wire, tools before
 * the answer, the answer checked and repaired, refusals, the fallback ways of servers without
 * {@code json_schema}, streaming, and a conversation's turn that includes its repairs.
 */
class TypedAnswersTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public enum Category { TRAVEL, MEALS, OFFICE }

    public record Expense(LocalDate date, String merchant, Category category, BigDecimal amount) {
    }

    public record Report(List<Expense> expenses, BigDecimal total) {
    }

    /** Real tools whose calls are counted. */
    public static class Receipts {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Tool("Lists the receipt files")
        public List<String> listReceipts() {
            calls.add("list");
            return List.of("taxi.txt", "lunch.txt");
        }

        @Tool("Reads one receipt file")
        public String readReceipt(String name) {
            calls.add("read " + name);
            return name.equals("taxi.txt") ? "2026-11-03 City Taxi 23.50 EUR" : "2026-11-04 Cafe Rosa 12.00 EUR";
        }
    }

    private static final String GOOD_REPORT = """
            {"expenses":[{"date":"2026-11-03","merchant":"City Taxi","category":"TRAVEL","amount":23.50},
            {"date":"2026-11-04","merchant":"Cafe Rosa","category":"MEALS","amount":12.00}],"total":35.50}""";

    private static final Report REPORT = new Report(List.of(
            new Expense(LocalDate.of(2026, 11, 3), "City Taxi", Category.TRAVEL, new BigDecimal("23.50")),
            new Expense(LocalDate.of(2026, 11, 4), "Cafe Rosa", Category.MEALS, new BigDecimal("12.00"))),
            new BigDecimal("35.50"));

    @Test
    void aTypedAnswerAfterTwoToolStepsIsBoundAndEveryRequestCarriesTheSchema() {
        script(server, toolCalls(new String[] {"call_list", "listReceipts", "{}"}),
                toolCalls(new String[] {"call_taxi", "readReceipt", "{\"name\":\"taxi.txt\"}"},
                        new String[] {"call_lunch", "readReceipt", "{\"name\":\"lunch.txt\"}"}),
                answer(GOOD_REPORT));
        Receipts receipts = new Receipts();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(receipts).build();

        TypedResult<Report> result = agent.run("Make the expense report of my receipts.", Report.class);

        assertThat(result.value()).isEqualTo(REPORT);
        assertThat(result.repairs()).isZero();
        assertThat(result.steps()).isEqualTo(3);
        assertThat(result.usage()).isEqualTo(Usage.of(30, 15));
        assertThat(receipts.calls).containsExactlyInAnyOrder("list", "read taxi.txt", "read lunch.txt");
        List<JsonNode> sent = requests(server);
        assertThat(sent).hasSize(3);
        for (JsonNode body : sent) {
            assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", body)).isEmpty();
            JsonNode format = body.path("response_format");
            assertThat(format.path("type").asString()).isEqualTo("json_schema");
            assertThat(format.path("json_schema").path("name").asString()).isEqualTo("Report");
            assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
            JsonNode schema = format.path("json_schema").path("schema");
            assertThat(schema.path("type").asString()).isEqualTo("object");
            assertThat(schema.path("properties").propertyNames()).containsExactly("expenses", "total");
            assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
            assertThat(body.path("tools")).hasSize(2);
        }
    }

    @Test
    void aMalformedAnswerIsRepairedOnTheSecondTryAndTheRepairRequestSaysWhatWasWrong() {
        String wrong = """
                {"expenses":[{"date":"03/11/2026","merchant":"City Taxi","category":"TAXI","amount":23.50}],
                "total":"a lot"}""";
        script(server, answer(wrong), answer(GOOD_REPORT));
        List<GuardrailEvent> decisions = new CopyOnWriteArrayList<>();
        Agent agent = Agent.builder().model(ChatServer.model(server).build())
                .listener(new AgentListener() {
                    @Override
                    public void onGuardrail(int step, GuardrailEvent event) {
                        decisions.add(event);
                    }
                }).build();

        TypedResult<Report> result = agent.run("Report these: taxi 23.50 on 3 Nov, lunch 12 on 4 Nov.", Report.class);

        assertThat(result.value()).isEqualTo(REPORT);
        assertThat(result.repairs()).isEqualTo(1);
        assertThat(result.steps()).isEqualTo(2);
        assertThat(result.usage()).isEqualTo(Usage.of(20, 10));
        List<JsonNode> sent = requests(server);
        JsonNode repair = sent.get(1).path("messages");
        assertThat(repair).hasSize(3);
        assertThat(repair.get(1).path("role").asString()).isEqualTo("assistant");
        assertThat(repair.get(1).path("content").asString()).isEqualTo(wrong);
        assertThat(repair.get(2).path("role").asString()).isEqualTo("user");
        String problems = repair.get(2).path("content").asString();
        assertThat(problems).contains("does not match the required JSON schema")
                .contains("$.total").contains("$.expenses[0].category").contains("Answer again");
        assertThat(decisions).extracting(GuardrailEvent::guardrail).containsOnly(GuardrailEvent.ANSWER_SCHEMA);
        assertThat(decisions).extracting(GuardrailEvent::verdict).first().isInstanceOf(Verdict.Retry.class);
        assertThat(decisions.get(1).verdict()).isEqualTo(Verdict.pass());
        assertThat(result.messages()).hasSize(4);
    }

    @Test
    void aBindingProblemIsRepairedLikeASchemaProblem() {
        // valid against the schema's "string", but no LocalDate: only binding finds it
        String badDate = GOOD_REPORT.replace("2026-11-03", "2026-13-45");
        script(server, answer(badDate), answer(GOOD_REPORT));
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).build();

        TypedResult<Report> result = agent.run("Report.", Report.class);

        assertThat(result.value()).isEqualTo(REPORT);
        String problems = requests(server).get(1).path("messages").get(2).path("content").asString();
        assertThat(problems).contains("$.expenses[0].date");
    }

    @Test
    void anAnswerThatNeverValidatesEndsInAnExceptionWithTheTextTheProblemsAndTheTranscript() {
        script(server, answer("Sure! Here is your report: 35.50"), answer("{\"total\": 35.5}"),
                answer("{\"expenses\": [], \"total\": \"35.50 EUR\"}"));
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).build();

        InvalidAnswerException e = catchThrowableOfType(InvalidAnswerException.class,
                () -> agent.run("Report.", Report.class));

        assertThat(e.repairs()).isEqualTo(2);
        assertThat(e.text()).isEqualTo("{\"expenses\": [], \"total\": \"35.50 EUR\"}");
        assertThat(e.problems()).singleElement().asString().startsWith("$.total");
        assertThat(e.getMessage()).contains("Report").contains("2 repair(s)").contains("$.total");
        assertThat(e.transcript()).hasSize(6);
        assertThat(e.usage()).isEqualTo(Usage.of(30, 15));
        assertThat(e.cost()).isPresent();
        List<JsonNode> sent = requests(server);
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1).path("messages").get(2).path("content").asString()).contains("not valid JSON");
        assertThat(sent.get(2).path("messages").get(4).path("content").asString()).contains("required property 'expenses'")
                .contains("required");
    }

    @Test
    void maxRepairsZeroMeansTheFirstAnswerIsFinal() {
        script(server, answer("{\"total\": 1}"));
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).maxRepairs(0).build();

        InvalidAnswerException e = catchThrowableOfType(InvalidAnswerException.class,
                () -> agent.run("Report.", Report.class));

        assertThat(e.repairs()).isZero();
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void aRefusalIsItsOwnExceptionWithTheModelsWordsAndNoRepairIsAskedFor() {
        script(server, json("""
                {"id":"chatcmpl-r","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":null,
                 "refusal":"I'm sorry, I cannot help with that."}}],
                 "usage":{"prompt_tokens":9,"completion_tokens":7,"total_tokens":16}}"""));
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).build();

        RefusalException e = catchThrowableOfType(RefusalException.class, () -> agent.run("Report.", Report.class));

        assertThat(e.refusal()).isEqualTo("I'm sorry, I cannot help with that.");
        assertThat(e.getMessage()).contains("refused").contains("I'm sorry");
        assertThat(e.usage()).isEqualTo(Usage.of(9, 7));
        assertThat(e.transcript().get(e.transcript().size() - 1)).isInstanceOf(AssistantMessage.class);
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void withJsonObjectTheSchemaGoesIntoTheInstructionsAndTheAnswerIsStillCheckedAndRepaired() {
        script(server, answer("```json\n{\"total\": 35.50}\n```"), answer("```json\n" + GOOD_REPORT + "\n```"));
        Agent agent = Agent.builder()
                .model(ChatServer.model(server).structuredOutput(StructuredOutput.JSON_OBJECT).build())
                .instructions("You file expense reports.").build();

        TypedResult<Report> result = agent.run("Report.", Report.class);

        assertThat(result.value()).isEqualTo(REPORT);
        assertThat(result.repairs()).isEqualTo(1);
        List<JsonNode> sent = requests(server);
        for (JsonNode body : sent) {
            assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", body)).isEmpty();
            assertThat(body.path("response_format").toString()).isEqualTo("{\"type\":\"json_object\"}");
            JsonNode system = body.path("messages").get(0);
            assertThat(system.path("role").asString()).isEqualTo("system");
            assertThat(system.path("content").asString()).startsWith("You file expense reports.\n\n")
                    .contains("JSON schema").contains("\"expenses\"").contains("\"total\"");
        }
        // the schema rides on the request only: the transcript keeps the agent's own instructions
        assertThat(result.messages().get(0).content()).isEqualTo("You file expense reports.");
        assertThat(sent.get(1).path("messages").get(3).path("content").asString()).contains("'expenses'");
    }

    @Test
    void withInstructionsOnlyNoResponseFormatIsSentAndASystemMessageCarriesTheSchema() {
        script(server, answer(GOOD_REPORT));
        Agent agent = Agent.builder()
                .model(ChatServer.model(server).structuredOutput(StructuredOutput.INSTRUCTIONS).build()).build();

        TypedResult<Report> result = agent.run("Report.", Report.class);

        assertThat(result.value()).isEqualTo(REPORT);
        JsonNode body = requests(server).get(0);
        assertThat(body.has("response_format")).isFalse();
        assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asString()).contains("\"expenses\"");
        assertThat(body.path("messages").get(1).path("content").asString()).isEqualTo("Report.");
        assertThat(result.messages()).hasSize(2);
    }

    @Test
    void aStreamedTypedAnswerArrivesInPiecesAndIsBoundAtTheEnd() {
        String first = GOOD_REPORT.substring(0, 40);
        String rest = GOOD_REPORT.substring(40);
        script(server, Sse.stream(events(text(first), text(rest), finish("stop"), usage(50, 40, 90))));
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).build();
        List<String> pieces = new ArrayList<>();

        TypedResult<Report> result = agent.stream("Report.", AnswerType.of(Report.class), pieces::add);

        assertThat(pieces).containsExactly(first, rest);
        assertThat(result.value()).isEqualTo(REPORT);
        assertThat(result.text()).isEqualTo(GOOD_REPORT);
        JsonNode body = requests(server).get(0);
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("response_format").path("type").asString()).isEqualTo("json_schema");
    }

    @Test
    void aListIsWrappedAsValueOnTheWireAndUnwrappedOnBinding() {
        script(server, answer("{\"value\":[\"TRAVEL\",\"MEALS\"]}"));
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).build();

        TypedResult<List<Category>> result = agent.run("Which categories?", new TypeRef<List<Category>>() {});

        assertThat(result.value()).containsExactly(Category.TRAVEL, Category.MEALS);
        JsonNode schema = requests(server).get(0).path("response_format").path("json_schema");
        assertThat(schema.path("name").asString()).isEqualTo("List_Category");
        assertThat(schema.path("schema").path("properties").path("value").path("type").asString()).isEqualTo("array");
    }

    @Test
    void aLenientAgentSendsTheAnswerSchemaAsNotStrict() {
        script(server, answer(GOOD_REPORT));
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).strictTools(false).build();

        agent.run("Report.", Report.class);

        assertThat(requests(server).get(0).path("response_format").path("json_schema").path("strict").asBoolean(true))
                .isFalse();
    }

    @Test
    void aConversationsTypedTurnKeepsItsRepairsAndStaysOpenUntilTheAnswerIsAccepted(@TempDir Path dir) {
        script(server, answer("{\"total\": 35.50}"), answer(GOOD_REPORT), answer("Noted."));
        JdbcConversationStore store = Databases.sqlite(dir);
        AtomicReference<Throwable> intruder = new AtomicReference<>();
        Agent[] agents = new Agent[1];
        agents[0] = Agent.builder().model(ChatServer.model(server).build()).store(store)
                .listener(new AgentListener() {
                    @Override
                    public void onRequest(int step, io.agent4j.chat.ChatRequest request) {
                        if (step == 2) {
                            // between the rejected answer and its repair, another writer of the conversation
                            try {
                                agents[0].conversation("trip").send("Me too");
                            } catch (RuntimeException e) {
                                intruder.set(e);
                            }
                        }
                    }
                }).build();
        Conversation chat = agents[0].conversation("trip");

        TypedResult<Report> result = chat.send("Report my trip.", Report.class);

        assertThat(result.value()).isEqualTo(REPORT);
        assertThat(intruder.get()).isInstanceOf(ConcurrentConversationException.class);
        List<Message> stored = store.load("trip");
        assertThat(stored).hasSize(4);
        assertThat(stored.get(2)).isInstanceOf(UserMessage.class);
        assertThat(stored.get(2).content()).contains("required property 'expenses'");
        assertThat(stored.get(3).content()).isEqualTo(GOOD_REPORT);
        // the turn ended with the accepted answer: another writer may now continue
        AgentResult next = agents[0].conversation("trip").send("Thanks");
        assertThat(next.text()).isEqualTo("Noted.");
        assertThat(store.load("trip")).hasSize(6);
        assertThat(requests(server).get(2).has("response_format")).isFalse();
    }

    @Test
    void theToolMessagesOfATypedRunAreOrdinaryToolResults() {
        script(server, toolCalls(new String[] {"call_list", "listReceipts", "{}"}), answer(GOOD_REPORT));
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(new Receipts()).build();

        TypedResult<Report> result = agent.run("Report.", Report.class);

        assertThat(result.messages()).filteredOn(ToolMessage.class::isInstance).singleElement()
                .extracting(Message::content).isEqualTo("[\"taxi.txt\",\"lunch.txt\"]");
        assertThat(JSON.readTree(result.text())).isEqualTo(JSON.readTree(GOOD_REPORT));
    }
}
