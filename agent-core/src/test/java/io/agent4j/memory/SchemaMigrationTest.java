package io.agent4j.memory;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.approval.Decision;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.testing.ChatServer;
import io.agent4j.tool.Tool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database written by an agent4j of an earlier schema is migrated on first use and keeps every
 * conversation; the tables of schema 2 are made here as its migrations made them.
 */
class SchemaMigrationTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    @TempDir
    Path dir;

    /** The statements of schema versions 1 and 2, as the store of schema 2 ran them. */
    private static final List<String> SCHEMA_2 = List.of(
            "CREATE TABLE IF NOT EXISTS agent4j_schema (version INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS agent4j_messages (conversation_id VARCHAR(255) NOT NULL, "
                    + "seq BIGINT NOT NULL, role VARCHAR(16) NOT NULL, tool_name VARCHAR(64), message TEXT NOT NULL, "
                    + "created_at VARCHAR(40) NOT NULL, PRIMARY KEY (conversation_id, seq))",
            "INSERT INTO agent4j_schema (version) VALUES (1)",
            "CREATE TABLE IF NOT EXISTS agent4j_turns (conversation_id VARCHAR(255) NOT NULL PRIMARY KEY, "
                    + "writer VARCHAR(255) NOT NULL, renewed_at BIGINT NOT NULL)",
            "INSERT INTO agent4j_schema (version) VALUES (2)");

    /** A conversation with a tool step as schema 2 stored it: role and tool name columns, the message as JSON. */
    private static final String[][] ROWS = {
        {"system", null, "{\"role\":\"system\",\"content\":\"You are terse.\"}"},
        {"user", null, "{\"role\":\"user\",\"content\":\"Time in Oslo?\"}"},
        {"assistant", null, "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
                + "\"type\":\"function\",\"function\":{\"name\":\"clock\",\"arguments\":\"{}\"}}]}"},
        {"tool", "clock", "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"14:05\"}"},
        {"assistant", null, "{\"role\":\"assistant\",\"content\":\"It is 14:05.\"}"}};

    /** A tool that needs approval, to wait on the migrated store. */
    public static class Notes {
        final List<String> runs = new ArrayList<>();

        @Tool(value = "Writes a note", approval = "writes a note")
        public String write(String text) {
            runs.add(text);
            return "wrote it";
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aSchemaTwoDatabaseIsMigratedAndItsConversationsStillLoadAndItKeepsRuns(String name) throws Exception {
        Path file = dir.resolve("old.db");
        String url = name.equals("sqlite") ? "jdbc:sqlite:" + file : Databases.postgresUrl();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            for (String sql : SCHEMA_2) {
                statement.execute(sql);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO agent4j_messages "
                    + "(conversation_id, seq, role, tool_name, message, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int seq = 0; seq < ROWS.length; seq++) {
                    insert.setString(1, "old");
                    insert.setLong(2, seq);
                    insert.setString(3, ROWS[seq][0]);
                    insert.setString(4, ROWS[seq][1]);
                    insert.setString(5, ROWS[seq][2]);
                    insert.setString(6, "2026-06-01T10:00:00Z");
                    insert.executeUpdate();
                }
            }
        }

        JdbcConversationStore store = name.equals("sqlite") ? JdbcConversationStore.sqlite(file)
                : JdbcConversationStore.connect(url, null, null);

        assertThat(versions(url)).containsExactly(1, 2, 3, 4);
        assertThat(store.load("old")).containsExactly(new SystemMessage("You are terse."),
                new UserMessage("Time in Oslo?"),
                new AssistantMessage(null, List.of(new ToolCall("call_1", "clock", "{}"))),
                new ToolMessage("call_1", "clock", "14:05"), AssistantMessage.of("It is 14:05."));
        assertThat(store.runs(RunRecord.Status.WAITING)).isEmpty();

        script(server, toolCalls(new String[] {"call_w", "write", "{\"text\":\"hi\"}"}), answer("Noted."));
        Notes notes = new Notes();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).instructions("You are terse.")
                .tools(notes).store(store).build();
        AgentResult waiting = agent.conversation("old").send("Note hi.");
        assertThat(waiting.waiting()).isTrue();
        JdbcConversationStore reopened = name.equals("sqlite") ? JdbcConversationStore.sqlite(file)
                : JdbcConversationStore.connect(url, null, null);
        assertThat(Agent.builder().model(ChatServer.model(server).build()).tools(notes).store(reopened).build()
                .resume(waiting.runId(), List.of(Decision.approve("call_w"))).text()).isEqualTo("Noted.");
        assertThat(notes.runs).containsExactly("hi");
        assertThat(versions(url)).containsExactly(1, 2, 3, 4);
        assertThat(reopened.load("old")).hasSize(ROWS.length + 4);
        assertThat(reopened.run(waiting.runId()).orElseThrow().status()).isEqualTo(RunRecord.Status.COMPLETED);
    }

    private static List<Integer> versions(String url) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM agent4j_schema ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }
}
