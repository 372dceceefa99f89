package io.agent4j.tools.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.tool.Toolbox;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlToolsTest {

    @TempDir
    Path dir;

    private String url;
    private Toolbox tools;

    @BeforeEach
    void database() throws Exception {
        url = "jdbc:sqlite:" + dir.resolve("shop.db");
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, country TEXT)");
            for (int i = 1; i <= 30; i++) {
                sql.execute("INSERT INTO customers VALUES (" + i + ", 'c" + i + "', '" + (i % 3 == 0 ? "KR" : "DE") + "')");
            }
        }
        tools = Toolbox.of(new SqlTools(url, 10));
    }

    private int customers() throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM customers")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void listsTablesWithColumns() {
        assertThat(tools.call("sql_tables", "{}").content())
                .isEqualTo("[{\"name\":\"customers\",\"columns\":[\"id INTEGER\",\"name TEXT\",\"country TEXT\"]}]");
    }

    @Test
    void runsASelect() {
        assertThat(tools.call("sql_query", "{\"sql\":\"SELECT country, COUNT(*) AS n FROM customers GROUP BY country "
                + "ORDER BY country -- per country\"}").content())
                .isEqualTo("{\"columns\":[\"country\",\"n\"],\"rows\":[[\"DE\",\"20\"],[\"KR\",\"10\"]],"
                        + "\"truncated\":false,\"note\":null}");
    }

    @Test
    void capsRowsAndSaysSo() {
        String result = tools.call("sql_query", "{\"sql\":\"SELECT id FROM customers ORDER BY id\"}").content();
        assertThat(result).contains("\"truncated\":true").contains("Only the first 10 rows").contains("[\"10\"]")
                .doesNotContain("[\"11\"]");
    }

    @Test
    void refusesWritesBeforeRunningThem() throws Exception {
        for (String sql : new String[] {"DELETE FROM customers", "UPDATE customers SET name = 'x'",
            "DROP TABLE customers", "INSERT INTO customers VALUES (99, 'x', 'y')"}) {
            assertThat(tools.call("sql_query", "{\"sql\":\"" + sql + "\"}").content())
                    .as(sql).contains("Only read-only queries are allowed");
        }
        assertThat(tools.call("sql_query", "{\"sql\":\"SELECT 1; DELETE FROM customers\"}").content())
                .contains("Only one statement is allowed");
        assertThat(customers()).isEqualTo(30);
    }

    @Test
    void aWriteHiddenInACommonTableExpressionIsStoppedByTheReadOnlyConnection() throws Exception {
        String result = tools.call("sql_query", "{\"sql\":\"WITH x AS (SELECT 1) DELETE FROM customers\"}").content();
        assertThat(result).startsWith("Error: tool 'sql_query' failed:");
        assertThat(customers()).isEqualTo(30);
    }

    @Test
    void badSqlIsReportedToTheModel() {
        assertThat(tools.call("sql_query", "{\"sql\":\"SELECT nope FROM customers\"}").content())
                .startsWith("Error: tool 'sql_query' failed:").contains("nope");
        assertThatThrownBy(() -> new SqlTools(url, 0)).hasMessageContaining("maxRows");
        assertThatThrownBy(() -> SqlTools.checkedQuery(" ")).hasMessageContaining("empty");
    }
}
