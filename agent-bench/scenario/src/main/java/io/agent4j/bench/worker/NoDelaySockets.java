package io.agent4j.bench.worker;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets with Nagle's algorithm off, for the clients of a long conversation. A request body larger
 * than one socket write reaches the socket in several, and with Nagle on, the last one waits for the
 * stub's delayed ACK of the first, about 40 ms on loopback, whichever client sends it. A client that
 * takes a socket factory gets {@link #NoDelaySockets()}; one whose builder offers none (Spring AI's)
 * takes the JVM's default, which {@link #installAsDefault()} replaces.
 */
public final class NoDelaySockets extends SocketFactory {

    private final SocketFactory plain;

    /** The JDK's default sockets, each with Nagle's algorithm off. */
    public NoDelaySockets() {
        this(SocketFactory.getDefault());
    }

    private NoDelaySockets(SocketFactory plain) {
        this.plain = plain;
    }

    /**
     * Makes every client built from now on that takes {@link SocketFactory#getDefault()} open its
     * sockets without Nagle. Needs {@code --add-opens java.base/javax.net=ALL-UNNAMED} (or the jar
     * manifest's {@code Add-Opens: java.base/javax.net}).
     */
    public static synchronized void installAsDefault() {
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
