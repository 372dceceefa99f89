package io.agent4j.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.ConcurrentConversationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two writers of one conversation, each with a store of its own on one database (as two processes
 * are), released together at a barrier, round after round: in every round exactly one of them
 * wins, the other is refused with {@link ConcurrentConversationException} (not a busy database,
 * not silence), and the conversation holds exactly the winner's messages. The rounds make the race
 * real: the writers' transactions overlap, which a sequential test of a stale size never shows.
 */
class RacingWritersTest {

    private static final int ROUNDS = 100;

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Two stores on one fresh database: a SQLite file, or a PostgreSQL schema (skipped without a server). */
    private List<ConversationStore> twoStores(String database) {
        if (database.equals("sqlite")) {
            Path file = dir.resolve("race.db");
            return List.of(JdbcConversationStore.sqlite(file), JdbcConversationStore.sqlite(file));
        }
        JdbcConversationStore first = Databases.postgres();
        return List.of(first, JdbcConversationStore.connect(Databases.urlOf(first), null, null));
    }

    private static List<Message> turnOf(String writer) {
        return List.of(new UserMessage("Question of " + writer + "?"), AssistantMessage.of("Answer to " + writer + "."));
    }

    /** What one writer did in one round: whether it won, how many of its calls succeeded, and when it ran. */
    private record Outcome(String writer, boolean won, int calls, long start, long end) {
    }

    /** One writer's work; it counts each store call that succeeded. */
    @FunctionalInterface
    private interface Write {
        void run(ConversationStore store, String conversation, String writer, AtomicInteger calls);
    }

    /**
     * Runs {@link #ROUNDS} rounds of two writers released at a barrier; checks each round and returns
     * in how many the two writers' work overlapped in time.
     *
     * @param loserCalls how many store calls of the loser succeed before it is refused
     */
    private int race(String database, int loserCalls, Write write) throws Exception {
        List<ConversationStore> stores = twoStores(database);
        int overlapping = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String conversation = "race-" + round;
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Outcome>> writers = new ArrayList<>();
            for (String writer : List.of("A", "B")) {
                ConversationStore store = stores.get(writer.equals("A") ? 0 : 1);
                writers.add(pool.submit(() -> {
                    AtomicInteger calls = new AtomicInteger();
                    start.await(30, TimeUnit.SECONDS);
                    long begun = System.nanoTime();
                    try {
                        write.run(store, conversation, writer, calls);
                        return new Outcome(writer, true, calls.get(), begun, System.nanoTime());
                    } catch (ConcurrentConversationException refused) {
                        return new Outcome(writer, false, calls.get(), begun, System.nanoTime());
                    }
                }));
            }
            Outcome a = writers.get(0).get(1, TimeUnit.MINUTES);
            Outcome b = writers.get(1).get(1, TimeUnit.MINUTES);
            assertThat(List.of(a.won(), b.won())).as("round %d: exactly one writer wins", round)
                    .containsExactlyInAnyOrder(true, false);
            Outcome loser = a.won() ? b : a;
            assertThat(loser.calls()).as("round %d: store calls of the loser that succeeded", round)
                    .isEqualTo(loserCalls);
            String winner = a.won() ? a.writer() : b.writer();
            assertThat(stores.get(0).load(conversation)).as("round %d: only the winner's turn is stored", round)
                    .isEqualTo(turnOf(winner));
            if (a.start() < b.end() && b.start() < a.end()) {
                overlapping++;
            }
        }
        return overlapping;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void twoWritersAppendingAWholeTurnAtOnceOneWinsAndTheOtherIsRefused(String database) throws Exception {
        int overlapping = race(database, 0, (store, conversation, writer, calls) ->
                store.append(conversation, writer, 0, turnOf(writer), true));

        assertThat(overlapping).as("rounds in which the two appends overlapped").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void twoWritersOpeningATurnAtOnceOneWinsAndTheOtherIsRefusedBeforeItStoresAnything(String database)
            throws Exception {
        // the loser is refused at beginTurn, whether the winner's turn is open or already ended
        int overlapping = race(database, 0, (store, conversation, writer, calls) -> {
            store.beginTurn(conversation, writer, 0);
            calls.incrementAndGet();
            List<Message> turn = turnOf(writer);
            store.append(conversation, writer, 0, turn.subList(0, 1), false);
            calls.incrementAndGet();
            store.append(conversation, writer, 1, turn.subList(1, 2), true);
            calls.incrementAndGet();
        });

        assertThat(overlapping).as("rounds in which the two turns overlapped").isPositive();
    }
}
