package io.agent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.AgentResult;
import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.examples.sql.SampleShop;
import io.agent4j.tool.Toolbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The sql example: its shipped session, where its database goes, and that it cannot write. */
class SqlSessionTest {

    @TempDir
    Path dir;

    @Test
    void shippedSessionMatchesAFreshScriptedRun() throws Exception {
        SqlSession.session(dir.resolve("db")).assertShippedMatchesAFreshRun(SqlSession.SHIPPED, dir);
    }

    @Test
    void theSessionReadsTheSchemaThenRunsOneQuery() throws Exception {
        JsonNode exchanges = ScriptedSession.read(SqlSession.SHIPPED).path("exchanges");

        assertThat(exchanges).hasSize(3);
        assertThat(ScriptedSession.toolNames(exchanges.get(0))).containsExactly("sql_query", "sql_tables");
        assertThat(exchanges.at("/0/response/message/tool_calls/0/function/name").asString()).isEqualTo("sql_tables");
        assertThat(exchanges.at("/1/response/message/tool_calls/0/function/arguments").asString())
                .contains("GROUP BY c.country");
        assertThat(exchanges.at("/2/request/messages/5/content").asString())
                .contains("[\"DE\",\"119\",\"27262.00\"]");
        assertThat(exchanges.at("/2/response/message/content").asString()).isEqualTo(SqlSession.ANSWER);
    }

    @Test
    void theDatabaseIsGeneratedInTheFolderOfTheSetting() {
        Path folder = dir.resolve("shop");

        Toolbox tools = SqlExample.tools(Map.of(SqlExample.DIR, folder.toString()));

        assertThat(folder.resolve("shop-v1.db")).isRegularFile();
        assertThat(tools.names()).containsExactlyInAnyOrder("sql_tables", "sql_query");
        assertThat(SqlExample.defaultFolder()).isEqualTo(Path.of(System.getProperty("user.home"), ".agent4j"));
    }

    @Test
    void writesAreRefusedAndTheDataIsUnchanged() throws Exception {
        Path folder = dir.resolve("shop");

        AgentResult result = SqlSession.writes(folder).write(dir.resolve("writes.json")).get(0);

        assertThat(ScriptedSession.toolResults(result)).containsExactly(
                "Error: tool 'sql_query' failed: IllegalArgumentException: Only read-only queries are allowed "
                        + "(SELECT or WITH ... SELECT); 'DELETE' statements are refused.",
                "Error: tool 'sql_query' failed: SQLiteException: [SQLITE_READONLY] Attempt to write a readonly "
                        + "database (attempt to write a readonly database)");
        assertThat(result.text()).isEqualTo(SqlSession.WRITE_ANSWER);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + SampleShop.ensure(folder));
                Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT COUNT(*), SUM(status = 'cancelled') FROM orders")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(3000);
            assertThat(rows.getInt(2)).isPositive();
        }
    }

    @Test
    void rowsAreCapped() {
        Toolbox tools = SqlExample.tools(Map.of(SqlExample.DIR, dir.toString()));

        String result = tools.call("sql_query", "{\"sql\":\"SELECT id FROM orders ORDER BY id\"}").content();

        assertThat(result).contains("\"truncated\":true").contains("[\"50\"]").doesNotContain("[\"51\"]")
                .contains("Only the first " + SqlExample.MAX_ROWS + " rows are shown");
    }

    @Test
    void anUnknownSettingOfTheExampleIsRefused() {
        assertThatThrownBy(() -> SqlExample.tools(Map.of("sql.folder", dir.toString())))
                .isInstanceOf(ToolRegistrationException.class).hasMessageContaining("sql.dir");
        assertThat(Files.exists(dir.resolve("shop-v1.db"))).isFalse();
    }
}
