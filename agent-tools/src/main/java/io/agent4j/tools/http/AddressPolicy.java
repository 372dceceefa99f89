package io.agent4j.tools.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Which hosts and addresses the HTTP tool may reach: public addresses on any port, plus the
 * allow-listed hosts (and the addresses they resolve to) on their ports whatever their addresses.
 * An entry names a host and optionally a port ({@code 127.0.0.1:8080}, {@code [::1]:8080},
 * {@code wiki.internal:8443}); without a port it allows only the default ports, 80 and 443, so
 * that allowing a local web server does not open every other service of the machine.
 *
 * <p>Every host is canonicalised before it is checked: numeric IPv4 spellings that browsers and
 * resolvers accept ({@code 2130706433}, {@code 127.1}, {@code 0x7f.1}, {@code 0177.0.0.1},
 * {@code 127.0.0.1.}) become the dotted address they stand for, as the WHATWG URL standard reads
 * them, so that no spelling reaches an address its canonical form may not.
 *
 * <p>Refused by default: loopback, link-local, private (10/8, 172.16/12, 192.168/16, fc00::/7,
 * fec0::/10), carrier-grade NAT (100.64/10), benchmarking (198.18/15), IETF protocol (192.0.0/24),
 * documentation (TEST-NETs, 2001:db8::/32), multicast, unspecified, "this network" (0/8) and
 * reserved (240/4) addresses, also when embedded in IPv6 (mapped, translated, compatible, NAT64,
 * 6to4), and local-use NAT64 (64:ff9b:1::/48).
 */
final class AddressPolicy {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** The ports an allow-list entry without a port allows. */
    static final Set<Integer> DEFAULT_PORTS = Set.of(80, 443);

    private static final Pattern WITH_PORT = Pattern.compile("(\\[[^\\]]*\\]|[^:\\[\\]]*):(\\d{1,5})");
    private static final Pattern HEX_NUMBER = Pattern.compile("0[xX][0-9a-fA-F]*");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final Map<String, Set<Integer>> allowedHosts;
    private final Set<InetSocketAddress> allowedAddresses = ConcurrentHashMap.newKeySet();

    /**
     * @param allow hosts (names or IP literals), each optionally with {@code :port}, to allow even
     *     when their addresses are refused
     * @throws IllegalArgumentException naming an entry that is not a host with an optional port
     */
    AddressPolicy(Collection<String> allow) {
        Map<String, Set<Integer>> hosts = new LinkedHashMap<>();
        for (String raw : allow) {
            String entry = raw.trim();
            Matcher withPort = WITH_PORT.matcher(entry);
            boolean hasPort = withPort.matches();
            String hostPart = hasPort ? withPort.group(1) : entry;
            HttpUrl url = entry.isEmpty() ? null : HttpUrl.parse("http://" + hostPart + "/");
            if (url == null || !url.encodedPath().equals("/") || url.port() != 80) {
                throw new IllegalArgumentException("'" + raw + "' is not a host name or IP address with an "
                        + "optional port (such as wiki.internal or 127.0.0.1:8080)");
            }
            int port = hasPort ? Integer.parseInt(withPort.group(2)) : 0;
            if (hasPort && (port < 1 || port > 65535)) {
                throw new IllegalArgumentException("'" + raw + "' names port " + port + ", which is not between 1 "
                        + "and 65535");
            }
            String host = canonicalHost(url.host());
            Set<Integer> ports = hosts.computeIfAbsent(host, h -> new TreeSet<>());
            ports.addAll(hasPort ? Set.of(port) : DEFAULT_PORTS);
            InetAddress literal = literal(host);
            if (literal != null) {
                for (int allowed : ports) {
                    allowedAddresses.add(new InetSocketAddress(literal, allowed));
                }
            }
        }
        Map<String, Set<Integer>> frozen = new LinkedHashMap<>();
        hosts.forEach((host, ports) -> frozen.put(host, Collections.unmodifiableSet(ports)));
        this.allowedHosts = Collections.unmodifiableMap(frozen);
    }

    /** Whether {@code host} (canonical, as {@link #canonical} writes it) is allow-listed on {@code port}. */
    boolean allows(String host, int port) {
        Set<Integer> ports = allowedHosts.get(host);
        return ports != null && ports.contains(port);
    }

    /** The ports {@code host} is allow-listed on; empty when it is not on the list. */
    Set<Integer> allowedPorts(String host) {
        return allowedHosts.getOrDefault(host, Set.of());
    }

    /** Records the addresses of an allowed host name, so that the socket guard lets them through on its ports. */
    void allowAddresses(String host, List<InetAddress> addresses) {
        for (int port : allowedPorts(host)) {
            for (InetAddress address : addresses) {
                allowedAddresses.add(new InetSocketAddress(address, port));
            }
        }
    }

