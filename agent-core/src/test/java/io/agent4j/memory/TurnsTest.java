package io.agent4j.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.ConcurrentConversationException;
import io.agent4j.testing.Poll;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A turn is atomic against other writers of its conversation, on SQLite and PostgreSQL. */
class TurnsTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> stores() {
        Supplier<JdbcConversationStore> sqlite = () -> Databases.sqlite(dir);
        Supplier<JdbcConversationStore> postgres = Databases::postgres;
        return Stream.of(Arguments.of("sqlite", sqlite), Arguments.of("postgresql", postgres));
    }

    private static List<Message> opening(String tag) {
        return List.of(new UserMessage(tag + " asks"),
                new AssistantMessage(null, List.of(new ToolCall(tag + "-call", "clock", "{}"))));
    }

    private static List<Message> closing(String tag) {
        return List.of(new ToolMessage(tag + "-call", "clock", tag + " result"), AssistantMessage.of(tag + " answers"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aSecondWriterCannotWriteIntoAnOpenTurnAndTheFirstFinishesIt(String name,
            Supplier<JdbcConversationStore> stores) {
        JdbcConversationStore store = stores.get();
        String id = name + "-open-turn";
        store.append(id, "first", 0, opening("first"), false);

        // the second writer loaded while the first was between steps: it saw 2 messages
        assertThatThrownBy(() -> store.append(id, "second", 2, opening("second"), false))
                .isInstanceOf(ConcurrentConversationException.class)
                .hasMessageContaining("has a turn in progress by another writer")
                .hasMessageContaining("nothing of this step was stored");
        assertThatThrownBy(() -> store.append(id, "second", 2, List.of(new UserMessage("one-shot")), true))
                .isInstanceOf(ConcurrentConversationException.class);
        assertThatThrownBy(() -> store.beginTurn(id, "second", 2)).isInstanceOf(ConcurrentConversationException.class);

        store.append(id, "first", 2, closing("first"), true);
        assertThat(store.load(id)).extracting(Message::content)
                .containsExactly("first asks", null, "first result", "first answers");
        // the turn is over: the second writer, having loaded again, may write
        store.append(id, "second", 4, opening("second"), false);
        assertThat(store.load(id)).hasSize(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aTurnBegunBeforeItsFirstStepHoldsTheConversationAndStoresNothing(String name,
            Supplier<JdbcConversationStore> stores) {
        JdbcConversationStore store = stores.get();
        String id = name + "-begun";
        store.beginTurn(id, "first", 0);
        assertThat(store.load(id)).isEmpty();
        assertThatThrownBy(() -> store.beginTurn(id, "second", 0)).isInstanceOf(ConcurrentConversationException.class);
        assertThatThrownBy(() -> store.append(id, "second", 0, opening("second"), false))
                .isInstanceOf(ConcurrentConversationException.class);
        store.append(id, "first", 0, opening("first"), false);
        store.append(id, "first", 2, closing("first"), true);
        store.beginTurn(id, "second", 4);
        assertThat(store.load(id)).hasSize(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aWriterThatLoadedBeforeAnotherTurnCannotAppendAfterIt(String name, Supplier<JdbcConversationStore> stores) {
        JdbcConversationStore store = stores.get();
        String id = name + "-stale";
        store.append(id, "first", 0, opening("first"), false);
        store.append(id, "first", 2, closing("first"), true);
        assertThatThrownBy(() -> store.append(id, "second", 0, opening("second"), false))
                .isInstanceOf(ConcurrentConversationException.class).hasMessageContaining("holds 4 messages");
        assertThat(store.load(id)).hasSize(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anEndedTurnFreesTheConversationAndEndingAnotherWritersTurnDoesNothing(String name,
            Supplier<JdbcConversationStore> stores) {
        JdbcConversationStore store = stores.get();
        String id = name + "-ended";
        store.append(id, "first", 0, opening("first"), false);
        store.endTurn(id, "second");
        assertThatThrownBy(() -> store.append(id, "second", 2, opening("second"), false))
                .isInstanceOf(ConcurrentConversationException.class);
        store.endTurn(id, "first");
        store.append(id, "second", 2, opening("second"), false);
        assertThat(store.load(id)).hasSize(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aTurnLeftOpenByACrashedWriterIsTakenOverOnceItsLeaseRanOut(String name,
            Supplier<JdbcConversationStore> stores) throws Exception {
        // long enough that the refusal right after the crash is still within it on a loaded machine
        JdbcConversationStore store = stores.get().withTurnLease(Duration.ofSeconds(2));
        String id = name + "-crashed";
        store.append(id, "crashed", 0, opening("crashed"), false);
        assertThatThrownBy(() -> store.append(id, "next", 2, opening("next"), false))
                .isInstanceOf(ConcurrentConversationException.class);

        Poll.until("the crashed writer's lease ran out and the next writer took the turn", () -> {
            try {
                store.append(id, "next", 2, opening("next"), false);
                return true;
            } catch (ConcurrentConversationException stillLeased) {
                return false;
            }
        });
        assertThatThrownBy(() -> store.append(id, "crashed", 4, closing("crashed"), true))
                .as("the crashed writer, had it come back, lost its turn")
                .isInstanceOf(ConcurrentConversationException.class);
        store.append(id, "next", 4, closing("next"), true);
        assertThat(store.load(id)).hasSize(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void writersRacingForOneConversationStoreWholeTurnsThatNeverInterleave(String name,
            Supplier<JdbcConversationStore> stores) throws Exception {
        JdbcConversationStore store = stores.get();
        String id = name + "-racing";
        int writers = 8;
        int attempts = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> stored = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String writer = "w" + w;
            stored.add(pool.submit(() -> {
                int turns = 0;
                for (int attempt = 0; attempt < attempts; attempt++) {
                    String tag = writer + "-" + attempt;
                    try {
                        long size = store.load(id).size();
                        store.append(id, writer, size, opening(tag), false);
                        store.append(id, writer, size + 2, closing(tag), true);
                        turns++;
                    } catch (ConcurrentConversationException refused) {
                        store.endTurn(id, writer);
                    }
                }
                return turns;
            }));
        }
        int turns = 0;
        for (Future<Integer> writer : stored) {
            turns += writer.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        List<Message> history = store.load(id);
        assertThat(turns).isPositive();
        assertThat(history).hasSize(4 * turns);
        for (int t = 0; t < turns; t++) {
            String tag = history.get(4 * t).content().replace(" asks", "");
            assertThat(history.subList(4 * t, 4 * t + 4)).as("turn %d", t)
                    .containsExactlyElementsOf(concat(opening(tag), closing(tag)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aDeletedRowLeavesAGapThatDoesNotStopTheConversationFromSaving(String name,
            Supplier<JdbcConversationStore> stores) throws Exception {
        JdbcConversationStore store = stores.get();
        String id = name + "-gap";
        store.append(id, "w", 0, opening("a"), false);
        store.append(id, "w", 2, closing("a"), true);
        execute(store, "DELETE FROM agent4j_messages WHERE conversation_id = '" + id + "' AND seq = 1");

        List<Message> loaded = store.load(id);
        assertThat(loaded).hasSize(3);
        store.append(id, "w", loaded.size(), List.of(new UserMessage("after the gap"), AssistantMessage.of("ok")), true);
        store.append(id, "w", loaded.size() + 2, List.of(new UserMessage("and again"), AssistantMessage.of("ok")), true);
        assertThat(store.load(id)).extracting(Message::content).endsWith("after the gap", "ok", "and again", "ok");
    }

    private static List<Message> concat(List<Message> first, List<Message> second) {
        List<Message> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Runs SQL on the store's database, as a person with a database shell would. */
    static void execute(JdbcConversationStore store, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(Databases.urlOf(store));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
