package io.agent4j.memory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/** The databases the store is tested on: a real SQLite file, and PostgreSQL when .ci/run started one. */
final class Databases {

    /** Set by .ci/run, e.g. jdbc:postgresql://127.0.0.1:5432/agent4j?user=agent4j&password=agent4j */
    static final String POSTGRES_URL = System.getenv("AGENT4J_TEST_POSTGRES_URL");

    private Databases() {
    }

    static JdbcConversationStore sqlite(Path dir) {
        return JdbcConversationStore.sqlite(dir.resolve("sessions.db"));
    }

    /** A store on a fresh PostgreSQL schema; skips the test, saying why, when no server is there. */
    static JdbcConversationStore postgres() {
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
        return JdbcConversationStore.connect(POSTGRES_URL + separator + "currentSchema=" + schema, null, null);
    }
}
