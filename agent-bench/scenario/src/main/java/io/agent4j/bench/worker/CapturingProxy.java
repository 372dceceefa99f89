package io.agent4j.bench.worker;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A proxy on loopback in front of the stub that remembers the size of the last request body it
 * forwarded, so that a worker can say what its implementation sends without a hook into its HTTP
 * client. For a one-off look, not for timing.
 */
final class CapturingProxy implements AutoCloseable {

    private final HttpServer server;
    private volatile long lastBody = -1;

    private CapturingProxy(HttpServer server) {
        this.server = server;
    }

    /** A proxy forwarding every request to the stub at {@code baseUrl} ({@code http://127.0.0.1:PORT/v1}). */
    static CapturingProxy start(String baseUrl) throws IOException {
        URI stub = URI.create(baseUrl);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        CapturingProxy proxy = new CapturingProxy(server);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                proxy.lastBody = body.length;
                HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(stub.resolve(
                        exchange.getRequestURI().getRawPath())).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                exchange.getResponseHeaders().set("Content-Type",
                        answer.headers().firstValue("Content-Type").orElse("application/json"));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        });
        server.start();
        return proxy;
    }

    /** The proxy's base URL, in the stub's form. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The size of the last request body forwarded, or -1 before the first. */
    long lastBody() {
        return lastBody;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
