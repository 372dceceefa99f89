package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.chat.ToolCall;
import io.agent4j.errors.GuardrailException;
import io.agent4j.guardrail.Guardrails;
import io.agent4j.guardrail.ToolGuardrail;
import io.agent4j.guardrail.Verdict;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.tool.Tool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@code --verbose} prints of the guardrails' decisions: a short line for a pass, what was done otherwise. */
class TraceListenerTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    private final StringWriter err = new StringWriter();

    /** Customers with personal data. */
    public static final class Customers {
        @Tool("Looks up a customer")
        public String customer(String id) {
            return "Customer " + id + ": Jane Doe, jane@example.com";
        }
    }

    /** Lets no customer of series B be looked up. */
    static final class NoSeriesB implements ToolGuardrail {
        @Override
        public Verdict beforeCall(ToolCall call) {
            return call.arguments().contains("B-") ? Verdict.retry("Customers of series B are not yours.")
                    : Verdict.pass();
        }

        @Override
        public String name() {
            return "no-series-b";
        }
    }

    private Agent.Builder agent() {
        return Agent.builder()
                .model(OpenAiChatModel.builder().apiKey(FakeOpenAi.KEY).baseUrl(FakeOpenAi.baseUrl(server)).build())
                .tools(new Customers()).listener(new TraceListener(new PrintWriter(err, true)));
    }

    private List<String> guardrailLines() {
        return err.toString().lines().filter(line -> line.matches("\\[step \\d+] guardrail .*")).toList();
    }

    @Test
    void eachDecisionIsOneLineAndOnlyAPassIsShort() {
        FakeOpenAi.script(server,
                FakeOpenAi.toolCalls(new String[] {"c1", "customer", "{\"id\":\"A-1\"}"},
                        new String[] {"c2", "customer", "{\"id\":\"B-2\"}"}),
                FakeOpenAi.answer("Customer A-1 is Jane Doe, and B-2 is someone I may not look up."),
                FakeOpenAi.answer("Jane Doe."));

        agent().inputGuardrail(Guardrails.blockList("password")).toolGuardrail(new NoSeriesB())
                .toolGuardrail(Guardrails.redactPii()).outputGuardrail(Guardrails.maxAnswerLength(20)).build()
                .run("Who are A-1 and B-2?");

        assertThat(guardrailLines()).containsExactly(
                "[step 1] guardrail block-list passes the input",
                "[step 1] guardrail no-series-b passes the call to customer",
                "[step 1] guardrail pii-redactor passes the call to customer",
                "[step 1] guardrail no-series-b asks for a RETRY of the call to customer: Customers of series B are "
                        + "not yours.",
                "[step 1] guardrail no-series-b passes the result of customer",
                "[step 1] guardrail pii-redactor REPLACED the result of customer: Customer A-1: Jane Doe, [email]",
                "[step 2] guardrail max-answer-length asks for a RETRY of the answer: Your answer has 63 characters; "
                        + "at most 20 are allowed. Answer again in at most 20 characters, keeping what matters most.",
                "[step 3] guardrail max-answer-length passes the answer");
        assertThat(err.toString()).contains("[step 1] customer {\"id\":\"A-1\"} -> Customer A-1: Jane Doe, [email]")
                .contains("[done] 3 step(s)");
    }

    @Test
    void aStopSaysWhereAndWhy() {
        assertThatThrownBy(() -> agent().inputGuardrail(Guardrails.blockList("password")).build()
                .run("My password is\nhunter2")).isInstanceOf(GuardrailException.class);

        assertThat(err.toString().lines()).containsExactly(
                "[step 1] guardrail block-list STOPPED the run at the input: the message contains blocked term: "
                        + "'password'");
    }

    @Test
    void aLongRewriteIsShortenedToOneLine() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Fine."));

        agent().outputGuardrail(answer -> Verdict.replace("line one\nline two " + "x".repeat(300))).build().run("Hi");

        assertThat(guardrailLines()).singleElement().asString()
                .startsWith("[step 1] guardrail lambda in TraceListenerTest REPLACED the answer: line one line two xxx")
                .endsWith("x...").doesNotContain("\n");
    }
}
