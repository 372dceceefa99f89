package io.agent4j.memory;

import io.agent4j.Agent4jException;
import io.agent4j.ConcurrentConversationException;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.internal.ChatJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Keeps conversations in a SQL database through JDBC: SQLite as the embedded default (one file,
 * WAL mode, created on first use), PostgreSQL unchanged for several application instances sharing
 * conversations. The schema is versioned and migrated on first use. Each {@link #append} is one
 * transaction, so a reader never sees half a step; a second writer that started from the same
 * history fails on the primary key (conversation, sequence number) instead of interleaving.
 *
 * <pre>{@code
 * ConversationStore store = JdbcConversationStore.sqlite(Path.of("sessions.db"));
 * ConversationStore shared = JdbcConversationStore.connect("jdbc:postgresql://db/app", "app", secret);
 * }</pre>
 *
 * The JDBC driver (org.xerial:sqlite-jdbc, org.postgresql:postgresql) comes from the application.
 */
public final class JdbcConversationStore implements ConversationStore {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    private static final List<String> MIGRATION_1 = List.of(
            "CREATE TABLE IF NOT EXISTS agent4j_messages (conversation_id VARCHAR(255) NOT NULL, seq BIGINT NOT NULL, "
                    + "role VARCHAR(16) NOT NULL, tool_name VARCHAR(64), message TEXT NOT NULL, "
                    + "created_at VARCHAR(40) NOT NULL, PRIMARY KEY (conversation_id, seq))");

    private final String url;
    private final Properties credentials;
    private final boolean sqlite;

    private JdbcConversationStore(String url, Properties credentials) {
        this.url = url;
        this.credentials = credentials;
        this.sqlite = url.startsWith("jdbc:sqlite:");
        migrate();
    }

    /** A store in a SQLite file, created with its folders on first use. */
    public static JdbcConversationStore sqlite(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new Agent4jException("Cannot create the folder of conversation database " + file + ": "
                    + e.getMessage(), e);
        }
        return new JdbcConversationStore("jdbc:sqlite:" + file.toAbsolutePath(), new Properties());
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
        return new JdbcConversationStore(url, credentials);
    }

    private Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection(url, credentials);
        if (sqlite) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 10000");
            }
        }
        return connection;
    }

    private void migrate() {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            if (sqlite) {
                statement.execute("PRAGMA journal_mode = WAL");
            }
            statement.execute("CREATE TABLE IF NOT EXISTS agent4j_schema (version INTEGER NOT NULL)");
            int version = 0;
            try (ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM agent4j_schema")) {
                if (rows.next()) {
                    version = rows.getInt(1);
                }
            }
            if (version > SCHEMA_VERSION) {
                throw new Agent4jException("The conversation database at " + safeUrl() + " has schema version "
                        + version + ", newer than this agent4j's " + SCHEMA_VERSION + "; upgrade agent4j.");
            }
            if (version < 1) {
                for (String sql : MIGRATION_1) {
                    statement.execute(sql);
                }
                statement.execute("INSERT INTO agent4j_schema (version) VALUES (1)");
            }
        } catch (SQLException e) {
            throw failure("prepare", e);
        }
    }

    @Override
    public List<Message> load(String conversationId) {
        try (Connection connection = open();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT tool_name, message FROM agent4j_messages WHERE conversation_id = ? ORDER BY seq")) {
            query.setString(1, conversationId);
            List<Message> messages = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Message message = ChatJson.read(ChatJson.MAPPER.readTree(rows.getString(2)));
                    if (message instanceof ToolMessage tool) {
                        message = new ToolMessage(tool.toolCallId(), rows.getString(1), tool.content());
                    }
                    messages.add(message);
                }
            }
            return messages;
        } catch (SQLException e) {
            throw failure("load conversation '" + conversationId + "' from", e);
        }
    }

    @Override
    public void append(String conversationId, long expectedSize, List<Message> messages) {
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            try {
                long size = size(connection, conversationId);
                if (size != expectedSize) {
                    connection.rollback();
                    throw concurrent(conversationId, size, expectedSize);
                }
                insert(connection, conversationId, expectedSize, messages);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                if (isConstraintViolation(e)) {
                    throw concurrent(conversationId, -1, expectedSize);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure("append to conversation '" + conversationId + "' in", e);
        }
    }

    private static long size(Connection connection, String conversationId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM agent4j_messages WHERE conversation_id = ?")) {
            count.setString(1, conversationId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void insert(Connection connection, String conversationId, long first, List<Message> messages)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO agent4j_messages "
                + "(conversation_id, seq, role, tool_name, message, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            String now = Instant.now().toString();
            long seq = first;
            for (Message message : messages) {
                insert.setString(1, conversationId);
                insert.setLong(2, seq++);
                insert.setString(3, message.role().wireName());
                insert.setString(4, message instanceof ToolMessage tool ? tool.toolName() : null);
                insert.setString(5, ChatJson.write(message).toString());
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
