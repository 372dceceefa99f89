package io.agent4j.bench.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agent4j.bench.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scripted Chat Completions server on loopback, run in its own JVM by the harness
 * ({@code -Dsun.net.httpserver.nodelay=true}, see docs/performance.md). A request that carries
 * no tool result gets step 1, two parallel tool calls; one that carries tool results gets step 2, the
 * final text. A request that asks to stream ({@code "stream": true}) gets the same steps as
 * server-sent events ({@link StubStreams}), chunked, written at once so that the client's cost per
 * event sets the pace; {@code /long/v1/chat/completions} streams the long answer to any request.
 * The answers are fixed bytes and the checks are byte searches, so the server costs every client
 * the same. Prints {@code PORT n} once listening; exits when its standard input closes.
 */
public final class StubServer {

    static final byte[] STEP1 = ("{\"id\":\"chatcmpl-bench-1\",\"object\":\"chat.completion\",\"created\":1731368634,"
            + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":null,\"tool_calls\":["
            + "{\"id\":\"call_JpNb8OiAkbIbHzDggfpdDHpi\",\"type\":\"function\",\"function\":{\"name\":\"weather\","
            + "\"arguments\":" + quote(Scenario.WEATHER_ARGUMENTS) + "}},"
            + "{\"id\":\"call_vaFQc3zK6hHTRZKXRI5Eo2cJ\",\"type\":\"function\",\"function\":{\"name\":\"packingList\","
            + "\"arguments\":" + quote(Scenario.PACKING_ARGUMENTS) + "}}],"
            + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],"
            + "\"usage\":{\"prompt_tokens\":182,\"completion_tokens\":51,\"total_tokens\":233,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
            + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
            + "\"system_fingerprint\":\"fp_0ba0d124f1\"}").getBytes(StandardCharsets.UTF_8);

    static final byte[] STEP2 = ("{\"id\":\"chatcmpl-bench-2\",\"object\":\"chat.completion\",\"created\":1731368635,"
            + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":" + quote(Scenario.ANSWER) + ",\"refusal\":null},\"logprobs\":null,"
            + "\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":301,\"completion_tokens\":27,\"total_tokens\":328,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
            + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
            + "\"system_fingerprint\":\"fp_0ba0d124f1\"}").getBytes(StandardCharsets.UTF_8);

    private static final byte[] TOOL_RESULT_MARK = "\"tool_call_id\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM_KEY = "\"stream\"".getBytes(StandardCharsets.US_ASCII);

    private StubServer() {
    }

    public static void main(String[] args) throws IOException {
        if (!"true".equals(System.getProperty("sun.net.httpserver.nodelay"))) {
            System.err.println("warning: run with -Dsun.net.httpserver.nodelay=true or every exchange waits ~40 ms");
        }
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        AtomicLong step1 = new AtomicLong();
        AtomicLong step2 = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                byte[] request = readAll(exchange.getRequestBody());
                boolean second = contains(request, TOOL_RESULT_MARK);
                (second ? step2 : step1).incrementAndGet();
                exchange.getResponseHeaders().set("x-request-id", second ? "req_bench_2" : "req_bench_1");
                if (streams(request)) {
                    sendEvents(exchange, second ? StubStreams.STEP2 : StubStreams.STEP1);
                    return;
                }
                byte[] body = second ? STEP2 : STEP1;
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.createContext("/long/v1/chat/completions", exchange -> {
            try (exchange) {
                readAll(exchange.getRequestBody());
                exchange.getResponseHeaders().set("x-request-id", "req_bench_long");
                sendEvents(exchange, StubStreams.LONG);
            }
        });
        server.start();
        System.out.println("PORT " + server.getAddress().getPort());
        System.out.flush();
        // the harness keeps our standard input open; when it closes (or the harness dies) we stop
        while (System.in.read() >= 0) {
            // nothing to read; wait for the end
        }
        server.stop(0);
        executor.shutdownNow();
        System.err.println("stub server: " + step1.get() + " step-1 and " + step2.get() + " step-2 requests");
    }

    /** A chunked {@code text/event-stream} response (no length), written at once. */
    private static void sendEvents(HttpExchange exchange, byte[] events) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(events);
        }
    }

    /** Whether the request body holds {@code "stream"}, a colon and {@code true}, with or without spaces. */
    static boolean streams(byte[] request) {
        int at = indexOf(request, STREAM_KEY, 0);
        while (at >= 0) {
            int i = skipSpaces(request, at + STREAM_KEY.length);
            if (i < request.length && request[i] == ':') {
                i = skipSpaces(request, i + 1);
                return i + 4 <= request.length && request[i] == 't' && request[i + 1] == 'r' && request[i + 2] == 'u'
                        && request[i + 3] == 'e';
            }
            at = indexOf(request, STREAM_KEY, at + 1);
        }
        return false;
    }

    private static int skipSpaces(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle, 0) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from, last = haystack.length - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

}
