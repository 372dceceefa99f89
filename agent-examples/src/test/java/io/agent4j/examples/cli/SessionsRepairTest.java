package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.memory.JdbcConversationStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A session that cannot be loaded says how to recover, and {@code agent4j sessions repair} recovers it. */
class SessionsRepairTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    Path dir;

    private static final List<Message> TWO_TURNS = List.of(new SystemMessage(RunCommand.GENERIC_INSTRUCTIONS),
            new UserMessage("First?"), AssistantMessage.of("One."), new UserMessage("Second?"),
            AssistantMessage.of("Two."));

    private Cli.Result chat(Path store, String line) {
        return Cli.withInput(line + "\n", "chat", "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k",
                "--quiet", "--store", store.toString(), "--session", "trip");
    }

    private Path storeWithDamagedFirstTurn() throws Exception {
        Path file = dir.resolve("chats.db");
        JdbcConversationStore.sqlite(file).append("trip", 0, TWO_TURNS);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE agent4j_messages SET message = '{\"role\":' WHERE seq = 2");
        }
        return file;
    }

    @Test
    void aDamagedSessionFailsWithOneLineThatSaysHowToRecover() throws Exception {
        Path store = storeWithDamagedFirstTurn();

        Cli.Result result = chat(store, "Third?");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("agent4j: session 'trip' cannot be loaded: its stored message number 2 is damaged (the "
                        + "message is not valid JSON")
                .endsWith("Start another session (--session NEW), or drop the damaged turn and keep the rest: "
                        + "agent4j sessions repair --session trip --store " + store);
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void repairDropsTheDamagedTurnAndTheSessionContinuesWithTheRest() throws Exception {
        Path store = storeWithDamagedFirstTurn();

        Cli.Result repair = Cli.run("sessions", "repair", "--session", "trip", "--store", store.toString());

        assertThat(repair.exitCode()).as(repair.err()).isEqualTo(ExitCodes.OK);
        assertThat(repair.out().strip()).isEqualTo("session 'trip': dropped 2 message(s) of damaged turns "
                + "(numbers 1, 2); 3 messages remain");
        FakeOpenAi.script(server, FakeOpenAi.answer("Three."));
        Cli.Result chat = chat(store, "Third?");
        assertThat(chat.exitCode()).as(chat.err()).isEqualTo(ExitCodes.OK);
        assertThat(chat.out().strip()).isEqualTo("Three.");
        assertThat(FakeOpenAi.requests(server).get(0).path("messages")).extracting(m -> m.path("content").asString())
                .containsExactly(RunCommand.GENERIC_INSTRUCTIONS, "Second?", "Two.", "Third?");

        Cli.Result again = Cli.run("sessions", "repair", "--session", "trip", "--store", store.toString());
        assertThat(again.out().strip()).isEqualTo("session 'trip': nothing to repair (5 messages)");
    }

    @Test
    void aTurnLeftOpenByAKilledChatIsNamedAndRepairEndsIt() throws Exception {
        Path store = dir.resolve("open.db");
        JdbcConversationStore.sqlite(store).append("trip", "killed-chat", 0, TWO_TURNS.subList(0, 2), false);

        Cli.Result refused = chat(store, "Hello?");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.errLines()).singleElement().asString().contains("has a turn in progress by another writer")
                .endsWith("If no chat uses session 'trip' any more (one was killed in the middle of a turn), agent4j "
                        + "sessions repair --session trip --store " + store + " ends its turn.");

        Cli.Result repair = Cli.run("sessions", "repair", "--session", "trip", "--store", store.toString());
        assertThat(repair.out().strip()).isEqualTo("session 'trip': ended a turn left open; 2 messages remain");
        FakeOpenAi.script(server, FakeOpenAi.answer("Hello."));
        assertThat(chat(store, "Hello?").exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void anEmptyDatabaseFileIsAClearErrorNotANewStore() throws Exception {
        Path store = Files.createFile(dir.resolve("empty.db"));

        Cli.Result result = chat(store, "Hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.errLines()).singleElement().asString().startsWith("agent4j: The conversation database "
                + store.toAbsolutePath() + " is an empty file (0 bytes), not a database")
                .contains("delete it to start an empty store there");
        assertThat(store).isEmptyFile();
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void sessionsWithoutASubcommandIsAUsageError() {
        Cli.Result result = Cli.run("sessions");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("name a subcommand: repair");
    }
}
