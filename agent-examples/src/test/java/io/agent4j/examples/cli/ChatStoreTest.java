package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.Message;
import io.agent4j.memory.JdbcConversationStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code chat --store}: files, folders that are not, JDBC URLs. */
class ChatStoreTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    Path dir;

    private Cli.Result chat(String store, String session) {
        return Cli.withInput("Hi\n", "chat", "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k",
                "--quiet", "--store", store, "--session", session);
    }

    private void assertFailsWithOneLine(Cli.Result result, String... parts) {
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).singleElement().asString().startsWith("agent4j: ").contains(parts);
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void aStoreWhoseFolderIsAFileFailsWithOneClearLine() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a folder");
        Path store = file.resolve("sessions.db");

        assertFailsWithOneLine(chat(store.toString(), "s"),
                "--store " + store + ": cannot create the database", file + " is a file, not a folder");
    }

    @Test
    void aStoreThatIsAFolderFailsWithOneClearLine() {
        assertFailsWithOneLine(chat(dir.toString(), "s"),
                "--store " + dir + ": " + dir.toAbsolutePath() + " is a folder; name a database file in it");
    }

    @Test
    void aJdbcUrlWithoutADriverFailsWithOneLine() {
        assertFailsWithOneLine(chat("jdbc:nosuchdb://localhost/x", "s"),
                "Cannot prepare the conversation database at jdbc:nosuchdb://localhost/x", "No suitable driver");
    }

    @Test
    void anUnreachablePostgresServerFailsWithOneLineThatHidesTheUrlParameters() {
        Cli.Result result = chat("jdbc:postgresql://127.0.0.1:9/agent4j?user=me&password=secret-pw", "s");

        assertFailsWithOneLine(result, "jdbc:postgresql://127.0.0.1:9/agent4j");
        assertThat(result.err()).doesNotContain("secret-pw");
    }

    @Test
    void aFileStoreIsCreatedWithItsFolders() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Hello!"));
        Path store = dir.resolve("a/b/chats.db");

        Cli.Result result = chat(store.toString(), "s");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(JdbcConversationStore.sqlite(store).load("s")).extracting(Message::content)
                .containsExactly(RunCommand.GENERIC_INSTRUCTIONS, "Hi", "Hello!");
    }

    @Test
    void aPostgresStoreKeepsTheSessionAcrossChats() {
        String url = System.getenv("AGENT4J_TEST_POSTGRES_URL");
        assumeTrue(url != null && !url.isBlank(), "PostgreSQL test skipped: AGENT4J_TEST_POSTGRES_URL is not set (.ci/run sets it)");
        FakeOpenAi.script(server, FakeOpenAi.answer("One."), FakeOpenAi.answer("Two."));
        String session = "cli-" + UUID.randomUUID();

        Cli.Result first = chat(url, session);
        Cli.Result second = chat(url, session);

        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(second.out().strip()).isEqualTo("Two.");
        assertThat(FakeOpenAi.requests(server).get(1).path("messages").size()).isEqualTo(4);
        assertThat(JdbcConversationStore.connect(url, null, null).load(session)).extracting(Message::content)
                .containsExactly(RunCommand.GENERIC_INSTRUCTIONS, "Hi", "One.", "Hi", "Two.");
    }
}
