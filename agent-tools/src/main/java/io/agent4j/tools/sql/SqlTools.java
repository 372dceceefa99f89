package io.agent4j.tools.sql;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Read-only SQL over JDBC for an analyst agent: list the tables, run one {@code SELECT}. Writes
 * are refused three times over: only a single statement starting with {@code SELECT} or
 * {@code WITH} is accepted, the connection is read-only ({@code PRAGMA query_only} on SQLite, a
 * read-only transaction elsewhere, always rolled back), and results are capped in rows.
 *
 * <p>No query runs past its timeout: a watchdog cancels the statement ({@link Statement#cancel},
 * which interrupts SQLite's virtual machine) when the time is up or the calling thread is
 * interrupted. No cell is read whole: on SQLite the query is wrapped so that SQLite hands over at
 * most {@code maxCellChars + 1} characters of each value; elsewhere each value is read as a
 * character stream up to the cap. A cut value is said so in the result's note.
 *
 * <pre>{@code
 * Agent.builder().tools(new SqlTools("jdbc:sqlite:shop.db", 100)) ...
 * Agent.builder().tools(new SqlTools("jdbc:sqlite:shop.db", 100, Duration.ofSeconds(5), 500)) ...
 * }</pre>
 */
public final class SqlTools {

    /** The default longest time one query may run: 20 s. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(20);

    /** The default most characters shown of one value. */
    public static final int DEFAULT_MAX_CELL_CHARS = 1000;

    private static final Pattern COMMENTS = Pattern.compile("(--[^\\n]*)|(/\\*.*?\\*/)", Pattern.DOTALL);
    private static final long WATCH_PERIOD_MILLIS = 50;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "agent4j-sql-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final String url;
    private final int maxRows;
    private final Duration queryTimeout;
    private final int maxCellChars;

    /**
     * Tools over the database at {@code url} with the default timeout (20 s) and cell cap (1,000
     * characters); the JDBC driver must be on the class path.
     *
     * @param maxRows the most rows one query returns (more are cut, and the result says so)
     */
    public SqlTools(String url, int maxRows) {
        this(url, maxRows, DEFAULT_QUERY_TIMEOUT, DEFAULT_MAX_CELL_CHARS);
    }

    /**
     * Tools over the database at {@code url}; the JDBC driver must be on the class path.
     *
     * @param maxRows the most rows one query returns (more are cut, and the result says so)
     * @param queryTimeout the longest one query may run before it is stopped
     * @param maxCellChars the most characters shown of one value (longer ones are cut, and the
     *     result says so)
     */
    public SqlTools(String url, int maxRows, Duration queryTimeout, int maxCellChars) {
        this.url = Objects.requireNonNull(url, "url");
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, was " + maxRows);
        }
        if (queryTimeout == null || queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("queryTimeout must be positive, was " + queryTimeout);
        }
        if (maxCellChars < 1) {
            throw new IllegalArgumentException("maxCellChars must be at least 1, was " + maxCellChars);
        }
        this.maxRows = maxRows;
        this.queryTimeout = queryTimeout;
        this.maxCellChars = maxCellChars;
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

    /**
     * Runs one read-only query.
     *
     * @throws IllegalArgumentException when the query is refused
     * @throws IllegalStateException when the query ran out of time or its thread was interrupted
     */
    @Tool(value = "Runs one read-only SQL query (a single SELECT, or WITH ... SELECT) and returns the columns "
            + "and rows. Aggregate in SQL (COUNT, SUM, GROUP BY) rather than fetching many rows: results are "
            + "capped. Writes (INSERT, UPDATE, DELETE, DDL) are refused.", name = "sql_query")
    public QueryResult query(@Param("The SQL query, e.g. SELECT country, COUNT(*) FROM customers GROUP BY "
            + "country") String sql) throws SQLException {
        String statement = checkedQuery(sql);
        try (Connection connection = open(); Statement query = connection.createStatement()) {
            Watch watch = new Watch(query, Thread.currentThread(), System.nanoTime() + queryTimeout.toNanos());
            ScheduledFuture<?> watching = WATCHDOG.scheduleWithFixedDelay(watch,
                    Math.min(WATCH_PERIOD_MILLIS, queryTimeout.toMillis()), WATCH_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            try {
                return run(connection, query, statement);
            } catch (SQLException e) {
                if (watch.stopped()) {
                    throw watch.failure();
                }
                throw e;
            } finally {
                watching.cancel(false);
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            }
        }
    }

    private QueryResult run(Connection connection, Statement query, String statement) throws SQLException {
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        List<String> columns = sqlite ? labels(connection, statement) : List.of();
        // a statement without columns is no query: it runs as written, for the read-only connection to refuse
        boolean capped = !columns.isEmpty();
        query.setMaxRows(maxRows + 1);
        query.setQueryTimeout((int) Math.max(1, (queryTimeout.toMillis() + 999) / 1000));
        try (ResultSet rows = query.executeQuery(capped ? cellCapped(statement, columns.size()) : statement)) {
            if (!capped) {
                columns = labels(rows.getMetaData());
            }
            List<List<String>> values = new ArrayList<>();
            boolean truncated = false;
            String firstCut = null;
            while (rows.next()) {
                if (values.size() == maxRows) {
                    truncated = true;
                    break;
                }
                List<String> row = new ArrayList<>(columns.size());
                for (int c = 1; c <= columns.size(); c++) {
                    String value = capped ? rows.getString(c) : prefix(rows.getCharacterStream(c));
                    if (value != null && value.length() > maxCellChars) {
                        value = value.substring(0, maxCellChars);
                        if (firstCut == null) {
                            firstCut = "row " + (values.size() + 1) + ", column " + columns.get(c - 1);
                        }
                    }
                    row.add(value);
                }
                values.add(row);
            }
            return new QueryResult(columns, values, truncated, note(truncated, firstCut));
        }
    }

    private String note(boolean truncated, String firstCut) {
        String rows = truncated ? "Only the first " + maxRows + " rows are shown; aggregate or add a LIMIT to see "
                + "what you need." : null;
        String cells = firstCut == null ? null : "Values longer than " + maxCellChars + " characters are cut (first "
                + "in " + firstCut + "); select a part with substr() or length() to see what you need.";
        if (rows == null || cells == null) {
            return rows == null ? cells : rows;
        }
        return rows + " " + cells;
    }

    /** The column labels of a query, from preparing it (nothing runs); none for a statement that is no query. */
    private static List<String> labels(Connection connection, String statement) throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement(statement)) {
            ResultSetMetaData meta = prepared.getMetaData();
            return meta == null ? List.of() : labels(meta);
        } catch (SQLException e) {
            return List.of(); // no columns to describe: the statement runs as written and fails there
        }
    }

    private static List<String> labels(ResultSetMetaData meta) throws SQLException {
        List<String> labels = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            labels.add(meta.getColumnLabel(c));
        }
        return labels;
    }

    /**
     * The query wrapped so that SQLite returns at most one character more than the cap of each
     * value; the columns are renamed by position, so duplicate or odd names do not matter.
     */
    private String cellCapped(String statement, int columns) {
        StringJoiner names = new StringJoiner(", ");
        StringJoiner cells = new StringJoiner(", ");
        for (int c = 1; c <= columns; c++) {
            names.add("c" + c);
            cells.add("substr(c" + c + ", 1, " + (maxCellChars + 1) + ")");
        }
        return "WITH agent4j_result(" + names + ") AS (" + statement + ") SELECT " + cells + " FROM agent4j_result";
    }

    /** At most one character more than the cap of a value, or null for SQL NULL. */
    private String prefix(Reader value) throws SQLException {
        if (value == null) {
            return null;
        }
        try (Reader reader = value) {
            char[] chars = new char[maxCellChars + 1];
            int length = 0;
            for (int n; length < chars.length && (n = reader.read(chars, length, chars.length - length)) >= 0; ) {
                length += n;
            }
            return new String(chars, 0, length);
        } catch (IOException e) {
            throw new SQLException("Cannot read a value: " + e.getMessage(), e);
        }
    }

    /** Cancels the statement once the deadline has passed or the calling thread is interrupted. */
    private final class Watch implements Runnable {

        private final Statement statement;
        private final Thread caller;
        private final long deadline;
        private volatile String reason;

        Watch(Statement statement, Thread caller, long deadline) {
            this.statement = statement;
            this.caller = caller;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            if (reason != null) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                reason = "The query did not finish within " + queryTimeout.toMillis() + " ms and was stopped; make "
                        + "it cheaper (a recursive query needs a condition that ends it, e.g. WHERE n < 1000; add a "
                        + "LIMIT or aggregate fewer rows).";
            } else if (caller.isInterrupted()) {
                reason = "The query was stopped: the call was cancelled or ran out of time.";
            } else {
                return;
            }
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException e) {
                reason = reason + " (cancelling it failed: " + e.getMessage() + ")";
            }
        }

        boolean stopped() {
            return reason != null;
        }

        IllegalStateException failure() {
            return new IllegalStateException(reason);
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
