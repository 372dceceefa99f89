package io.agent4j.bench.e2e;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.Message;
import io.agent4j.chat.UserMessage;
import io.agent4j.memory.JdbcConversationStore;
import io.agent4j.replay.RecordingFile;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loading and appending to a long conversation in {@link JdbcConversationStore}, in SQLite and (when
 * {@code AGENT4J_TEST_POSTGRES_URL} names a server) PostgreSQL, beside a floor of plain JDBC on the
 * same tables: the same {@code SELECT}, each row's JSON read as a tree, and an append that inserts
 * the new rows after {@code MAX(seq)} in one transaction. Both open a connection per operation, as
 * the store does. An append of one exchange (2 messages) is timed on the long conversation and on
 * a 20-message one, interleaved: if an append rewrote the conversation, the long one would cost
 * about 100 times more. Rows appended in a round are deleted after it, so every round starts from
 * the same conversations. {@code java -jar agent-bench.jar store [ROUNDS] [MESSAGES]}.
 */
public final class StoreBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SHORT = 20;
    private static final int LOADS = 10;
    private static final int APPENDS = 20;

    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        List<Message> all = History.messages(History.turns(size * 60));
        List<Message> history = all.subList(0, size);
        Map<String, String> databases = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("agent4j-store-bench");
        databases.put("SQLite", "jdbc:sqlite:" + dir.resolve("bench.db").toAbsolutePath());
        String postgres = System.getenv("AGENT4J_TEST_POSTGRES_URL");
        String schema = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        if (postgres != null && !postgres.isBlank()) {
            try (Connection connection = DriverManager.getConnection(postgres);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            }
            databases.put("PostgreSQL", postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        } else {
            System.err.println("PostgreSQL skipped: AGENT4J_TEST_POSTGRES_URL is not set");
        }
        System.out.printf(Locale.ROOT, "%nA conversation of %,d messages (%,d characters of JSON per message on "
                + "average), medians over %d rounds (ms)%n", size, averageLength(history), rounds);
        System.out.println("| database | operation | agent4j | floor (plain JDBC) | agent4j/floor |");
        System.out.println("|---|---|---:|---:|---:|");
        try {
            for (Map.Entry<String, String> database : databases.entrySet()) {
                run(database.getKey(), database.getValue(), history, rounds);
            }
        } finally {
            if (databases.containsKey("PostgreSQL")) {
                try (Connection connection = DriverManager.getConnection(postgres);
                        Statement statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    /** A message as the store keeps it: the Chat Completions shape, as a recording holds it too. */
    private static String json(Message message) {
        return RecordingFile.json(new ChatRequest(List.of(message), List.of())).get("messages").get(0).toString();
    }

    private static int averageLength(List<Message> messages) {
        long chars = 0;
        for (Message message : messages) {
            chars += json(message).length();
        }
        return (int) (chars / messages.size());
    }

    private static void run(String name, String url, List<Message> history, int rounds) throws SQLException {
        JdbcConversationStore store = url.startsWith("jdbc:sqlite:")
                ? JdbcConversationStore.sqlite(Path.of(url.substring("jdbc:sqlite:".length())))
                : JdbcConversationStore.connect(url, null, null);
        store.append("long", 0, history);
        store.append("short", 0, history.subList(0, SHORT));
        store.append("long-floor", 0, history);
        store.append("short-floor", 0, history.subList(0, SHORT));
        List<Message> exchange = List.of(new UserMessage("And one more question about the trip?"),
                AssistantMessage.of("Take the umbrella: rain is forecast for the morning."));
        String[] names = {"load", "append to the long one", "append to a 20-message one"};
        List<List<Double>> agent4j = new ArrayList<>();
        List<List<Double>> floor = new ArrayList<>();
        for (int k = 0; k < names.length; k++) {
            agent4j.add(new ArrayList<>());
            floor.add(new ArrayList<>());
        }
        for (int round = -1; round < rounds; round++) {
            boolean warm = round < 0;
            long[] sizes = {history.size(), SHORT};
            for (int i = 0; i < LOADS; i++) {
                boolean agentFirst = (i + round) % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    boolean agent = (side == 0) == agentFirst;
                    long start = System.nanoTime();
                    int loaded = agent ? store.load("long").size() : floorLoad(url, "long-floor");
                    long nanos = System.nanoTime() - start;
                    if (loaded != history.size()) {
                        throw new IllegalStateException("loaded " + loaded + " messages");
                    }
                    if (!warm) {
                        (agent ? agent4j : floor).get(0).add(nanos / 1e6);
                    }
                }
            }
            for (int i = 0; i < APPENDS; i++) {
                for (int j = 0; j < 4; j++) {
                    int which = (j + i + Math.max(round, 0)) % 4;
                    boolean agent = which < 2;
                    boolean longOne = which % 2 == 0;
                    String id = (longOne ? "long" : "short") + (agent ? "" : "-floor");
                    long start = System.nanoTime();
                    if (agent) {
                        store.append(id, sizes[longOne ? 0 : 1], exchange);
                        sizes[longOne ? 0 : 1] += exchange.size();
                    } else {
                        floorAppend(url, id, exchange);
                    }
                    long nanos = System.nanoTime() - start;
                    if (!warm) {
                        (agent ? agent4j : floor).get(longOne ? 1 : 2).add(nanos / 1e6);
                    }
                }
            }
            try (Connection connection = DriverManager.getConnection(url);
                    PreparedStatement trim = connection.prepareStatement(
                            "DELETE FROM agent4j_messages WHERE conversation_id = ? AND seq >= ?")) {
                for (String id : new String[] {"long", "long-floor", "short", "short-floor"}) {
                    trim.setString(1, id);
                    trim.setLong(2, id.startsWith("long") ? history.size() : SHORT);
                    trim.executeUpdate();
                }
            }
        }
        for (int k = 0; k < names.length; k++) {
            double a = median(agent4j.get(k));
            double f = median(floor.get(k));
            System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f |%n", name, names[k], a, f, a / f);
        }
    }

    private static int floorLoad(String url, String id) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT seq, role, tool_name, message FROM agent4j_messages WHERE conversation_id = ? ORDER BY seq")) {
            query.setString(1, id);
            List<JsonNode> messages = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    messages.add(JSON.readTree(rows.getString(4)));
                }
            }
            return messages.size();
        }
    }

    private static void floorAppend(String url, String id, List<Message> messages) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            long next;
            try (PreparedStatement last = connection.prepareStatement(
                    "SELECT MAX(seq) FROM agent4j_messages WHERE conversation_id = ?")) {
                last.setString(1, id);
                try (ResultSet rows = last.executeQuery()) {
                    rows.next();
                    next = rows.getLong(1) + 1;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO agent4j_messages "
                    + "(conversation_id, seq, role, tool_name, message, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                String now = Instant.now().toString();
                for (Message message : messages) {
                    insert.setString(1, id);
                    insert.setLong(2, next++);
                    insert.setString(3, message.role().wireName());
                    insert.setString(4, null);
                    insert.setString(5, json(message));
                    insert.setString(6, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
}
