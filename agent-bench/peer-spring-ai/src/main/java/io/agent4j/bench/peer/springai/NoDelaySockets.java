package io.agent4j.bench.peer.springai;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * The JDK's default socket factory with Nagle's algorithm off, installed as the default for the
 * JVM, so that Spring AI's OkHttp client, whose builder offers no socket factory, opens its
 * connections as the other sides' of a long conversation do. With it on, a request body written in
 * several pieces waits for the stub's delayed ACK, about 40 ms on loopback. Needs
 * {@code --add-opens java.base/javax.net=ALL-UNNAMED} (the jar's manifest says so).
 */
final class NoDelaySockets extends SocketFactory {

    private final SocketFactory plain;

    private NoDelaySockets(SocketFactory plain) {
        this.plain = plain;
    }

    /** Makes every client built from now on that takes {@link SocketFactory#getDefault()} open sockets without Nagle. */
    static synchronized void install() {
        SocketFactory current = SocketFactory.getDefault();
        if (current instanceof NoDelaySockets) {
            return;
        }
        try {
            Field theFactory = SocketFactory.class.getDeclaredField("theFactory");
            theFactory.setAccessible(true);
            theFactory.set(null, new NoDelaySockets(current));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot turn Nagle's algorithm off: run with "
                    + "--add-opens java.base/javax.net=ALL-UNNAMED", e);
        }
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(plain.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        return noDelay(plain.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
        return noDelay(plain.createSocket(address, port, local, localPort));
    }
}
