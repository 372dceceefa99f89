package io.agent4j.guardrail;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.testing.ChatServer;
import io.agent4j.tool.Tool;
import io.agent4j.tool.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiRedactorTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static final ToolGuardrail REDACT = Guardrails.redactPii();
    private static final ToolCall CALL = new ToolCall("c1", "customer", "{}");

    private static String redact(String text) {
        Verdict verdict = REDACT.afterCall(CALL, ToolResult.success(text));
        return verdict instanceof Verdict.Replace replace ? replace.text() : text;
    }

    @Test
    void aResultWithoutPersonalDataPassesUnchanged() {
        assertThat(REDACT.afterCall(CALL, ToolResult.success("3 items, total 1,234.50 EUR")))
                .isEqualTo(Verdict.pass());
    }

    @Test
    void emailAddressesAreRedacted() {
        assertThat(redact("Write to jane.doe+orders@mail.example.co.uk or to Bob <bob@example.com>."))
                .isEqualTo("Write to [email] or to Bob <[email]>.");
        assertThat(redact("{\"email\":\"jane@example.com\"}")).isEqualTo("{\"email\":\"[email]\"}");
    }

    @Test
    void anAtThatIsNoAddressIsKept() {
        assertThat(redact("Meet @jane at 10 @ the office; user@localhost")).isEqualTo(
                "Meet @jane at 10 @ the office; user@localhost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "5500 0000 0000 0004",
            "3782 822463 10005", "6011000990139424", "4222222222222"})
    void cardNumbersThatPassTheLuhnCheckAreRedacted(String card) {
        assertThat(redact("Paid with " + card + ", thanks.")).isEqualTo("Paid with [card], thanks.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "1234 5678 9012 3456", "2024050112304512"})
    void longNumbersThatFailTheLuhnCheckAreKept(String orderId) {
        assertThat(PiiRedactor.passesLuhn(orderId)).isFalse();
        assertThat(redact("Order " + orderId + " shipped.")).isEqualTo("Order " + orderId + " shipped.");
    }

    @Test
    void aCardNumberInsideALongerNumberIsNoCardNumber() {
        String longer = "41111111111111110000 and 4111 1111 1111 1111 2222 3333";

        assertThat(redact(longer)).isEqualTo(longer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 415 555 0134", "+1-415-555-0134", "+44 (0)20 7946 0958", "+49 30 1234567",
            "+14155550134", "(555) 123-4567", "(030) 1234 5678", "415-555-0134", "030 1234 5678", "415.555.0134",
            "01 23 45 67 89"})
    void phoneNumbersAreRedacted(String phone) {
        assertThat(redact("Call " + phone + " today.")).isEqualTo("Call [phone] today.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01", "01.05.2024", "2024-05-01 12:30:45", "1,234.50", "12 345 678",
            "1234567890", "192.168.10.20", "1999-2004", "+15%", "v1.2.3", "12345"})
    void datesAmountsAndPlainNumbersAreNoPhoneNumbers(String text) {
        assertThat(redact("Value: " + text + ".")).isEqualTo("Value: " + text + ".");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "GB29 NWBK 6016 1331 9268 19",
            "FR14 2004 1010 0505 0001 3M02 606", "NL91ABNA0417164300", "GB29 NWBK 4111 1111 1111 1111"})
    void ibansAreLeftAsTheyAreEvenWhenTheirDigitsLookLikeACard(String iban) {
        assertThat(redact("IBAN " + iban + ", BIC DEUTDEFF")).isEqualTo("IBAN " + iban + ", BIC DEUTDEFF");
    }

    @Test
    void everyKindIsRedactedInOneResult() {
        assertThat(redact("Jane (jane@example.com, +1 415 555 0134) paid 1,234.50 EUR on 2024-05-01 with "
                + "4111 1111 1111 1111 for order 4111111111111112."))
                .isEqualTo("Jane ([email], [phone]) paid 1,234.50 EUR on 2024-05-01 with [card] for order "
                        + "4111111111111112.");
    }

    @Test
    void aFailedResultIsRedactedTooAndStaysFailed() {
        ToolResult failed = ToolResult.failure("Error: no customer jane@example.com");

        assertThat(REDACT.afterCall(CALL, failed)).isEqualTo(Verdict.replace("Error: no customer [email]"));
    }

    @Test
    void callsAreLetThrough() {
        assertThat(REDACT.beforeCall(new ToolCall("c1", "mail", "{\"to\":\"jane@example.com\"}")))
                .isEqualTo(Verdict.pass());
    }

    @Test
    void itsEventsNameIt() {
        assertThat(REDACT.name()).isEqualTo("pii-redactor");
    }

    @Test
    void theLuhnCheck() {
        assertThat(PiiRedactor.passesLuhn("79927398713")).isTrue();
        assertThat(PiiRedactor.passesLuhn("79927398710")).isFalse();
        assertThat(PiiRedactor.passesLuhn("4111 1111 1111 1111")).isTrue();
    }

    /** Customers with personal data. */
    public static final class Customers {
        @Tool("Looks up a customer")
        public String customer(String id) {
            return "Customer " + id + ": Jane Doe, jane@example.com, +1 415 555 0134, card 4111 1111 1111 1111, "
                    + "order 4111111111111112";
        }
    }

    @Test
    void anAgentShowsTheModelTheRedactedResult() {
        script(server, toolCalls(new String[] {"c1", "customer", "{\"id\":\"C-9\"}"}), answer("Jane Doe."));

        AgentResult result = Agent.builder().model(ChatServer.model(server).build()).tools(new Customers())
                .toolGuardrail(Guardrails.redactPii()).build().run("Who is C-9?");

        String expected = "Customer C-9: Jane Doe, [email], [phone], card [card], order 4111111111111112";
        assertThat(requests(server).get(1).path("messages").get(2).path("content").asString()).isEqualTo(expected);
        assertThat(requests(server).toString()).doesNotContain("jane@example.com").doesNotContain("415 555");
        assertThat(result.messages().get(2)).isEqualTo(new ToolMessage("c1", "customer", expected));
    }
}
