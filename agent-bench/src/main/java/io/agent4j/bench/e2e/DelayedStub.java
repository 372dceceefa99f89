package io.agent4j.bench.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link StubServer}'s two answers, each sent {@code DELAY_MS} after its request arrived, as a model
 * that takes that long to answer: {@code DelayedStub DELAY_MS}. A request waiting for its answer
 * holds no thread (a timer sends it), so a thousand of them cost the server what one does. Keeps
 * every idle connection (the JDK's server closes those past 200), prints {@code PORT n} once
 * listening, and exits when its standard input closes.
 */
public final class DelayedStub {

    private static final byte[] TOOL_RESULT_MARK = "\"tool_call_id\"".getBytes(StandardCharsets.US_ASCII);

    private DelayedStub() {
    }

    public static void main(String[] args) throws IOException {
        long delayMillis = Long.parseLong(args[0]);
        // read once, when the server's configuration is first loaded: before the server is made
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.setProperty("sun.net.httpserver.maxIdleConnections", "1000000");
        AtomicLong answered = new AtomicLong();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.setExecutor(readers);
        server.createContext("/v1/chat/completions", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            byte[] body = StubServer.contains(request, TOOL_RESULT_MARK) ? StubServer.STEP2 : StubServer.STEP1;
            timers.schedule(() -> {
                answer(exchange, body);
                answered.incrementAndGet();
            }, delayMillis, TimeUnit.MILLISECONDS);
        });
        server.start();
        System.out.println("PORT " + server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // nothing to read; wait for the end
        }
        server.stop(0);
        timers.shutdownNow();
        readers.shutdownNow();
        System.err.println("delayed stub: " + answered.get() + " answers after " + delayMillis + " ms each");
    }

    private static void answer(HttpExchange exchange, byte[] body) {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client went away; its run fails on its side
        }
    }
}
