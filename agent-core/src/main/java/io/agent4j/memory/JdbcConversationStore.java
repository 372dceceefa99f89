package io.agent4j.memory;

import io.agent4j.chat.Message;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.internal.ChatJson;
import io.agent4j.errors.Agent4jException;
import io.agent4j.errors.ConcurrentConversationException;
import io.agent4j.errors.CorruptConversationException;
import io.agent4j.approval.Decision;
import io.agent4j.memory.internal.StoredMessage;
import io.agent4j.memory.internal.StoredRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps conversations in a SQL database through JDBC: SQLite as the embedded default (one file,
 * WAL mode, created on first use), PostgreSQL unchanged for several application instances sharing
 * conversations. The schema is versioned and migrated on first use.
 *
 * <p>Each {@link #append} is one transaction that holds the conversation while it checks and
 * writes (SQLite: an immediate transaction, which waits up to 10 s for another writer of the file
 * instead of failing; PostgreSQL: a transaction-scoped advisory lock on the conversation), so a
 * reader never sees half a step, writers of different conversations never lose a step to each
 * other, and the turn rules of {@link ConversationStore} hold across processes. A turn whose
 * writer stored nothing for the turn lease (15 minutes unless {@link #withTurnLease} says
 * otherwise) is taken as abandoned.
 *
 * <pre>{@code
 * ConversationStore store = JdbcConversationStore.sqlite(Path.of("sessions.db"));
 * ConversationStore shared = JdbcConversationStore.connect("jdbc:postgresql://db/app", "app", secret);
 * ConversationStore pooled = JdbcConversationStore.of(dataSource);   // HikariCP, Spring's DataSource
 * }</pre>
 *
 * A store made from a URL opens a connection of its own for each operation and closes it after,
 * so it holds none between calls; a store made {@linkplain #of(DataSource) from a DataSource}
 * borrows one from it for each operation and gives it back. The JDBC driver
 * (org.xerial:sqlite-jdbc, org.postgresql:postgresql) comes from the application.
 */
public final class JdbcConversationStore implements ConversationStore {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 4;
    /** How long a turn whose writer stores nothing stays its writer's, unless {@link #withTurnLease} says otherwise. */
    public static final Duration DEFAULT_TURN_LEASE = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(JdbcConversationStore.class);
    private static final int LOCK_SPACE = 0x61346a;
    private static final long EMPTY_FILE_WAIT_MILLIS = 2_000;

    private static final List<List<String>> MIGRATIONS = List.of(
            List.of("CREATE TABLE IF NOT EXISTS agent4j_messages (conversation_id VARCHAR(255) NOT NULL, "
                    + "seq BIGINT NOT NULL, role VARCHAR(16) NOT NULL, tool_name VARCHAR(64), message TEXT NOT NULL, "
                    + "created_at VARCHAR(40) NOT NULL, PRIMARY KEY (conversation_id, seq))"),
            List.of("CREATE TABLE IF NOT EXISTS agent4j_turns (conversation_id VARCHAR(255) NOT NULL PRIMARY KEY, "
                    + "writer VARCHAR(255) NOT NULL, renewed_at BIGINT NOT NULL)"),
            List.of("CREATE TABLE IF NOT EXISTS agent4j_runs (run_id VARCHAR(255) NOT NULL PRIMARY KEY, "
                    + "conversation_id VARCHAR(255) NOT NULL, status VARCHAR(16) NOT NULL, state TEXT NOT NULL, "
                    + "updated_at BIGINT NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS agent4j_runs_by_status ON agent4j_runs (status, updated_at)"),
            List.of("CREATE INDEX IF NOT EXISTS agent4j_runs_by_conversation ON agent4j_runs (conversation_id, status)"));

    /** Where connections come from: the driver for a URL, or the application's DataSource. */
    @FunctionalInterface
    private interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    /** The database's URL, as messages name it (without its query, which may hold a password). */
    private final String url;
    private final boolean sqlite;
    private final boolean postgres;
    private final Duration turnLease;

    /**
     * What {@link #repair} did.
     *
     * @param deleted the sequence numbers of the messages it deleted, in order
     * @param endedOpenTurn whether it ended a turn that a writer had left open
     * @param remaining how many messages the conversation holds now
     */
    public record Repair(List<Long> deleted, boolean endedOpenTurn, int remaining) {

        /** Creates a repair report; the list is copied. */
        public Repair {
            deleted = List.copyOf(deleted);
        }
    }

    private JdbcConversationStore(Connections connections, String url, boolean sqlite, boolean postgres,
            Duration turnLease, boolean migrate) {
        this.connections = connections;
        this.url = url;
        this.sqlite = sqlite;
        this.postgres = postgres;
        this.turnLease = turnLease;
        if (migrate) {
            migrate();
        }
    }

    /** A store at a JDBC URL, through the driver, with SQLite's writers waiting for each other. */
    private static JdbcConversationStore atUrl(String url, Properties properties) {
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        if (sqlite) {
            properties.putIfAbsent("busy_timeout", "10000");
            properties.putIfAbsent("transaction_mode", "IMMEDIATE");
        }
        return new JdbcConversationStore(() -> DriverManager.getConnection(url, properties), url, sqlite,
                url.startsWith("jdbc:postgresql:"), DEFAULT_TURN_LEASE, true);
    }

    /**
     * A store in a SQLite file, created with its folders on first use.
     *
     * @throws Agent4jException when the folder cannot be created, or the file exists but is empty
     *     (zero bytes: not a database, so not silently taken as a new one)
     */
    public static JdbcConversationStore sqlite(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new Agent4jException("Cannot create the folder of conversation database " + file + ": "
                    + e.getMessage(), e);
        }
        checkNotEmpty(absolute);
        return atUrl("jdbc:sqlite:" + absolute, new Properties());
    }

    /** A store at a JDBC URL, such as {@code jdbc:postgresql://localhost/app}; user and password may be null. */
    public static JdbcConversationStore connect(String url, String user, String password) {
        Properties credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        return atUrl(url, credentials);
    }

    /**
     * A store whose connections are borrowed from {@code dataSource} (a pool such as HikariCP, or
     * the {@code DataSource} of a Spring application), one for each operation, and given back when
     * it ends; the pool stays the application's to close. The database's kind (SQLite,
     * PostgreSQL) is read from the first connection, and the tables are made then. For SQLite, let
     * the data source begin transactions as {@code IMMEDIATE} and wait when the database is busy
     * (sqlite-jdbc's {@code transaction_mode=IMMEDIATE} and {@code busy_timeout}), as
     * {@link #sqlite(Path)} does, so that two writers wait for each other instead of failing.
     *
     * @throws Agent4jException when no connection can be had, or the tables cannot be made
     */
    public static JdbcConversationStore of(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        String url;
        String product;
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            url = metadata.getURL();
            product = metadata.getDatabaseProductName();
        } catch (SQLException e) {
            throw new Agent4jException("Cannot open a connection of the conversation database's DataSource ("
                    + dataSource + "): " + e.getMessage(), e);
        }
        return new JdbcConversationStore(dataSource::getConnection, url == null ? String.valueOf(dataSource) : url,
                "SQLite".equalsIgnoreCase(product), "PostgreSQL".equalsIgnoreCase(product), DEFAULT_TURN_LEASE, true);
    }

    /**
     * This store with another turn lease: how long a turn whose writer stores nothing stays its
     * writer's before another writer may take the conversation over. Make it longer than the
     * longest step (a model call with its retries, or the slowest tool).
     */
    public JdbcConversationStore withTurnLease(Duration lease) {
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("The turn lease must be positive, was " + lease);
        }
        return new JdbcConversationStore(connections, url, sqlite, postgres, lease, false);
    }

    /**
     * A zero-length file is what a failed copy or a full disk leaves; SQLite would take it as an
     * empty database. A store being created by another process is empty only for milliseconds.
     */
    private static void checkNotEmpty(Path file) {
        long deadline = System.currentTimeMillis() + EMPTY_FILE_WAIT_MILLIS;
        try {
            while (Files.isRegularFile(file) && Files.size(file) == 0) {
                if (System.currentTimeMillis() > deadline) {
                    throw new Agent4jException("The conversation database " + file + " is an empty file (0 bytes), "
                            + "not a database: it holds no conversations (a failed copy or a full disk leaves such a "
                            + "file). Restore it from a backup, or delete it to start an empty store there.");
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new Agent4jException("Cannot read conversation database " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Agent4jException("Interrupted while opening conversation database " + file + ".", e);
        }
    }

    private Connection open() throws SQLException {
        return connections.open();
    }

    private void migrate() {
        try (Connection connection = open()) {
            if (sqlite) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA journal_mode = WAL");
                }
            }
            inTransaction(connection, () -> {
                try (Statement statement = connection.createStatement()) {
                    if (postgres) {
                        statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_SPACE + ", 0)");
                    }
                    statement.execute("CREATE TABLE IF NOT EXISTS agent4j_schema (version INTEGER NOT NULL)");
                    int version = 0;
                    try (ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM agent4j_schema")) {
                        if (rows.next()) {
                            version = rows.getInt(1);
                        }
                    }
                    if (version > SCHEMA_VERSION) {
                        throw new Agent4jException("The conversation database at " + safeUrl() + " has schema "
                                + "version " + version + ", newer than this agent4j's " + SCHEMA_VERSION
                                + "; upgrade agent4j.");
                    }
                    for (int next = version + 1; next <= SCHEMA_VERSION; next++) {
                        for (String sql : MIGRATIONS.get(next - 1)) {
                            statement.execute(sql);
                        }
                        statement.execute("INSERT INTO agent4j_schema (version) VALUES (" + next + ")");
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw failure("prepare", e);
        }
    }

    /**
     * {@inheritDoc} A gap in the sequence numbers (a deleted row) is not damage; a row that cannot
     * be read is reported with its sequence number.
     */
    @Override
    public List<Message> load(String conversationId) {
        try (Connection connection = open();
                PreparedStatement query = connection.prepareStatement("SELECT seq, role, tool_name, message "
                        + "FROM agent4j_messages WHERE conversation_id = ? ORDER BY seq")) {
            query.setString(1, conversationId);
            List<Message> messages = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    messages.add(StoredMessage.read(conversationId, rows.getLong(1), rows.getString(2),
                            rows.getString(3), rows.getString(4)));
                }
            }
            return messages;
        } catch (SQLException e) {
            throw failure("load conversation '" + conversationId + "' from", e);
        }
    }

    @Override
    public void append(String conversationId, String writer, long expectedSize, List<Message> messages,
            boolean endsTurn) {
        append(conversationId, writer, expectedSize, messages, endsTurn, null);
    }

    @Override
    public void append(String conversationId, String writer, long expectedSize, List<Message> messages,
            boolean endsTurn, RunRecord run) {
        Objects.requireNonNull(writer, "writer");
        try (Connection connection = open()) {
            inTransaction(connection, () -> {
                lock(connection, conversationId);
                long now = System.currentTimeMillis();
                TurnCheck turn = checkTurn(connection, conversationId, writer, expectedSize, now);
                insert(connection, conversationId, turn.lastSeq() + 1, messages);
                if (endsTurn) {
                    deleteTurn(connection, conversationId);
                } else {
                    claimTurn(connection, conversationId, writer, now, turn.open() != null);
                }
                if (run != null) {
                    storeRun(connection, run, expectedSize + messages.size());
                }
                return null;
            });
        } catch (SQLException e) {
            if (isConstraintViolation(e)) {
                throw concurrent(conversationId, -1, expectedSize);
            }
            throw failure("append to conversation '" + conversationId + "' in", e);
        }
    }

    /** The open turn of another writer, checked, and the last sequence number of a conversation of the expected size. */
    private record TurnCheck(OpenTurn open, long lastSeq) {
    }

    private TurnCheck checkTurn(Connection connection, String conversationId, String writer, long expectedSize,
            long now) throws SQLException {
        OpenTurn open = openTurn(connection, conversationId);
        if (open != null && !open.writer().equals(writer)) {
            if (now - open.renewedAt() < turnLease.toMillis()) {
                throw turnInProgress(conversationId, open);
            }
            log.warn("Conversation '{}': taking over a turn whose writer stored nothing since {} (lease {})",
                    conversationId, Instant.ofEpochMilli(open.renewedAt()), describe(turnLease));
        }
        long[] sizeAndLast = sizeAndLastSeq(connection, conversationId);
        if (sizeAndLast[0] != expectedSize) {
            throw concurrent(conversationId, sizeAndLast[0], expectedSize);
        }
        return new TurnCheck(open, sizeAndLast[1]);
    }

    private void storeRun(Connection connection, RunRecord run, long messages) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO agent4j_runs (run_id, "
                + "conversation_id, status, state, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE "
                + "SET conversation_id = excluded.conversation_id, status = excluded.status, state = excluded.state, "
                + "updated_at = excluded.updated_at")) {
            upsert.setString(1, run.runId());
            upsert.setString(2, run.conversationId());
            upsert.setString(3, run.status().name());
            upsert.setString(4, StoredRun.write(run, messages));
            upsert.setLong(5, run.updatedAt().toEpochMilli());
            upsert.executeUpdate();
        }
    }

    /** Yes: runs are kept beside their conversations. */
    @Override
    public boolean keepsRuns() {
        return true;
    }

    @Override
    public Optional<RunRecord> run(String runId) {
        try (Connection connection = open()) {
            return readRun(connection, runId);
        } catch (SQLException e) {
            throw failure("load run '" + runId + "' from", e);
        }
    }

    private static Optional<RunRecord> readRun(Connection connection, String runId) throws SQLException {
        return readState(connection, runId).map(StoredState::run);
    }

    /** A stored run, and how many messages its conversation held when it was stored (-1: not known). */
    private record StoredState(RunRecord run, long messages) {
    }

    private static Optional<StoredState> readState(Connection connection, String runId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT conversation_id, status, state, "
                + "updated_at FROM agent4j_runs WHERE run_id = ?")) {
            query.setString(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String state = rows.getString(3);
                return Optional.of(new StoredState(StoredRun.read(runId, rows.getString(1), rows.getString(2), state,
                        rows.getLong(4)), StoredRun.messages(state)));
            }
        }
    }

    @Override
    public List<RunRecord> runs(RunRecord.Status status) {
        try (Connection connection = open();
                PreparedStatement query = connection.prepareStatement("SELECT run_id, conversation_id, status, "
                        + "state, updated_at FROM agent4j_runs WHERE status = ? ORDER BY updated_at DESC, run_id")) {
            query.setString(1, status.name());
            List<RunRecord> runs = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    runs.add(StoredRun.read(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getLong(5)));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw failure("list the " + status.name().toLowerCase() + " runs of", e);
        }
    }

    @Override
    public Optional<RunRecord> waitingRun(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        try (Connection connection = open();
                PreparedStatement query = connection.prepareStatement("SELECT run_id, status, state, updated_at FROM "
                        + "agent4j_runs WHERE conversation_id = ? AND status = ? ORDER BY updated_at DESC, run_id")) {
            query.setString(1, conversationId);
            query.setString(2, RunRecord.Status.WAITING.name());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(StoredRun.read(rows.getString(1), conversationId, rows.getString(2),
                        rows.getString(3), rows.getLong(4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("look for the waiting run of", e);
        }
    }

    @Override
    public RunRecord claim(String runId, String writer, long expectedSize, Set<RunRecord.Status> expected,
            List<Decision> decisions) {
        Objects.requireNonNull(writer, "writer");
        try (Connection connection = open()) {
            RunRecord seen = readRun(connection, runId).orElseThrow(() -> new IllegalArgumentException(
                    "this store holds no run '" + runId + "'"));
            String conversationId = seen.conversationId();
            return inTransaction(connection, () -> {
                lock(connection, conversationId);
                StoredState stored = readState(connection, runId).orElseThrow();
                RunRecord current = stored.run();
                long now = System.currentTimeMillis();
                TurnCheck turn = checkTurn(connection, conversationId, writer, expectedSize, now);
                if (expected.contains(current.status())) {
                    if (stored.messages() >= 0 && stored.messages() != expectedSize) {
                        throw StoredRun.wentOn(current, stored.messages(), expectedSize);
                    }
                    claimTurn(connection, conversationId, writer, now, turn.open() != null);
                    storeRun(connection, current.resumed(decisions), expectedSize);
                }
                return current;
            });
        } catch (SQLException e) {
            throw failure("resume run '" + runId + "' in", e);
        }
    }

    @Override
    public void endTurn(String conversationId, String writer) {
        try (Connection connection = open()) {
            inTransaction(connection, () -> {
                lock(connection, conversationId);
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM agent4j_turns WHERE conversation_id = ? AND writer = ?")) {
                    delete.setString(1, conversationId);
                    delete.setString(2, writer);
                    delete.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw failure("end the turn of conversation '" + conversationId + "' in", e);
        }
    }

    /**
     * Makes a damaged conversation loadable again: deletes each message that cannot be read
     * together with the rest of its turn (from the user message that began it to the next one; a
     * damaged message before the first user message alone), and ends a turn a writer left open.
     * Run it only while nothing writes to the conversation.
     */
    public Repair repair(String conversationId) {
        try (Connection connection = open()) {
            return inTransaction(connection, () -> {
                lock(connection, conversationId);
                List<Long> doomed = damagedTurns(connection, conversationId);
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM agent4j_messages WHERE conversation_id = ? AND seq = ?")) {
                    for (long seq : doomed) {
                        delete.setString(1, conversationId);
                        delete.setLong(2, seq);
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
                boolean ended = deleteTurn(connection, conversationId) > 0;
                return new Repair(doomed, ended, (int) sizeAndLastSeq(connection, conversationId)[0]);
            });
        } catch (SQLException e) {
            throw failure("repair conversation '" + conversationId + "' in", e);
        }
    }

    private List<Long> damagedTurns(Connection connection, String conversationId) throws SQLException {
        List<Long> doomed = new ArrayList<>();
        List<Long> turn = new ArrayList<>();
        boolean turnDamaged = false;
        try (PreparedStatement query = connection.prepareStatement("SELECT seq, role, tool_name, message "
                + "FROM agent4j_messages WHERE conversation_id = ? ORDER BY seq")) {
            query.setString(1, conversationId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long seq = rows.getLong(1);
                    String role = rows.getString(2);
                    boolean damaged = false;
                    try {
                        StoredMessage.read(conversationId, seq, role, rows.getString(3), rows.getString(4));
                    } catch (CorruptConversationException e) {
                        log.warn("{}", e.getMessage());
                        damaged = true;
                    }
                    if ("user".equals(role)) {
                        if (turnDamaged) {
                            doomed.addAll(turn);
                        }
                        turn.clear();
                        turnDamaged = false;
                        turn.add(seq);
                        turnDamaged = damaged;
                    } else if (turn.isEmpty() && damaged) {
                        doomed.add(seq);
                    } else if (!turn.isEmpty()) {
                        turn.add(seq);
                        turnDamaged |= damaged;
                    }
                }
            }
        }
        if (turnDamaged) {
            doomed.addAll(turn);
        }
        doomed.sort(null);
        return doomed;
    }

    private record OpenTurn(String writer, long renewedAt) {
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            if (autoCommit) {
                // a pooled connection goes back as it came
                connection.setAutoCommit(true);
            }
        }
    }

    private void lock(Connection connection, String conversationId) throws SQLException {
        if (postgres) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                lock.setInt(1, LOCK_SPACE);
                lock.setInt(2, conversationId.hashCode());
                lock.execute();
            }
        }
    }

    private static OpenTurn openTurn(Connection connection, String conversationId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT writer, renewed_at FROM agent4j_turns WHERE conversation_id = ?")) {
            query.setString(1, conversationId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? new OpenTurn(rows.getString(1), rows.getLong(2)) : null;
            }
        }
    }

    private static void claimTurn(Connection connection, String conversationId, String writer, long now,
            boolean exists) throws SQLException {
        String sql = exists ? "UPDATE agent4j_turns SET writer = ?, renewed_at = ? WHERE conversation_id = ?"
                : "INSERT INTO agent4j_turns (writer, renewed_at, conversation_id) VALUES (?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, writer);
            statement.setLong(2, now);
            statement.setString(3, conversationId);
            statement.executeUpdate();
        }
    }

    private static int deleteTurn(Connection connection, String conversationId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM agent4j_turns WHERE conversation_id = ?")) {
            delete.setString(1, conversationId);
            return delete.executeUpdate();
        }
    }

    /** The number of stored messages and the highest sequence number (-1 for none): rows may have gaps. */
    private static long[] sizeAndLastSeq(Connection connection, String conversationId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*), MAX(seq) FROM agent4j_messages WHERE conversation_id = ?")) {
            count.setString(1, conversationId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                long size = rows.getLong(1);
                long last = rows.getLong(2);
                return new long[] {size, rows.wasNull() ? -1 : last};
            }
        }
    }

    private static void insert(Connection connection, String conversationId, long first, List<Message> messages)
            throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO agent4j_messages "
                + "(conversation_id, seq, role, tool_name, message, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            String now = Instant.now().toString();
            long seq = first;
            for (Message message : messages) {
                insert.setString(1, conversationId);
                insert.setLong(2, seq++);
                insert.setString(3, message.role().wireName());
                insert.setString(4, message instanceof ToolMessage tool ? tool.toolName() : null);
                insert.setString(5, ChatJson.json(message));
                insert.setString(6, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static boolean isConstraintViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ((sql.getSQLState() != null && sql.getSQLState().startsWith("23"))
                    || sql.getErrorCode() == 19 || String.valueOf(sql.getMessage()).contains("SQLITE_CONSTRAINT"))) {
                return true;
            }
        }
        return false;
    }

    private ConcurrentConversationException turnInProgress(String conversationId, OpenTurn open) {
        return new ConcurrentConversationException("Conversation '" + conversationId + "' has a turn in progress "
                + "by another writer (its last step was stored at " + Instant.ofEpochMilli(open.renewedAt())
                + "); nothing of this step was stored. Wait until that turn ends, then load the conversation again "
                + "and resend. A turn whose writer stopped stays its writer's for " + describe(turnLease) + " after its "
                + "last step.");
    }

    private static String describe(Duration duration) {
        return duration.toSeconds() >= 60 && duration.toSecondsPart() == 0 ? duration.toMinutes() + " min"
                : duration.toMillis() + " ms";
    }

    private static ConcurrentConversationException concurrent(String conversationId, long size, long expected) {
        return new ConcurrentConversationException("Conversation '" + conversationId + "' was written by someone "
                + "else while this run was going on" + (size >= 0 ? " (it holds " + size + " messages, this run "
                + "started from " + expected + ")" : "") + "; nothing of this step was stored. Load the conversation "
                + "again and resend.");
    }

    private Agent4jException failure(String action, SQLException e) {
        return new Agent4jException("Cannot " + action + " the conversation database at " + safeUrl() + ": "
                + e.getMessage(), e);
    }

    private String safeUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public String toString() {
        return "JdbcConversationStore[" + safeUrl() + "]";
    }
}
