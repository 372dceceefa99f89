package io.agent4j.tools.sql;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Read-only SQL over JDBC for an analyst agent: list the tables, run one {@code SELECT}. Writes
 * are refused three times over: only a single statement starting with {@code SELECT} or
 * {@code WITH} is accepted, the connection is read-only ({@code PRAGMA query_only} on SQLite, a
 * read-only transaction elsewhere, always rolled back), and results are capped in rows.
 *
 * <pre>{@code
 * Agent.builder().tools(new SqlTools("jdbc:sqlite:shop.db", 100)) ...
 * }</pre>
 */
public final class SqlTools {

    private static final Pattern COMMENTS = Pattern.compile("(--[^\\n]*)|(/\\*.*?\\*/)", Pattern.DOTALL);
    private static final int QUERY_TIMEOUT_SECONDS = 20;

    private final String url;
    private final int maxRows;

    /**
     * Tools over the database at {@code url}; the JDBC driver must be on the class path.
     *
     * @param maxRows the most rows one query returns (more are cut, and the result says so)
     */
    public SqlTools(String url, int maxRows) {
        this.url = Objects.requireNonNull(url, "url");
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, was " + maxRows);
        }
        this.maxRows = maxRows;
    }

    /** A table and its columns. */
    public record Table(String name, List<String> columns) {
    }

    /** The result of a query: column names, rows of values as text, and whether rows were cut. */
    public record QueryResult(List<String> columns, List<List<String>> rows, boolean truncated, String note) {
    }

    /** Lists the tables with their columns and types. */
    @Tool(value = "Lists the tables of the database with their columns (name and SQL type). Call it first to "
            + "learn the schema before writing a query.", name = "sql_tables")
    public List<Table> tables() throws SQLException {
        try (Connection connection = open()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<Table> tables = new ArrayList<>();
            try (ResultSet rows = meta.getTables(null, null, "%", new String[] {"TABLE", "VIEW"})) {
                while (rows.next()) {
                    String name = rows.getString("TABLE_NAME");
                    if (!name.startsWith("sqlite_")) {
                        tables.add(new Table(name, columns(meta, name)));
                    }
                }
            }
            return tables;
        }
    }

    private static List<String> columns(DatabaseMetaData meta, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rows = meta.getColumns(null, null, table, "%")) {
            while (rows.next()) {
                columns.add(rows.getString("COLUMN_NAME") + " " + rows.getString("TYPE_NAME"));
            }
        }
        return columns;
    }

    /** Runs one read-only query. */
    @Tool(value = "Runs one read-only SQL query (a single SELECT, or WITH ... SELECT) and returns the columns "
            + "and rows. Aggregate in SQL (COUNT, SUM, GROUP BY) rather than fetching many rows: results are "
            + "capped. Writes (INSERT, UPDATE, DELETE, DDL) are refused.", name = "sql_query")
    public QueryResult query(@Param("The SQL query, e.g. SELECT country, COUNT(*) FROM customers GROUP BY "
            + "country") String sql) throws SQLException {
        String statement = checkedQuery(sql);
        try (Connection connection = open(); Statement query = connection.createStatement()) {
            query.setMaxRows(maxRows + 1);
            query.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rows = query.executeQuery(statement)) {
                ResultSetMetaData meta = rows.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    columns.add(meta.getColumnLabel(c));
                }
                List<List<String>> values = new ArrayList<>();
                boolean truncated = false;
                while (rows.next()) {
                    if (values.size() == maxRows) {
                        truncated = true;
                        break;
                    }
                    List<String> row = new ArrayList<>(columns.size());
                    for (int c = 1; c <= columns.size(); c++) {
                        row.add(rows.getString(c));
                    }
                    values.add(row);
                }
                return new QueryResult(columns, values, truncated, truncated ? "Only the first " + maxRows
                        + " rows are shown; aggregate or add a LIMIT to see what you need." : null);
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            }
        }
    }

    /** The query without comments, or an exception saying why it is refused. */
    static String checkedQuery(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("The query is empty; send one SELECT statement.");
        }
        String text = COMMENTS.matcher(sql).replaceAll(" ").strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.contains(";")) {
            throw new IllegalArgumentException("Only one statement is allowed; remove the ';' between statements.");
        }
        String first = text.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (!first.equals("SELECT") && !first.equals("WITH")) {
            throw new IllegalArgumentException("Only read-only queries are allowed (SELECT or WITH ... SELECT); '"
                    + first + "' statements are refused.");
        }
        return text;
    }

    private Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        if (url.startsWith("jdbc:sqlite:")) {
            try (Statement pragma = connection.createStatement()) {
                pragma.execute("PRAGMA query_only = ON");
            }
        } else {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
        }
        return connection;
    }

    @Override
    public String toString() {
        int query = url.indexOf('?');
        return "SqlTools[" + (query < 0 ? url : url.substring(0, query)) + "]";
    }
}
