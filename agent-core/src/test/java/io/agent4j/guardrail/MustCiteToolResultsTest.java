package io.agent4j.guardrail;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.testing.ChatServer;
import io.agent4j.tool.Tool;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MustCiteToolResultsTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static final OutputGuardrail CITE = Guardrails.mustCiteToolResults();

    /** The verdict on {@code answer} after a user message and a tool result. */
    private static Verdict check(String question, String toolResult, String answer) {
        List<Message> messages = new ArrayList<>();
        messages.add(new SystemMessage("Answer in 3 sentences."));
        messages.add(new UserMessage(question));
        messages.add(new AssistantMessage(null, List.of(new ToolCall("c1", "lookup", "{}"))));
        messages.add(new ToolMessage("c1", "lookup", toolResult));
        messages.add(AssistantMessage.of(answer));
        return CITE.check(new FinalAnswer(answer, null, messages));
    }

    private static Verdict uncited(String numbers) {
        return Verdict.retry("Your answer quotes " + (numbers.contains(", ") ? "numbers" : "a number")
                + " that no tool result and no message of the user holds: " + numbers + ". Take every number from "
                + "a tool result (call a tool to look it up or to compute it), or leave it out.");
    }

    @Test
    void anAnswerWithoutNumbersPasses() {
        assertThat(check("Who?", "Jane", "It was Jane.")).isEqualTo(Verdict.pass());
    }

    @Test
    void numbersFromToolResultsAndTheUsersMessagesPass() {
        assertThat(check("What is 17.5% of it?", "{\"total\":2340.80,\"tax\":409.64}",
                "17.5% of 2340.80 is 409.64.")).isEqualTo(Verdict.pass());
    }

    @Test
    void aNumberNoMessageHoldsIsSentBackByName() {
        assertThat(check("Total?", "{\"total\":2340.80}", "The total is 2340.80, or 2,500 with shipping of 159.2."))
                .isEqualTo(uncited("2,500, 159.2"));
    }

    @Test
    void theInstructionsAndTheAnswersOwnEarlierWordsAreNoSource() {
        assertThat(check("Total?", "none", "In 3 sentences: nothing.")).isEqualTo(uncited("3"));
    }

    @Test
    void thousandsSeparatorsAndTrailingZerosDoNotMatter() {
        assertThat(check("Total?", "total: 1234.5", "It is 1,234.50 EUR.")).isEqualTo(Verdict.pass());
        assertThat(check("Total?", "total: 1,234.50", "It is 1234.5 EUR.")).isEqualTo(Verdict.pass());
        assertThat(check("Total?", "total: 1,000,000", "It is 1000000.00.")).isEqualTo(Verdict.pass());
        assertThat(check("Total?", "total: 1234.5", "It is 1,234.51 EUR.")).isEqualTo(uncited("1,234.51"));
    }

    @Test
    void aNumberMayBeRoundedToTheDecimalsTheAnswerShows() {
        String result = "{\"value\":7.05479238991608,\"unit\":\"lb\"}";

        assertThat(check("3.2 kg in lb?", result, "3.2 kg is 7.05 lb.")).isEqualTo(Verdict.pass());
        assertThat(check("3.2 kg in lb?", result, "3.2 kg is about 7.1 lb.")).isEqualTo(Verdict.pass());
        assertThat(check("3.2 kg in lb?", result, "3.2 kg is about 7 lb.")).isEqualTo(Verdict.pass());
        assertThat(check("3.2 kg in lb?", result, "3.2 kg is 7.06 lb.")).isEqualTo(uncited("7.06"));
        assertThat(check("3.2 kg in lb?", result, "3.2 kg is 7.054792389916080 lb."))
                .as("more decimals than the source are still the same value").isEqualTo(Verdict.pass());
    }

    @Test
    void aDateIsItsNumbersWhateverItsFormat() {
        String result = "{\"placed\":\"2024-05-01\"}";

        assertThat(check("When?", result, "It was placed on 2024-05-01.")).isEqualTo(Verdict.pass());
        assertThat(check("When?", result, "It was placed on May 1, 2024.")).isEqualTo(Verdict.pass());
        assertThat(check("When?", result, "It was placed on 01.05.2024.")).isEqualTo(Verdict.pass());
        assertThat(check("When?", result, "It was placed on 2024-05-02.")).isEqualTo(uncited("02"));
        assertThat(check("When?", result, "It will arrive in 2025.")).isEqualTo(uncited("2025"));
    }

    @Test
    void numbersThatArePartOfANameAreNotChecked() {
        assertThat(check("Which model?", "ok", "Use gpt-4o or the A1 plan, model x_2, as in COVID-19."))
                .isEqualTo(Verdict.pass());
    }

    @Test
    void theNumbersOfAListAreNotChecked() {
        assertThat(check("Steps?", "open, then save", "1. Open the file.\n2) Save it.\n  3. Done."))
                .isEqualTo(Verdict.pass());
        assertThat(check("Steps?", "none", "1.5 kg is the weight.")).isEqualTo(uncited("1.5"));
    }

    @Test
    void signsAreIgnored() {
        assertThat(check("Balance?", "{\"balance\":-42.10}", "Your balance is 42.1 in the red (-42.10)."))
                .isEqualTo(Verdict.pass());
    }

    @Test
    void aTypedAnswerIsCheckedOnItsJson() {
        List<Message> messages = List.of(new UserMessage("Total of A-7?"), new ToolMessage("c1", "order", "99.90"));
        String json = "{\"order\":\"A-7\",\"total\":99.9,\"items\":4}";

        assertThat(CITE.check(new FinalAnswer(json, "value", messages))).isEqualTo(uncited("4"));
    }

    @Test
    void manyUncitedNumbersAreListedUpToTen() {
        Verdict verdict = check("Numbers?", "none", "11 12 13 14 15 16 17 18 19 20 21 22");

        assertThat(((Verdict.Retry) verdict).feedback())
                .contains(": 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 and 2 more. Take every number");
    }

    @Test
    void itsEventsNameIt() {
        assertThat(CITE.name()).isEqualTo("must-cite-tool-results");
    }

    /** Orders with a total. */
    public static final class Orders {
        @Tool("Looks up an order")
        public String order(String id) {
            return "Order " + id + ": total 1,234.50 EUR, placed 2024-05-01";
        }
    }

    @Test
    void anAgentAsksAgainForAnAnswerWithAMadeUpNumber() {
        script(server, toolCalls(new String[] {"c1", "order", "{\"id\":\"A-7\"}"}),
                answer("Order A-7 costs 1,250 EUR."), answer("Order A-7 costs 1234.50 EUR, placed on May 1, 2024."));

        AgentResult result = Agent.builder().model(ChatServer.model(server).build()).tools(new Orders())
                .outputGuardrail(Guardrails.mustCiteToolResults()).build().run("What does order A-7 cost?");

        assertThat(result.text()).isEqualTo("Order A-7 costs 1234.50 EUR, placed on May 1, 2024.");
        assertThat(requests(server).get(2).path("messages").get(4).path("content").asString())
                .isEqualTo("Your answer was not accepted (guardrail 'must-cite-tool-results'): Your answer quotes a "
                        + "number that no tool result and no message of the user holds: 1,250. Take every number from "
                        + "a tool result (call a tool to look it up or to compute it), or leave it out.");
    }
}
