package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.Message;
import io.agent4j.memory.JdbcConversationStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code agent4j chat} with piped input against a scripted server on loopback. */
class ChatTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    Path dir;

    private static final String FIRST = "What is the capital of France?";
    private static final String SECOND = "How many people live there?";
    private static final String PARIS = "Paris.";
    private static final String PEOPLE = "About 2.1 million.";

    private Cli.Result chat(String input, String... options) {
        List<String> args = new ArrayList<>(List.of("chat", "--base-url", FakeOpenAi.baseUrl(server),
                "--api-key", FakeOpenAi.KEY, "--store", dir.resolve("sessions.db").toString()));
        args.addAll(List.of(options));
        return Cli.withInput(input, args.toArray(String[]::new));
    }

    private static List<String> contents(JsonNode request) {
        return request.path("messages").valueStream()
                .map(message -> message.path("role").asString() + ": " + message.path("content").asString())
                .toList();
    }

    @Test
    void eachLineIsATurnAndTheSecondRequestCarriesTheFirstTurn() {
        FakeOpenAi.script(server, FakeOpenAi.answer(PARIS), FakeOpenAi.answer(PEOPLE));

        Cli.Result result = chat(FIRST + "\n\n   \n" + SECOND + "\n", "--quiet");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().lines().toList()).containsExactly(PARIS, PEOPLE);
        List<JsonNode> requests = FakeOpenAi.requests(server);
        assertThat(requests).hasSize(2);
        assertThat(contents(requests.get(0))).containsExactly(
                "system: " + RunCommand.GENERIC_INSTRUCTIONS, "user: " + FIRST);
        assertThat(contents(requests.get(1))).containsExactly(
                "system: " + RunCommand.GENERIC_INSTRUCTIONS, "user: " + FIRST, "assistant: " + PARIS,
                "user: " + SECOND);
    }

    @Test
    void aSecondChatWithTheSameSessionContinuesTheFirstAndAnotherSessionDoesNot() {
        FakeOpenAi.script(server, FakeOpenAi.answer(PARIS), FakeOpenAi.answer(PEOPLE));
        assertThat(chat(FIRST + "\n", "--session", "trip").exitCode()).isEqualTo(ExitCodes.OK);

        Cli.Result resumed = chat(SECOND + "\n", "--session", "trip");
        Cli.Result other = chat(SECOND + "\n", "--session", "other");

        assertThat(resumed.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(resumed.out().strip()).isEqualTo(PEOPLE);
        List<JsonNode> requests = FakeOpenAi.requests(server);
        assertThat(contents(requests.get(1))).containsSubsequence("user: " + FIRST, "assistant: " + PARIS,
                "user: " + SECOND);
        assertThat(other.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(contents(requests.get(2))).containsExactly(
                "system: " + RunCommand.GENERIC_INSTRUCTIONS, "user: " + SECOND);
        List<Message> stored = JdbcConversationStore.sqlite(dir.resolve("sessions.db")).load("trip");
        assertThat(stored).extracting(Message::content).containsExactly(
                RunCommand.GENERIC_INSTRUCTIONS, FIRST, PARIS, SECOND, PEOPLE);
    }

    @Test
    void aLineSlashExitEndsTheChatWithExitCode0() {
        FakeOpenAi.script(server, FakeOpenAi.answer(PARIS));

        Cli.Result result = chat(FIRST + "\n  /exit  \n" + SECOND + "\n", "--quiet");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().lines().toList()).containsExactly(PARIS);
        assertThat(FakeOpenAi.requests(server)).hasSize(1);
    }

    @Test
    void theEndOfInputEndsTheChatWithExitCode0EvenMidLine() {
        FakeOpenAi.script(server, FakeOpenAi.answer(PARIS));

        Cli.Result result = chat(FIRST, "--quiet");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().lines().toList()).containsExactly(PARIS);
        assertThat(FakeOpenAi.requests(server)).hasSize(1);
    }

    @Test
    void noInputMeansNoRequestAndExitCode0() {
        Cli.Result result = chat("");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEmpty();
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void withAPipeNoPromptIsPrintedAndOnATerminalOneIsShownBeforeEachLine() {
        FakeOpenAi.script(server, FakeOpenAi.answer(PARIS));
        Path store = dir.resolve("terminal.db");

        Cli.Result piped = Cli.withInput(FIRST + "\n", false, "chat", "--base-url", FakeOpenAi.baseUrl(server),
                "--api-key", "k", "--store", store.toString(), "--session", "t");
        Cli.Result typed = Cli.withInput(FIRST + "\n", true, "chat", "--base-url", FakeOpenAi.baseUrl(server),
                "--api-key", "k", "--store", store.toString(), "--session", "t");

        assertThat(piped.out()).isEqualTo(PARIS + System.lineSeparator());
        assertThat(typed.out()).isEqualTo(ChatCommand.PROMPT + PARIS + System.lineSeparator() + ChatCommand.PROMPT
                + System.lineSeparator());
        assertThat(typed.errLines().get(0)).isEqualTo("agent4j chat: session 't' (resumed, 3 messages) in "
                + store + "; /exit or Ctrl-D ends it.");
        assertThat(piped.errLines()).noneMatch(line -> line.startsWith("agent4j chat:"));
    }

    @Test
    void sessionsAreStoredInTheUsersHomeByDefault() {
        FakeOpenAi.script(server, FakeOpenAi.answer(PARIS));
        String home = System.getProperty("user.home");
        System.setProperty("user.home", dir.toString());
        try {
            Cli.Result result = Cli.withInput(FIRST + "\n", "chat", "--base-url", FakeOpenAi.baseUrl(server),
                    "--api-key", "k", "--quiet");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
            Path file = dir.resolve(".agent4j").resolve("sessions.db");
            assertThat(Stores.defaultFile()).isEqualTo(file);
            assertThat(JdbcConversationStore.sqlite(file).load(ChatCommand.DEFAULT_SESSION))
                    .extracting(Message::content).containsExactly(RunCommand.GENERIC_INSTRUCTIONS, FIRST, PARIS);
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void aBlankSessionNameIsAUsageError() {
        Cli.Result result = chat(FIRST + "\n", "--session", " ");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("agent4j: --session must be 1 to 255 characters");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void aFailedTurnEndsTheChatWithItsExitCodeAndKeepsTheEarlierTurns() {
        FakeOpenAi.script(server, FakeOpenAi.answer(PARIS),
                FakeOpenAi.error(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));

        Cli.Result result = chat(FIRST + "\n" + SECOND + "\n" + "third\n", "--quiet", "--session", "f");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTHENTICATION);
        assertThat(result.out().lines().toList()).containsExactly(PARIS);
        assertThat(result.errLines()).singleElement().asString().startsWith("agent4j: The API key was rejected");
        assertThat(FakeOpenAi.requests(server)).hasSize(2);
        assertThat(Files.exists(dir.resolve("sessions.db"))).isTrue();
        assertThat(JdbcConversationStore.sqlite(dir.resolve("sessions.db")).load("f"))
                .extracting(Message::content).containsExactly(RunCommand.GENERIC_INSTRUCTIONS, FIRST, PARIS);
    }
}
