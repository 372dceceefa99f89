package io.agent4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Chat Completions server on a plain socket of 127.0.0.1 that keeps each connection open between
 * requests (HTTP/1.1 keep-alive) and counts the connections the client closes, which WireMock
 * cannot tell. Every request is answered with {@code "hi"}, or never when it asks for {@code hang}.
 */
public final class KeepAliveServer implements AutoCloseable {

    private static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}";

    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final CountDownLatch closedByClient = new CountDownLatch(1);

    /** Starts the server. */
    public KeepAliveServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "keep-alive-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The base URL to give a model. */
    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    /** How many connections the client opened. */
    public int connections() {
        return accepted.get();
    }

    /** Counts down when the client closes a connection it kept open. */
    public CountDownLatch closedByClient() {
        return closedByClient;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                accepted.incrementAndGet();
                Thread serving = new Thread(() -> serve(connection), "keep-alive-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            while (true) {
                String head = head(in);
                if (head == null) {
                    closedByClient.countDown();
                    return;
                }
                int length = 0;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring("content-length:".length()).strip());
                    }
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                if (body.contains("hang")) {
                    in.read(); // until the client gives up and closes the connection
                    return;
                }
                byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + answer.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(answer);
                out.flush();
            }
        } catch (IOException e) {
            // the client reset the connection
        }
    }

    /** A request's head, or null when the client closed the connection before sending one. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return head.size() == 0 ? null : head.toString(StandardCharsets.US_ASCII);
            }
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
