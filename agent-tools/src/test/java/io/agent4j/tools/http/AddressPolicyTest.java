package io.agent4j.tools.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The address classification, the resolver and the socket guard, without any network traffic. */
class AddressPolicyTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1 | a loopback address",
        "127.255.0.9 | a loopback address",
        "0.0.0.0 | an unspecified (0.0.0.0/8) address",
        "10.1.2.3 | a private network address",
        "172.16.0.1 | a private network address",
        "172.31.255.255 | a private network address",
        "192.168.0.1 | a private network address",
        "169.254.169.254 | a link-local address (such as a cloud metadata service)",
        "100.64.0.1 | a carrier-grade NAT address (100.64.0.0/10)",
        "100.127.255.254 | a carrier-grade NAT address (100.64.0.0/10)",
        "224.0.0.251 | a multicast address",
        "255.255.255.255 | a reserved or broadcast address",
        "::1 | a loopback address",
        ":: | the unspecified address",
        "fe80::1 | a link-local address",
        "fc00::1 | a private network address",
        "fdff::1 | a private network address",
        "fec0::1 | a private network address",
        "ff02::1 | a multicast address",
        "::ffff:10.0.0.1 | a private network address",
        "::127.0.0.1 | a loopback address embedded in an IPv6 address",
        "64:ff9b::a9fe:a9fe | a link-local address (such as a cloud metadata service) embedded in an IPv6 address",
        "2002:c0a8:0101::1 | a private network address embedded in an IPv6 address",
        "::ffff:0:7f00:1 | a loopback address embedded in an IPv6 address",
        "::ffff:0:a9fe:a9fe | a link-local address (such as a cloud metadata service) embedded in an IPv6 address",
        "64:ff9b:1::7f00:1 | a local-use NAT64 address (64:ff9b:1::/48)",
        "198.18.0.1 | a benchmarking address (198.18.0.0/15)",
        "198.19.255.254 | a benchmarking address (198.18.0.0/15)",
        "192.0.0.170 | an IETF protocol address (192.0.0.0/24)",
        "192.0.2.1 | a documentation address (TEST-NET)",
        "198.51.100.7 | a documentation address (TEST-NET)",
        "203.0.113.9 | a documentation address (TEST-NET)",
        "2001:db8::1 | a documentation address (2001:db8::/32)",
    })
    void refusesInternalAddresses(String address, String kind) throws UnknownHostException {
        assertThat(AddressPolicy.classify(InetAddress.getByName(address))).isEqualTo(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255",
        "100.128.0.1", "11.0.0.1", "192.169.0.1", "198.17.255.255", "198.20.0.1", "192.0.1.1", "2606:4700::1111", "2002:5db8:d70e::1", "64:ff9b::5db8:d70e"})
    void publicAddressesPass(String address) throws UnknownHostException {
        assertThat(AddressPolicy.classify(InetAddress.getByName(address))).isNull();
    }

    @Test
    void literalsAreRecognisedWithoutLookingNamesUp() throws UnknownHostException {
        assertThat(AddressPolicy.literal("10.0.0.1")).isEqualTo(InetAddress.getByName("10.0.0.1"));
        assertThat(AddressPolicy.literal("::1")).isEqualTo(InetAddress.getByName("::1"));
        assertThat(AddressPolicy.literal("example.invalid")).isNull();
    }

    @Test
    void theResolverRefusesANameWithARefusedAddress() throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(List.of());
        assertThatThrownBy(() -> new GuardedDns(policy).lookup("localhost"))
                .isInstanceOf(AddressRefusedException.class)
                .hasMessageStartingWith("localhost resolves to ").hasMessageContaining("a loopback address");
        AddressPolicy allowing = new AddressPolicy(List.of("localhost"));
        assertThat(new GuardedDns(allowing).lookup("localhost")).isNotEmpty()
                .allSatisfy(address -> {
                    assertThat(allowing.refusal(address, 80)).isNull();
                    assertThat(allowing.refusal(address, 8080)).isEqualTo("a loopback address");
                });
    }

    @Test
    void theSocketGuardRefusesBeforeConnecting() throws Exception {
        GuardedSocketFactory factory = new GuardedSocketFactory(new AddressPolicy(List.of()));
        for (String address : List.of("10.0.0.1", "169.254.169.254", "127.0.0.1")) {
            Socket socket = factory.createSocket();
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(InetAddress.getByName(address), 80), 50))
                    .isInstanceOf(AddressRefusedException.class)
                    .hasMessageStartingWith(address + " is a ");
            assertThat(socket.isConnected()).isFalse();
            assertThat(socket.isClosed()).isTrue();
        }
        assertThatThrownBy(() -> factory.createSocket().connect(InetSocketAddress.createUnresolved("example.invalid", 80)))
                .isInstanceOf(AddressRefusedException.class);
    }

    @Test
    void allowedLiteralsPassTheSocketGuardOnTheirPortsOnly() throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(List.of("127.0.0.1", "[::1]:8080", "2130706433:9000", "wiki.internal:8443"));
        assertThat(policy.allows("127.0.0.1", 80)).isTrue();
        assertThat(policy.allows("127.0.0.1", 443)).isTrue();
        assertThat(policy.allows("127.0.0.1", 9000)).isTrue();
        assertThat(policy.allows("127.0.0.1", 8080)).isFalse();
        assertThat(policy.allows("::1", 8080)).isTrue();
        assertThat(policy.allows("::1", 80)).isFalse();
        assertThat(policy.allowedPorts("wiki.internal")).containsExactly(8443);
        assertThat(policy.refusal(InetAddress.getByName("127.0.0.1"), 80)).isNull();
        assertThat(policy.refusal(InetAddress.getByName("127.0.0.1"), 22)).isEqualTo("a loopback address");
        assertThat(policy.refusal(InetAddress.getByName("10.0.0.1"), 80)).isEqualTo("a private network address");
        assertThat(policy.refusal(InetAddress.getByName("93.184.215.14"), 22)).isNull();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "2130706433 | 127.0.0.1",
        "127.1 | 127.0.0.1",
        "127.0.1 | 127.0.0.1",
        "0x7f.1 | 127.0.0.1",
        "0177.0.0.1 | 127.0.0.1",
        "0x7f000001 | 127.0.0.1",
        "017700000001 | 127.0.0.1",
        "127.0.0.1. | 127.0.0.1",
        "0 | 0.0.0.0",
        "0xa9.0xfe.0xa9.0xfe | 169.254.169.254",
        "4294967295 | 255.255.255.255",
        "example.org | example.org",
        "1x.example | 1x.example",
        "::1 | ::1",
    })
    void numericHostsAreCanonicalised(String host, String canonical) {
        assertThat(AddressPolicy.canonicalHost(host)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4.5", "256.0.0.1", "127.0.0.256", "4294967296", "0x1g.1", "08.0.0.1", "example.09"})
    void hostsThatEndInANumberButAreNoAddressAreRefused(String host) {
        assertThatThrownBy(() -> AddressPolicy.canonicalHost(host)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the host " + host + " ends in a number but is no IPv4 address");
    }
}
