package io.agent4j.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One implementation in a JVM of its own, speaking the protocol of {@link io.agent4j.bench.worker.Worker}:
 * a command a line in, a {@code result key=value ...} line back. Closing it closes the worker's
 * standard input, which ends it.
 */
final class WorkerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    private WorkerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts {@code command} and waits until the worker has answered the scenario once, correctly. */
    static WorkerProcess start(String name, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        WorkerProcess worker = new WorkerProcess(name, process);
        worker.answer();
        return worker;
    }

    String name() {
        return name;
    }

    /** Sends one command and returns the figures of its answer. */
    Map<String, Double> send(String command) throws IOException {
        in.write(command + "\n");
        in.flush();
        return answer();
    }

    private Map<String, Double> answer() throws IOException {
        String line = out.readLine();
        if (line == null || !line.startsWith("result ")) {
            process.destroy();
            throw new IllegalStateException(name + " failed: " + (line == null ? "it exited" : line));
        }
        Map<String, Double> figures = new HashMap<>();
        for (String word : line.substring("result ".length()).split(" ")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                figures.put(word.substring(0, eq), Double.parseDouble(word.substring(eq + 1)));
            }
        }
        return figures;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        in.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroy();
        }
    }
}
