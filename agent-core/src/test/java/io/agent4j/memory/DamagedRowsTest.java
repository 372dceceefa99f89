package io.agent4j.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.Agent4jException;
import io.agent4j.errors.CorruptConversationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A damaged row is reported with its conversation, its number and what is wrong, and can be dropped. */
class DamagedRowsTest {

    @TempDir
    static Path dir;

    private static final List<Message> TWO_TURNS = List.of(new SystemMessage("You are terse."),
            new UserMessage("Time?"), new AssistantMessage(null, List.of(new ToolCall("c1", "clock", "{}"))),
            new ToolMessage("c1", "clock", "12:00"), AssistantMessage.of("Noon."),
            new UserMessage("Thanks."), AssistantMessage.of("You are welcome."));

    static Stream<Arguments> stores() {
        Supplier<JdbcConversationStore> sqlite = () -> Databases.sqlite(dir);
        Supplier<JdbcConversationStore> postgres = Databases::postgres;
        return Stream.of(Arguments.of("sqlite", sqlite), Arguments.of("postgresql", postgres));
    }

    private static void damage(JdbcConversationStore store, String id, long seq, String column, String value)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(Databases.urlOf(store));
                PreparedStatement update = connection.prepareStatement("UPDATE agent4j_messages SET " + column
                        + " = ? WHERE conversation_id = ? AND seq = ?")) {
            update.setString(1, value);
            update.setString(2, id);
            update.setLong(3, seq);
            assertThat(update.executeUpdate()).isOne();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not JSON            | 3 | message | {\"role\":\"tool\",                         | the message is not valid JSON",
        "an array            | 3 | message | [1, 2]                                      | the message is not a JSON object",
        "no role             | 1 | message | {\"content\":\"Time?\"}                     | the message has no role",
        "an unknown role     | 1 | message | {\"role\":\"wizard\",\"content\":\"x\"}     | unknown message role 'wizard'",
        "another role        | 1 | role    | assistant                                   | its role column says 'assistant' but the message is a 'user' message",
        "no tool_call_id     | 3 | message | {\"role\":\"tool\",\"content\":\"12:00\"}   | the tool message has no tool_call_id",
        "content a number    | 4 | message | {\"role\":\"assistant\",\"content\":42}     | its content is neither text nor a list of text parts",
        "tool_calls a map    | 2 | message | {\"role\":\"assistant\",\"tool_calls\":{}}  | its tool_calls is not a list",
        "a call without name | 2 | message | {\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\"}]} | tool call 1 has no function name",
        "empty               | 4 | message | ``                                          | the message is empty"})
    void aDamagedRowIsATypedErrorNamingTheConversationTheRowAndTheProblem(String damage, long seq, String column,
            String value, String problem) throws Exception {
        JdbcConversationStore store = Databases.sqlite(dir);
        String id = "damaged-" + damage.replace(' ', '-');
        store.append(id, 0, TWO_TURNS);
        damage(store, id, seq, column, value);

        assertThatThrownBy(() -> store.load(id)).isInstanceOfSatisfying(CorruptConversationException.class, e -> {
            assertThat(e.conversationId()).isEqualTo(id);
            assertThat(e.seq()).isEqualTo(seq);
        }).hasMessageContaining("Conversation '" + id + "' cannot be loaded: its stored message number " + seq
                + " is damaged").hasMessageContaining(problem).hasMessageContaining("new conversation id");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void repairDropsTheDamagedTurnAndKeepsTheOthers(String name, Supplier<JdbcConversationStore> stores)
            throws Exception {
        JdbcConversationStore store = stores.get();
        String id = name + "-repair";
        store.append(id, 0, TWO_TURNS);
        damage(store, id, 3, "message", "not json");

        JdbcConversationStore.Repair repair = store.repair(id);

        assertThat(repair.deleted()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(repair.remaining()).isEqualTo(3);
        assertThat(store.load(id)).containsExactly(TWO_TURNS.get(0), TWO_TURNS.get(5), TWO_TURNS.get(6));
        store.append(id, 3, List.of(new UserMessage("More?"), AssistantMessage.of("No.")));
        assertThat(store.repair(id).deleted()).isEmpty();
    }

    @Test
    void aDamagedSystemMessageIsDroppedAloneAndAnOpenTurnIsEnded() throws Exception {
        JdbcConversationStore store = Databases.sqlite(dir);
        String id = "damaged-system";
        store.append(id, "crashed", 0, TWO_TURNS.subList(0, 3), false);
        damage(store, id, 0, "message", "{");

        JdbcConversationStore.Repair repair = store.repair(id);

        assertThat(repair.deleted()).containsExactly(0L);
        assertThat(repair.endedOpenTurn()).isTrue();
        assertThat(store.load(id)).containsExactlyElementsOf(TWO_TURNS.subList(1, 3));
        store.append(id, "next", 2, List.of(new UserMessage("Hello?")), false);
    }

    @Test
    void aZeroLengthDatabaseFileIsRefusedNotTakenAsANewStore() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.db"));

        assertThatThrownBy(() -> JdbcConversationStore.sqlite(file)).isInstanceOf(Agent4jException.class)
                .hasMessageContaining("The conversation database " + file.toAbsolutePath() + " is an empty file "
                        + "(0 bytes), not a database")
                .hasMessageContaining("Restore it from a backup, or delete it");
        assertThat(file).isEmptyFile();
    }
}
