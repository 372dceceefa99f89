package io.agent4j.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ImagePart;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.TextPart;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.ConcurrentConversationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcConversationStoreTest {

    @TempDir
    static Path dir;

    private static final List<Message> STEP = List.of(new SystemMessage("You are terse."),
            new UserMessage("Weather in Seoul and Busan? ünïcode ✓"),
            new AssistantMessage("Checking.", List.of(new ToolCall("call_1", "weather", "{\"city\":\"Seoul\"}"),
                    new ToolCall("call_2", "weather", "{\"city\": \"Busan\"}"))),
            new ToolMessage("call_1", "weather", "{\"temp\":21}"), new ToolMessage("call_2", "weather", "rain"));

    static Stream<Arguments> stores() {
        Supplier<ConversationStore> sqlite = () -> Databases.sqlite(dir);
        Supplier<ConversationStore> postgres = Databases::postgres;
        return Stream.of(Arguments.of("sqlite", sqlite), Arguments.of("postgresql", postgres));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void messagesComeBackExactlyAsStored(String name, Supplier<ConversationStore> stores) {
        ConversationStore store = stores.get();
        String id = name + "-exact";
        store.append(id, 0, STEP);
        store.append(id, STEP.size(), List.of(AssistantMessage.of("Seoul 21°C, Busan rain.")));
        List<Message> loaded = store.load(id);
        assertThat(loaded).hasSize(6);
        assertThat(loaded.subList(0, 5)).isEqualTo(STEP);
        assertThat(loaded.get(5)).isEqualTo(AssistantMessage.of("Seoul 21°C, Busan rain."));
        assertThat(store.load(name + "-unknown")).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aRefusalIsStoredAndAnEmptyAnswerComesBackWithEmptyContent() {
        ConversationStore store = Databases.sqlite(dir);
        store.append("refusal", 0, List.of(new UserMessage("u"), new AssistantMessage(null, List.of(), "I'm sorry."),
                new UserMessage("v"), new AssistantMessage(null, List.of())));
        List<Message> loaded = store.load("refusal");
        assertThat(loaded.get(1)).isEqualTo(new AssistantMessage("", List.of(), "I'm sorry."));
        // a message the API would refuse (neither content nor tool_calls) is stored as a valid one
        assertThat(loaded.get(3)).isEqualTo(AssistantMessage.of(""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void imagePartsComeBackExactlyAsStored(String name, Supplier<ConversationStore> stores) {
        ConversationStore store = stores.get();
        String id = name + "-images";
        List<Message> turn = List.of(UserMessage.of(new TextPart("What is the total?"),
                ImagePart.fromBytes(io.agent4j.testing.Images.png(20, 30), "image/png", ImagePart.Detail.HIGH),
                ImagePart.url(java.net.URI.create("https://example.com/r.jpg"), ImagePart.Detail.LOW),
                new TextPart("In euros.")), AssistantMessage.of("12.50 EUR"));
        store.append(id, 0, turn);
        assertThat(store.load(id)).isEqualTo(turn);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aSecondWriterFromTheSameHistoryIsDetectedNotInterleaved(String name, Supplier<ConversationStore> stores) {
        ConversationStore first = stores.get();
        String id = name + "-race";
        first.append(id, 0, STEP.subList(0, 2));
        first.append(id, 2, STEP.subList(2, 5));
        assertThatThrownBy(() -> first.append(id, 2, List.of(AssistantMessage.of("late"))))
                .isInstanceOf(ConcurrentConversationException.class).hasMessageContaining("holds 5 messages")
                .hasMessageContaining("started from 2");
        assertThat(first.load(id)).isEqualTo(STEP);
    }

    @Test
    void sqliteFileIsCreatedWithItsFoldersInWalModeWithAVersionedSchema() throws Exception {
        Path file = dir.resolve("nested/deeper/chat.db");
        JdbcConversationStore.sqlite(file).append("a", 0, List.of(new UserMessage("hi")));
        assertThat(file).exists();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
                mode.next();
                assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet version = statement.executeQuery("SELECT MAX(version) FROM agent4j_schema")) {
                version.next();
                assertThat(version.getInt(1)).isEqualTo(JdbcConversationStore.SCHEMA_VERSION);
            }
        }
        JdbcConversationStore.sqlite(file).append("a", 1, List.of(AssistantMessage.of("hello")));
        assertThat(JdbcConversationStore.sqlite(file).load("a")).hasSize(2);
    }

    @Test
    void twoStoresOnOneFileSeeEachOthersWritesAndRaces() {
        Path file = dir.resolve("shared.db");
        JdbcConversationStore one = JdbcConversationStore.sqlite(file);
        JdbcConversationStore two = JdbcConversationStore.sqlite(file);
        one.append("c", 0, List.of(new UserMessage("from one")));
        assertThat(two.load("c")).containsExactly(new UserMessage("from one"));
        two.append("c", 1, List.of(AssistantMessage.of("from two")));
        assertThatThrownBy(() -> one.append("c", 1, List.of(AssistantMessage.of("stale"))))
                .isInstanceOf(ConcurrentConversationException.class);
        assertThat(one.load("c")).containsExactly(new UserMessage("from one"), AssistantMessage.of("from two"));
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        Path file = dir.resolve("future.db");
        JdbcConversationStore.sqlite(file);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO agent4j_schema (version) VALUES (99)");
        }
        assertThatThrownBy(() -> JdbcConversationStore.sqlite(file)).hasMessageContaining("schema version 99")
                .hasMessageContaining("upgrade agent4j");
    }

    @Test
    void anUnwritableLocationIsAClearError() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> JdbcConversationStore.sqlite(blocker.resolve("chat.db")))
                .hasMessageContaining("Cannot create the folder");
    }
}
