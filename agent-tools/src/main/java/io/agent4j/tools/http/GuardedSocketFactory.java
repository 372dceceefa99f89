package io.agent4j.tools.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * Sockets that check the address and port they are about to connect to, the last word on where
 * the HTTP tool goes: OkHttp connects to IP literals (including forms such as {@code 2130706433})
 * without asking its {@code Dns}, and this guard sees every address whatever the route to it.
 */
final class GuardedSocketFactory extends SocketFactory {

    private final AddressPolicy policy;

    GuardedSocketFactory(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Socket createSocket() {
        return new GuardedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = new GuardedSocket();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(remote);
        return socket;
    }

    private final class GuardedSocket extends Socket {

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress inet) || inet.isUnresolved()) {
                close();
                throw new AddressRefusedException("refusing to connect to unresolved address " + endpoint);
            }
            String refusal = policy.refusal(inet.getAddress(), inet.getPort());
            if (refusal != null) {
                close();
                throw new AddressRefusedException(inet.getAddress().getHostAddress() + " is " + refusal);
            }
            super.connect(endpoint, timeout);
        }
    }
}
