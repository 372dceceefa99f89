package io.agent4j.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A hand-driven HTTP/1.1 server on 127.0.0.1 for what WireMock cannot script precisely: bytes
 * written one at a time, a stream that stalls after some events, a stream that continues only once
 * the client has seen the previous event, a body cut off mid-way. Each connection is answered by
 * the next {@link Exchange} of the script (the last one repeats) and closed afterwards.
 */
final class LoopbackServer implements AutoCloseable {

    /** Writes one response; may block (see {@link #awaitClose}). */
    @FunctionalInterface
    interface Exchange {
        void respond(OutputStream out) throws Exception;
    }

    private final ServerSocket socket;
    private final List<Exchange> script;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    LoopbackServer(Exchange... script) throws IOException {
        this.script = List.of(script);
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "loopback-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The base URL with the API's {@code /v1} prefix. */
    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    /** The request bodies received so far, in order. */
    List<String> requests() {
        return List.copyOf(bodies);
    }

    /** Blocks a handler until the server is closed (at most 60 s), to simulate a server that stalls. */
    void awaitClose() throws InterruptedException {
        closed.await(60, TimeUnit.SECONDS);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                connections.add(connection);
                Thread handler = new Thread(() -> serve(connection), "loopback-handler");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            int length = 0;
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring("content-length:".length()).strip());
                }
            }
            byte[] body = in.readNBytes(length);
            int index;
            synchronized (bodies) {
                index = bodies.size();
                bodies.add(new String(body, StandardCharsets.UTF_8));
            }
            OutputStream out = connection.getOutputStream();
            script.get(Math.min(index, script.size() - 1)).respond(out);
            out.flush();
        } catch (Exception e) {
            // the client went away (a timeout or a cancellation under test): nothing to do
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return null;
    }

    /** Writes a status line and headers; with no length the body runs until the connection closes. */
    static void head(OutputStream out, int status, String contentType) throws IOException {
        write(out, "HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nConnection: close\r\n\r\n");
    }

    /** Writes text as UTF-8 and flushes it onto the wire. */
    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
