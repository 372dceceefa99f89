package io.agent4j.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many writers of different conversations in one store (a SQLite file, a PostgreSQL database), as
 * threads and as processes: every turn is stored, none is lost to a busy database.
 */
class ConcurrentWritersTest {

    private static final int TURNS = 240;

    @TempDir
    Path dir;

    static Stream<Arguments> threadCounts() {
        return Stream.of(Arguments.of("sqlite", 2), Arguments.of("sqlite", 4), Arguments.of("sqlite", 16),
                Arguments.of("postgresql", 16));
    }

    private JdbcConversationStore store(String database) {
        return database.equals("sqlite") ? JdbcConversationStore.sqlite(dir.resolve("writers.db")) : Databases.postgres();
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("threadCounts")
    void threadsWritingDifferentConversationsToOneStoreLoseNoTurn(String database, int threads) throws Exception {
        JdbcConversationStore first = store(database);
        String url = database.equals("sqlite") ? dir.resolve("writers.db").toString() : Databases.urlOf(first);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String id = "thread-" + t;
            writers.add(pool.submit(() -> TurnWriter.write(open(url), id, TURNS / threads)));
        }
        int lost = 0;
        for (Future<Integer> writer : writers) {
            lost += writer.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        System.out.println("lost turns, " + database + ", " + threads + " threads: " + lost + " of " + TURNS);
        assertThat(lost).isZero();
        for (int t = 0; t < threads; t++) {
            assertThat(first.load("thread-" + t)).hasSize(4 * (TURNS / threads));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void fourProcessesWritingDifferentConversationsToOneStoreLoseNoTurn(String database) throws Exception {
        JdbcConversationStore first = store(database);
        String url = database.equals("sqlite") ? dir.resolve("writers.db").toString() : Databases.urlOf(first);
        int processes = 4;
        int turns = 40;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> running = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            running.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    TurnWriter.class.getName(), url, "process-" + p, String.valueOf(turns))
                    .redirectError(dir.resolve("process-" + p + ".err").toFile()).start());
        }
        int lost = 0;
        for (Process process : running) {
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.exitValue()).as(out).isZero();
            lost += Integer.parseInt(out);
        }
        System.out.println("lost turns, " + database + ", " + processes + " processes: " + lost + " of "
                + processes * turns);
        assertThat(lost).isZero();
        for (int p = 0; p < processes; p++) {
            assertThat(first.load("process-" + p)).hasSize(4 * turns);
        }
    }

    private static ConversationStore open(String url) {
        return url.startsWith("jdbc:") ? JdbcConversationStore.connect(url, null, null)
                : JdbcConversationStore.sqlite(Path.of(url));
    }
}
