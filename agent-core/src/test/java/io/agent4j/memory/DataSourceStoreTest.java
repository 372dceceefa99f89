package io.agent4j.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.Agent4jException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code JdbcConversationStore.of(DataSource)} borrows its connections from the application's pool, and gives them back. */
class DataSourceStoreTest {

    private static final List<Message> EXCHANGE = List.of(new UserMessage("Weather in Seoul?"),
            AssistantMessage.of("21°C and clear."));

    @TempDir
    Path dir;

    @Test
    void aSqliteStoreBorrowsEachConnectionFromAHikariPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + dir.resolve("sessions.db").toAbsolutePath());
        config.setMaximumPoolSize(2);
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        config.addDataSourceProperty("busy_timeout", "10000");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            borrowsAndGivesBack(pool);
        }
    }

    @Test
    void aPostgresStoreBorrowsEachConnectionFromAHikariPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Databases.postgresUrl());
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            borrowsAndGivesBack(pool);
        }
    }

    private static void borrowsAndGivesBack(HikariDataSource pool) {
        CountingDataSource counting = new CountingDataSource(pool);
        JdbcConversationStore store = JdbcConversationStore.of(counting);
        int made = counting.borrowed.get();
        assertThat(made).as("the kind of database, read once, and the tables made").isEqualTo(2);

        for (int i = 0; i < 10; i++) {
            store.append("trip", 2L * i, EXCHANGE);
            assertThat(store.load("trip")).hasSize(2 * (i + 1));
        }
        store.withTurnLease(Duration.ofMinutes(1)).load("trip");

        assertThat(counting.borrowed.get() - made).as("one connection for each of 21 operations").isEqualTo(21);
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("every one given back").isZero();
        assertThat(pool.getHikariPoolMXBean().getTotalConnections()).as("the pool's, reused").isBetween(1, 2);
        assertThat(store.load("trip")).startsWith(EXCHANGE.toArray(Message[]::new)).hasSize(20);
    }

    @Test
    void aDataSourceThatGivesNoConnectionIsNamed() {
        DataSource broken = new CountingDataSource(null) {
            @Override
            public Connection getConnection() throws SQLException {
                throw new SQLException("connection refused");
            }

            @Override
            public String toString() {
                return "the-broken-pool";
            }
        };

        assertThatThrownBy(() -> JdbcConversationStore.of(broken)).isInstanceOf(Agent4jException.class)
                .hasMessageContaining("the-broken-pool").hasMessageContaining("connection refused");
    }

    /** A data source that counts the connections borrowed from the one it wraps. */
    private static class CountingDataSource implements DataSource {
        final AtomicInteger borrowed = new AtomicInteger();
        private final DataSource pool;

        CountingDataSource(DataSource pool) {
            this.pool = pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            borrowed.incrementAndGet();
            return pool.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            borrowed.incrementAndGet();
            return pool.getConnection(user, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return pool.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return pool.isWrapperFor(type);
        }
    }
}
