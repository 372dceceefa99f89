package io.agent4j.memory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/** The databases the store is tested on: a real SQLite file, and PostgreSQL when .ci/run started one. */
public final class Databases {

    /** Set by .ci/run, e.g. jdbc:postgresql://127.0.0.1:5432/agent4j?user=agent4j&password=agent4j */
    public static final String POSTGRES_URL = System.getenv("AGENT4J_TEST_POSTGRES_URL");

    private Databases() {
    }

    private static final Map<JdbcConversationStore, String> URLS = new ConcurrentHashMap<>();

    public static JdbcConversationStore sqlite(Path dir) {
        Path file = dir.resolve("sessions.db");
        JdbcConversationStore store = JdbcConversationStore.sqlite(file);
        URLS.put(store, "jdbc:sqlite:" + file.toAbsolutePath());
        return store;
    }

    /** The JDBC URL of a store made here, to reach its tables directly. */
    public static String urlOf(JdbcConversationStore store) {
        return URLS.get(store);
    }

    /** A store on a fresh PostgreSQL schema; skips the test, saying why, when no server is there. */
    public static JdbcConversationStore postgres() {
        String url = postgresUrl();
        JdbcConversationStore store = JdbcConversationStore.connect(url, null, null);
        URLS.put(store, url);
        return store;
    }

    /**
     * The JDBC URL of a fresh, empty PostgreSQL schema (no store made on it yet); skips the test,
     * saying why, when no server is there.
     */
    public static String postgresUrl() {
        Assumptions.assumeTrue(POSTGRES_URL != null && !POSTGRES_URL.isBlank(),
                "PostgreSQL tests skipped: AGENT4J_TEST_POSTGRES_URL is not set (.ci/run sets it when it can "
                        + "install and start PostgreSQL)");
        String schema = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL tests skipped: cannot connect to " + POSTGRES_URL.replaceAll("password=[^&]*",
                    "password=***") + " (" + e.getMessage() + ")");
        }
        String separator = POSTGRES_URL.contains("?") ? "&" : "?";
        return POSTGRES_URL + separator + "currentSchema=" + schema;
    }
}
