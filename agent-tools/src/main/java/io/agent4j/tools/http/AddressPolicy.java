package io.agent4j.tools.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Which hosts and addresses the HTTP tool may reach: public addresses, plus the allow-listed hosts
 * (and the addresses they resolve to) whatever their addresses. Refused by default: loopback,
 * link-local, private (10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10), carrier-grade NAT
 * (100.64/10), multicast, unspecified, "this network" (0/8) and reserved (240/4) addresses, also
 * when embedded in IPv6 (mapped, compatible, NAT64, 6to4).
 */
final class AddressPolicy {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> allowedHosts;
    private final Set<InetAddress> allowedAddresses = ConcurrentHashMap.newKeySet();

    /**
     * @param allow host names or IP literals to allow even when their addresses are refused
     * @throws IllegalArgumentException naming an entry that is not a host
     */
    AddressPolicy(Collection<String> allow) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String entry : allow) {
            HttpUrl url = HttpUrl.parse("http://" + entry.trim() + "/");
            if (entry.isBlank() || url == null || !url.encodedPath().equals("/") || url.port() != 80) {
                throw new IllegalArgumentException("'" + entry + "' is not a host name or IP address");
            }
            hosts.add(url.host());
            InetAddress literal = literal(url.host());
            if (literal != null) {
                allowedAddresses.add(literal);
            }
        }
        this.allowedHosts = Set.copyOf(hosts);
    }

    /** Whether {@code host} (as {@link HttpUrl#host()} writes it) is on the allow-list. */
    boolean allowsHost(String host) {
        return allowedHosts.contains(host);
    }

    /** Records the addresses of an allowed host, so that the socket guard lets them through. */
    void allowAddresses(List<InetAddress> addresses) {
        allowedAddresses.addAll(addresses);
    }

    /** Why a connection to {@code address} is refused, or null when it is allowed. */
    String refusal(InetAddress address) {
        return allowedAddresses.contains(address) ? null : classify(address);
    }

    /** The address of an IP literal host, or null for a host name; never looks a name up. */
    static InetAddress literal(String host) {
        if (!IPV4.matcher(host).matches() && host.indexOf(':') < 0) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** What kind of refused address {@code address} is, e.g. "a loopback address"; null when public. */
    static String classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return classify4(bytes);
        }
        if (address.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (address.isSiteLocalAddress() || (bytes[0] & 0xFE) == 0xFC) {
            return "a private network address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] embedded = embeddedIpv4(bytes);
        String inner = embedded == null ? null : classify4(embedded);
        return inner == null ? null : inner + " embedded in an IPv6 address";
    }

    private static String classify4(byte[] b) {
        int first = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        if (first == 0) {
            return "an unspecified (0.0.0.0/8) address";
        } else if (first == 127) {
            return "a loopback address";
        } else if (first == 169 && second == 254) {
            return "a link-local address (such as a cloud metadata service)";
        } else if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
            return "a private network address";
        } else if (first == 100 && second >= 64 && second <= 127) {
            return "a carrier-grade NAT address (100.64.0.0/10)";
        } else if (first >= 224 && first <= 239) {
            return "a multicast address";
        } else if (first >= 240) {
            return "a reserved or broadcast address";
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean zeroPrefix = Arrays.equals(Arrays.copyOf(b, 10), new byte[10]);
        boolean mapped = zeroPrefix && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0;
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B
                && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
        if (mapped || compatible || nat64) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Arrays.copyOfRange(b, 2, 6);
        }
        return null;
    }
}
