package io.agent4j.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many writers of different conversations in one SQLite file, as threads and as processes: every
 * turn is stored, none is lost to a busy database.
 */
class ConcurrentWritersTest {

    private static final int TURNS = 240;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 16})
    void threadsWritingDifferentConversationsToOneFileLoseNoTurn(int threads) throws Exception {
        Path file = dir.resolve("threads.db");
        JdbcConversationStore.sqlite(file);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String id = "thread-" + t;
            writers.add(pool.submit(() -> TurnWriter.write(JdbcConversationStore.sqlite(file), id, TURNS / threads)));
        }
        int lost = 0;
        for (Future<Integer> writer : writers) {
            lost += writer.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        System.out.println("lost turns, " + threads + " threads: " + lost + " of " + TURNS);
        assertThat(lost).isZero();
        JdbcConversationStore store = JdbcConversationStore.sqlite(file);
        for (int t = 0; t < threads; t++) {
            assertThat(store.load("thread-" + t)).hasSize(4 * (TURNS / threads));
        }
    }

    @Test
    void fourProcessesWritingDifferentConversationsToOneFileLoseNoTurn() throws Exception {
        Path file = dir.resolve("processes.db");
        JdbcConversationStore.sqlite(file);
        int processes = 4;
        int turns = 40;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> running = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            running.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    TurnWriter.class.getName(), file.toString(), "process-" + p, String.valueOf(turns))
                    .redirectError(dir.resolve("process-" + p + ".err").toFile()).start());
        }
        int lost = 0;
        for (Process process : running) {
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.exitValue()).as(out).isZero();
            lost += Integer.parseInt(out);
        }
        System.out.println("lost turns, " + processes + " processes: " + lost + " of " + processes * turns);
        assertThat(lost).isZero();
        JdbcConversationStore store = JdbcConversationStore.sqlite(file);
        for (int p = 0; p < processes; p++) {
            assertThat(store.load("process-" + p)).hasSize(4 * turns);
        }
    }
}
