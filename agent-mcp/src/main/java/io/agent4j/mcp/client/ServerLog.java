package io.agent4j.mcp.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stdio server's stderr, its log: each line logged at DEBUG under {@value #LOGGER} (the server
 * named in it), and its last lines kept to say why a server that ended did.
 */
final class ServerLog {

    /** The logger of every stdio server's stderr lines. */
    static final String LOGGER = "io.agent4j.mcp.client.stderr";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final int KEPT_LINES = 10;
    private static final int MAX_LINE = 500;

    private final String server;
    private final Deque<String> last = new ArrayDeque<>(KEPT_LINES);
    private final CountDownLatch read = new CountDownLatch(1);

    /** @param server how log lines name the server: its command, shortened */
    ServerLog(String server) {
        this.server = server;
    }

    /** The server as log lines name it. */
    String server() {
        return server;
    }

    /** Reads {@code stderr} to its end, logging each line. */
    void read(InputStream stderr) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String kept = line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE) + "...";
                synchronized (last) {
                    if (last.size() == KEPT_LINES) {
                        last.removeFirst();
                    }
                    last.addLast(kept);
                }
                log.debug("[{}] {}", server, kept);
            }
        } catch (IOException e) {
            // the process ended; its last lines are kept
        } finally {
            read.countDown();
        }
    }

    /**
     * The last lines the server wrote to stderr, oldest first; once the process ended, after its
     * stderr has been read to the end (for at most a second), so that its dying words are there.
     */
    List<String> lastLines(boolean ended) {
        if (ended) {
            try {
                read.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (last) {
            return List.copyOf(last);
        }
    }
}
