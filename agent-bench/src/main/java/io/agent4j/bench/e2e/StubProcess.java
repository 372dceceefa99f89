package io.agent4j.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@link StubServer} in its own JVM; closing this closes its standard input, which stops it. */
final class StubProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private StubProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static StubProcess start() throws IOException {
        return start(StubServer.class, "8");
    }

    /** Starts {@code main ARGS...}, a server that prints {@code PORT n} once listening and stops when its input closes. */
    static StubProcess start(Class<?> main, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Dsun.net.httpserver.nodelay=true", "-Xmx256m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            process.destroy();
            throw new IllegalStateException("the stub server did not start: " + line);
        }
        return new StubProcess(process, Integer.parseInt(line.substring(5).trim()));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroy();
        }
    }
}
