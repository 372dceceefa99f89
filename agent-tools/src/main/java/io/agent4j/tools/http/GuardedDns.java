package io.agent4j.tools.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * Resolves host names with the system resolver and refuses a name when ANY of its addresses is
 * refused, so that a name cannot mix a public address with a private one. The addresses of an
 * allow-listed name are let through the socket guard on that name's ports only.
 */
final class GuardedDns implements Dns {

    private final AddressPolicy policy;

    GuardedDns(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = Dns.SYSTEM.lookup(hostname);
        if (!policy.allowedPorts(hostname).isEmpty()) {
            policy.allowAddresses(hostname, addresses);
            return addresses;
        }
        for (InetAddress address : addresses) {
            String refusal = AddressPolicy.classify(address);
            if (refusal != null) {
                throw new AddressRefusedException(hostname + " resolves to " + address.getHostAddress()
                        + ", " + refusal);
            }
        }
        return addresses;
    }
}
