package io.agent4j.tools.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.tool.Toolbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
        assertThat(result).startsWith("Error: tool 'sql_query' failed:").contains("SQLITE_READONLY");
        assertThat(customers()).isEqualTo(30);
    }

    @Test
    void badSqlIsReportedToTheModel() {
        assertThat(tools.call("sql_query", "{\"sql\":\"SELECT nope FROM customers\"}").content())
                .startsWith("Error: tool 'sql_query' failed:").contains("nope");
        assertThatThrownBy(() -> new SqlTools(url, 0)).hasMessageContaining("maxRows");
        assertThatThrownBy(() -> SqlTools.checkedQuery(" ")).hasMessageContaining("empty");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // without a real stop it runs for good
    void aQueryThatWouldRunForeverIsStoppedAtItsTimeout() {
        Toolbox quick = Toolbox.of(new SqlTools(url, 10, Duration.ofMillis(200), 1000));
        String result = quick.call("sql_query", "{\"sql\":\"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 "
                + "FROM r) SELECT COUNT(*) FROM r\"}").content();
        assertThat(result).isEqualTo("Error: tool 'sql_query' failed: IllegalStateException: The query did not finish "
                + "within 200 ms and was stopped; make it cheaper (a recursive query needs a condition that ends it, "
                + "e.g. WHERE n < 1000; add a LIMIT or aggregate fewer rows).");
        assertThat(quick.call("sql_query", "{\"sql\":\"SELECT COUNT(*) AS n FROM customers\"}").content())
                .isEqualTo("{\"columns\":[\"n\"],\"rows\":[[\"30\"]],\"truncated\":false,\"note\":null}");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aQueryIsStoppedWhenItsThreadIsInterrupted() throws Exception {
        SqlTools sql = new SqlTools(url, 10, Duration.ofMinutes(10), 1000);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread query = new Thread(() -> {
            try {
                sql.query("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT COUNT(*) FROM r");
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        query.setDaemon(true);
        query.start();
        while (query.isAlive() && !inSqlite(query)) {
            Thread.onSpinWait();
        }
        query.interrupt();
        query.join(30_000);
        assertThat(query.getState()).as("the interrupted thread").isEqualTo(Thread.State.TERMINATED);
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class)
                .hasMessage("The query was stopped: the call was cancelled or ran out of time.");
    }

    private static boolean inSqlite(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals("org.sqlite.core.NativeDB") && frame.getMethodName().equals("step")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aCellLongerThanTheCapIsCutInTheQueryAndSaysSo() {
        Toolbox capped = Toolbox.of(new SqlTools(url, 10, Duration.ofSeconds(20), 100));
        String result = capped.call("sql_query", "{\"sql\":\"SELECT id, hex(zeroblob(10000000)) AS big, name "
                + "FROM customers WHERE id <= 2 ORDER BY id\"}").content();
        assertThat(result).isEqualTo("{\"columns\":[\"id\",\"big\",\"name\"],\"rows\":[[\"1\",\"" + "0".repeat(100)
                + "\",\"c1\"],[\"2\",\"" + "0".repeat(100) + "\",\"c2\"]],\"truncated\":false,\"note\":\"Values longer "
                + "than 100 characters are cut (first in row 1, column big); select a part with substr() or "
                + "length() to see what you need.\"}");
    }

    @Test
    void aHugeCellIsCutBySqliteAndNeverReadWholeIntoTheHeap() throws Exception {
        // 60,000,000 characters: read whole, the value alone would not fit into the 32 MiB heap
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                HugeCellQuery.class.getName(), url, "SELECT hex(zeroblob(30000000)) AS big").redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).isEqualTo("Values longer than 1000 characters are cut (first in row 1, column big); select a "
                + "part with substr() or length() to see what you need.");
    }

    @Test
    void theDefaultCellCapIs1000Characters() {
        String result = tools.call("sql_query", "{\"sql\":\"SELECT hex(zeroblob(20000000)) AS big\"}").content();
        assertThat(result).contains("[\"" + "0".repeat(1000) + "\"]").doesNotContain("0".repeat(1001))
                .contains("Values longer than 1000 characters are cut (first in row 1, column big)");
    }

    @Test
    void columnsWithTheSameNameKeepTheirValues() {
        assertThat(tools.call("sql_query", "{\"sql\":\"WITH two AS (SELECT 1 AS n, 2 AS n) SELECT n, * FROM two\"}")
                .content()).isEqualTo("{\"columns\":[\"n\",\"n\",\"n:1\"],\"rows\":[[\"1\",\"1\",\"2\"]],"
                + "\"truncated\":false,\"note\":null}");
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new SqlTools(url, 10, Duration.ZERO, 100)).hasMessageContaining("queryTimeout");
        assertThatThrownBy(() -> new SqlTools(url, 10, Duration.ofSeconds(1), 0)).hasMessageContaining("maxCellChars");
    }
}
