package io.agent4j.examples;

import static io.agent4j.examples.ScriptedSession.answer;
import static io.agent4j.examples.ScriptedSession.call;
import static io.agent4j.examples.ScriptedSession.calls;
import static io.agent4j.examples.ScriptedSession.turn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The scripted session of the sql example, {@code sessions/sql.json}: the model reads the schema,
 * runs one aggregate query over the generated shop database, and answers from its rows. Also
 * {@link #writes(Path)}, a script (not shipped) in which the model tries to delete rows.
 *
 * <p>Re-create it with {@code mvn -q -B test -pl agent-examples -Dtest=SqlSessionTest
 * -Dagent4j.writeSession=true}.
 */
public final class SqlSession {

    /** Where the session is shipped, relative to the agent-examples module. */
    public static final Path SHIPPED = Path.of("sessions", "sql.json");
    /** The prompt of the session. */
    public static final String PROMPT = SqlExample.SAMPLE_PROMPT;
    /** The query the model writes. */
    public static final String QUERY = "SELECT c.country, COUNT(*) AS orders, "
            + "printf('%.2f', SUM(o.quantity * o.unit_price_cents) / 100.0) AS revenue_eur "
            + "FROM orders o JOIN customers c ON c.id = o.customer_id "
            + "WHERE o.status = 'delivered' AND o.ordered_on >= '2025-01-01' AND o.ordered_on < '2026-01-01' "
            + "GROUP BY c.country ORDER BY SUM(o.quantity * o.unit_price_cents) DESC LIMIT 3";
    /** The model's final answer in the session. */
    public static final String ANSWER = "Germany (DE) brought in the most, 27262.00 EUR from 119 "
            + "orders, then France (FR) with 23642.00 EUR from 101 orders and the Netherlands (NL) with 21751.00 EUR "
            + "from 106 orders. I summed quantity times unit price over the delivered orders dated 2025, grouped "
            + "by the customer's country.";

    /** A statement that writes, refused by the tool. */
    public static final String DELETE = "DELETE FROM orders WHERE status = 'cancelled'";
    /** A write dressed as a query (it starts with WITH), refused by the read-only connection. */
    public static final String HIDDEN_DELETE = "WITH gone AS (SELECT id FROM orders WHERE status = 'cancelled') "
            + "DELETE FROM orders WHERE id IN (SELECT id FROM gone)";
    /** The prompt of the write script. */
    public static final String WRITE_PROMPT = "Delete all cancelled orders.";
    /** The answer of the write script. */
    public static final String WRITE_ANSWER = "I cannot delete orders: the database is read-only for me, and "
            + "both attempts were refused. I can count or list the cancelled orders instead.";

    private SqlSession() {
    }

    /** The script of the shipped session, with the database in {@code folder}. */
    public static ScriptedSession session(Path folder) {
        return ScriptedSession.run("sql", Map.of(SqlExample.DIR, folder.toString()), turn(PROMPT,
                calls(call("sql_tables", "{}", "sql-1")),
                calls(call("sql_query", json(QUERY), "sql-2")),
                answer(ANSWER, "\"columns\":[\"country\",\"orders\",\"revenue_eur\"]",
                        "[\"DE\",\"119\",\"27262.00\"],[\"FR\",\"101\",\"23642.00\"],[\"NL\",\"106\",\"21751.00\"]")));
    }

    /** A script in which the model tries to delete rows, twice, with the database in {@code folder}. */
    public static ScriptedSession writes(Path folder) {
        return ScriptedSession.run("sql", Map.of(SqlExample.DIR, folder.toString()), turn(WRITE_PROMPT,
                calls(call("sql_query", json(DELETE), "sql-write-1")),
                calls(call("sql_query", json(HIDDEN_DELETE), "sql-write-2")),
                answer(WRITE_ANSWER, "'DELETE' statements are refused", "readonly")));
    }

    private static String json(String sql) {
        return "{\"sql\":\"" + sql.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    /** Writes the session to the file given as the argument, or to {@link #SHIPPED}. */
    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : SHIPPED;
        session(Files.createTempDirectory("agent4j-shop")).write(file);
        System.out.println("Wrote " + file.toAbsolutePath());
    }
}
