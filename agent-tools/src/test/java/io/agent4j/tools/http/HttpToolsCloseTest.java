package io.agent4j.tools.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpTools#close()} closes the connection it kept open after a call, seen from a server on
 * loopback that answers one request with keep-alive and then waits for the next or for the end.
 */
class HttpToolsCloseTest {

    @Test
    void closeEndsTheKeptConnectionAndRefusesLaterCalls() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = listening.getLocalPort();
            CompletableFuture<Integer> afterTheAnswer = CompletableFuture.supplyAsync(() -> serveOnce(listening));
            HttpTools http = new HttpTools(List.of("127.0.0.1:" + port), Duration.ofSeconds(10), 1024);

            HttpPage page = http.get("http://127.0.0.1:" + port + "/hello");
            http.close();

            assertThat(page.body()).isEqualTo("hello");
            assertThat(afterTheAnswer.get(10, TimeUnit.SECONDS)).as("the server read the end of the connection")
                    .isEqualTo(-1);
            assertThatThrownBy(() -> http.get("http://127.0.0.1:" + port + "/hello"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("were closed");
            http.close();
        }
    }

    /** Answers one request, keeping the connection open, and returns what it reads next: -1 at its end. */
    private static int serveOnce(ServerSocket listening) {
        try (Socket socket = listening.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.isEmpty());
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
                    + "Connection: keep-alive\r\n\r\nhello").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return in.read();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
