package io.agent4j.guardrail;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ImagePart;
import io.agent4j.chat.TextPart;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.GuardrailException;
import io.agent4j.testing.ChatServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BlockListTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static Verdict onAnswer(BlockList list, String text) {
        return list.check(new FinalAnswer(text, null, List.of(AssistantMessage.of(text))));
    }

    @Test
    void wordsAreFoundWhateverTheirCase() {
        BlockList list = Guardrails.blockList("password");

        assertThat(list.find("My PASSWORD is hunter2, my Password too")).containsExactly("PASSWORD");
        assertThat(list.find("no secrets here")).isEmpty();
    }

    @Test
    void onlyWholeWordsAreFound() {
        BlockList list = Guardrails.blockList("pass", "c++");

        assertThat(list.find("Show your passport; it is a bypass; compass")).isEmpty();
        assertThat(list.find("A pass, (pass) and pass.")).containsExactly("pass");
        assertThat(list.find("I write C++ daily")).containsExactly("C++");
        assertThat(list.find("pass_word pass2")).as("an underscore or a digit continues a word").isEmpty();
    }

    @Test
    void aPhraseMatchesAcrossAnyWhiteSpaceAndTheLongestTermWins() {
        BlockList list = Guardrails.blockList("api", "api key");

        assertThat(list.find("Here is my API\n  key")).containsExactly("API\n  key");
        assertThat(list.find("The api is down")).containsExactly("api");
    }

    @Test
    void wordsAreTakenLiterallyNotAsRegularExpressions() {
        BlockList list = Guardrails.blockList("a.b", "(x)");

        assertThat(list.find("axb")).isEmpty();
        assertThat(list.find("see a.b and (x)")).containsExactly("a.b", "(x)");
    }

    @Test
    void lettersBeyondAsciiIgnoreCaseAndBoundWordsToo() {
        BlockList list = Guardrails.blockList("straße");

        assertThat(list.find("Die STRASSE")).isEmpty();
        assertThat(list.find("Die STRAßE ist lang")).containsExactly("STRAßE");
        assertThat(list.find("Hauptstraße")).isEmpty();
    }

    @Test
    void patternsAreMatchedAsWritten() {
        BlockList list = Guardrails.blockPatterns("sk-[A-Za-z0-9]{8,}", "(?i)secret");

        assertThat(list.find("key sk-abcdEFGH1234 and SECRET")).containsExactly("sk-abcdEFGH1234", "SECRET");
        assertThat(list.find("sk-short")).isEmpty();
    }

    @Test
    void onTheUsersMessageItStopsNamingWhatItFound() {
        Verdict verdict = Guardrails.blockList("password", "api key").check(UserMessage.of(
                new TextPart("My Password and API key are below"), ImagePart.url(URI.create("https://example.com/a.png"))));

        assertThat(verdict).isEqualTo(Verdict.stop("the message contains blocked terms: 'Password', 'API key'"));
        assertThat(Guardrails.blockList("password").check(new UserMessage("Hello"))).isEqualTo(Verdict.pass());
    }

    @Test
    void onTheAnswerItAsksForAnotherWithout() {
        assertThat(onAnswer(Guardrails.blockList("Acme"), "Buy from ACME.")).isEqualTo(Verdict.retry(
                "Your answer contains 'ACME', which must not appear in an answer. Answer again without it."));
        assertThat(onAnswer(Guardrails.blockList("Acme"), "Buy from us.")).isEqualTo(Verdict.pass());
    }

    @Test
    void itIsNamedForEventsAndMayBeRenamed() {
        BlockList list = Guardrails.blockList("Acme");

        assertThat(list.name()).isEqualTo("block-list");
        assertThat(list.named("competitors").name()).isEqualTo("competitors");
        assertThat(list.named("competitors").find("acme")).containsExactly("acme");
    }

    @Test
    void badTermsAreRefusedSayingWhatIsWrong() {
        assertThatThrownBy(Guardrails::blockList).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a block-list needs at least one word");
        assertThatThrownBy(() -> Guardrails.blockList("ok", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a block-list word must not be blank or null: [ok,  ]");
        assertThatThrownBy(() -> Guardrails.blockPatterns("a(")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("block-list pattern 'a(' is not a valid regular expression: ");
        assertThatThrownBy(() -> Guardrails.blockList("x").named("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAgentStopsABlockedQuestionBeforeTheModelAndRetriesABlockedAnswer() {
        BlockList competitors = Guardrails.blockList("Acme", "Globex").named("competitors");
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).inputGuardrail(competitors)
                .outputGuardrail(competitors).build();

        assertThatThrownBy(() -> agent.run("Is Globex cheaper?")).isInstanceOf(GuardrailException.class)
                .hasMessage("Guardrail 'competitors' stopped the run at the input: the message contains blocked "
                        + "term: 'Globex'");
        assertThat(requests(server)).isEmpty();

        script(server, answer("Acme sells it cheaper."), answer("We sell it for 10 EUR."));
        AgentResult result = agent.run("Where do I buy it?");
        assertThat(result.text()).isEqualTo("We sell it for 10 EUR.");
        assertThat(requests(server).get(1).path("messages").get(2).path("content").asString())
                .isEqualTo("Your answer was not accepted (guardrail 'competitors'): Your answer contains 'Acme', "
                        + "which must not appear in an answer. Answer again without it.");
    }
}