    /** Why a connection to {@code address} on {@code port} is refused, or null when it is allowed. */
    String refusal(InetAddress address, int port) {
        return allowedAddresses.contains(new InetSocketAddress(address, port)) ? null : classify(address);
    }

    /**
     * {@code url} with its host canonical: a numeric IPv4 spelling becomes the dotted address.
     *
     * @throws IllegalArgumentException when the host looks numeric but is no IPv4 address
     */
    static HttpUrl canonical(HttpUrl url) {
        String host = canonicalHost(url.host());
        return host.equals(url.host()) ? url : url.newBuilder().host(host).build();
    }

    /**
     * A host as the checks compare it: IPv6 and names as {@link HttpUrl#host()} writes them, IPv4 in
     * every numeric spelling as its dotted form.
     *
     * @throws IllegalArgumentException when the host ends in a number but is no IPv4 address
     */
    static String canonicalHost(String host) {
        if (host.indexOf(':') >= 0) {
            return host;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = name.split("\\.", -1);
        String last = parts[parts.length - 1];
        if (!DIGITS.matcher(last).matches() && !HEX_NUMBER.matcher(last).matches()) {
            return host;
        }
        long[] numbers = new long[parts.length];
        boolean valid = parts.length <= 4;
        for (int i = 0; valid && i < parts.length; i++) {
            numbers[i] = ipv4Number(parts[i]);
            valid = numbers[i] >= 0 && (i == parts.length - 1 || numbers[i] <= 255);
        }
        long limit = 1L << (8 * (5 - parts.length));
        if (!valid || numbers[parts.length - 1] >= limit) {
            throw new IllegalArgumentException("the host " + host + " ends in a number but is no IPv4 address");
        }
        long address = numbers[parts.length - 1];
        for (int i = 0; i < parts.length - 1; i++) {
            address += numbers[i] << (8 * (3 - i));
        }
        return (address >> 24 & 0xFF) + "." + (address >> 16 & 0xFF) + "." + (address >> 8 & 0xFF) + "."
                + (address & 0xFF);
    }

    /** One part of a numeric IPv4 host: decimal, octal after a leading 0, hex after 0x; -1 when none. */
    private static long ipv4Number(String part) {
        int radix = 10;
        String digits = part;
        if (HEX_NUMBER.matcher(part).matches()) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            return part.isEmpty() ? -1 : 0;
        }
        if (digits.length() > 12) {
            return -1;
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The address of a canonical IP literal host, or null for a host name; never looks a name up. */
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
        if (bytes[0] == 0x20 && bytes[1] == 0x01 && (bytes[2] & 0xFF) == 0x0D && (bytes[3] & 0xFF) == 0xB8) {
            return "a documentation address (2001:db8::/32)";
        }
        if (bytes[0] == 0 && bytes[1] == 0x64 && (bytes[2] & 0xFF) == 0xFF && (bytes[3] & 0xFF) == 0x9B
                && bytes[4] == 0 && bytes[5] == 1) {
            // the IPv4 address inside sits where the operator's prefix length puts it: refuse them all
            return "a local-use NAT64 address (64:ff9b:1::/48)";
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
        } else if (first == 198 && (second == 18 || second == 19)) {
            return "a benchmarking address (198.18.0.0/15)";
        } else if (first == 192 && second == 0 && b[2] == 0) {
            return "an IETF protocol address (192.0.0.0/24)";
        } else if ((first == 192 && second == 0 && b[2] == 2) || (first == 198 && second == 51 && (b[2] & 0xFF) == 100)
                || (first == 203 && second == 0 && (b[2] & 0xFF) == 113)) {
            return "a documentation address (TEST-NET)";
        } else if (first >= 224 && first <= 239) {
            return "a multicast address";
        } else if (first >= 240) {
            return "a reserved or broadcast address";
        }
        return null;
    }

    /**
     * The IPv4 address inside an IPv4-mapped, IPv4-translated ({@code ::ffff:0:0/96}),
     * IPv4-compatible, NAT64 ({@code 64:ff9b::/96}) or 6to4 IPv6 address.
     */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean zeroPrefix = Arrays.equals(Arrays.copyOf(b, 10), new byte[10]);
        boolean mapped = zeroPrefix && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0;
        boolean translated = Arrays.equals(Arrays.copyOf(b, 8), new byte[8]) && (b[8] & 0xFF) == 0xFF
                && (b[9] & 0xFF) == 0xFF && b[10] == 0 && b[11] == 0;
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B
                && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
        if (mapped || translated || compatible || nat64) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Arrays.copyOfRange(b, 2, 6);
        }
        return null;
    }
}
