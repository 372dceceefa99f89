package io.agent4j.tools.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.ToolPack;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.Toolbox;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The http pack through a real Toolbox against WireMock on 127.0.0.1, which only an allow-list
 * reaches. Every other address in these tests is a literal that the tool must refuse before
 * connecting; the only name resolved is {@code localhost}.
 */
class HttpPackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REFUSAL_END = ". Addresses of this machine and of private, link-local and "
            + "other internal networks cannot be fetched.";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private String base;
    private String allow;

    @BeforeEach
    void stubs() {
        base = "http://127.0.0.1:" + server.getPort();
        allow = "127.0.0.1:" + server.getPort();
        server.stubFor(get("/hello").willReturn(aResponse().withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody("hello, wörld")));
    }

    private static Toolbox toolbox(String... settings) {
        Map<String, String> all = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            all.put(settings[i], settings[i + 1]);
        }
        return Toolbox.ofPacks(ToolPack.discover(HttpPackTest.class.getClassLoader()), all);
    }

    private static ToolResult fetch(Toolbox tools, String url) {
        return tools.call("http_get", JSON.createObjectNode().put("url", url).toString());
    }

    private static JsonNode ok(ToolResult result) {
        assertThat(result.failed()).as(result.content()).isFalse();
        return JSON.readTree(result.content());
    }

    private static String failed(ToolResult result) {
        assertThat(result.failed()).as(result.content()).isTrue();
        return result.content();
    }

    @Test
    void fetchesTextFromAnAllowedHost() {
        assertThat(fetch(toolbox("http.allow", allow), base + "/hello").content()).isEqualTo("{\"url\":\""
                + base + "/hello\",\"status\":200,\"contentType\":\"text/plain; charset=utf-8\","
                + "\"body\":\"hello, wörld\",\"truncated\":false,\"note\":null}");
        server.verify(getRequestedFor(urlEqualTo("/hello")).withHeader("User-Agent",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("agent4j-http_get")));
    }

    @Test
    void unencodedPathsAreEncoded() {
        server.stubFor(get("/a%20b/%C3%A9").willReturn(aResponse().withBody("encoded")));
        JsonNode page = ok(fetch(toolbox("http.allow", allow), base + "/a b/é"));
        assertThat(page.path("body").asString()).isEqualTo("encoded");
        assertThat(page.path("url").asString()).isEqualTo(base + "/a%20b/%C3%A9");
    }

    @Test
    void anAllowedNameReachesItsLoopbackAddress() {
        JsonNode page = ok(fetch(toolbox("http.allow", "LocalHost:" + server.getPort() + ", example.invalid"),
                "http://localhost:" + server.getPort() + "/hello"));
        assertThat(page.path("body").asString()).isEqualTo("hello, wörld");
    }

    @Test
    void errorStatusesAreResultsNotFailures() {
        server.stubFor(get("/missing").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"not found\"}")));
        JsonNode page = ok(fetch(toolbox("http.allow", allow), base + "/missing"));
        assertThat(page.path("status").asInt()).isEqualTo(404);
        assertThat(page.path("body").asString()).isEqualTo("{\"error\":\"not found\"}");
    }

    @Test
    void bodiesLongerThanTheCapAreCut() {
        server.stubFor(get("/long").willReturn(aResponse().withHeader("Content-Type", "text/plain")
                .withBody("0123456789é" + "x".repeat(1000))));
        JsonNode page = ok(fetch(toolbox("http.allow", allow, "http.maxBytes", "11"), base + "/long"));
        assertThat(page.path("body").asString()).isEqualTo("0123456789");
        assertThat(page.path("truncated").asBoolean()).isTrue();
        assertThat(page.path("note").asString()).isEqualTo("Only the first 11 bytes of the body are shown (the size cap).");
    }

    @Test
    void theDefaultCapIs256KiB() {
        server.stubFor(get("/huge").willReturn(aResponse().withBody("y".repeat(300_000))));
        JsonNode page = ok(fetch(toolbox("http.allow", allow), base + "/huge"));
        assertThat(page.path("body").asString()).hasSize(262_144);
        assertThat(page.path("truncated").asBoolean()).isTrue();
    }

    @Test
    void binaryBodiesAreNotShown() {
        server.stubFor(get("/logo.png").willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withBody(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0})));
        JsonNode page = ok(fetch(toolbox("http.allow", allow), base + "/logo.png"));
        assertThat(page.path("body").asString()).isEmpty();
        assertThat(page.path("note").asString()).isEqualTo("The body is binary (image/png) and is not shown.");
    }

    @Test
    void slowServersTimeOut() {
        // the answer would come after 30 s: the message itself says the 1 s timeout ended the call
        server.stubFor(get("/slow").willReturn(aResponse().withBody("late").withFixedDelay(30_000)));
        long start = System.nanoTime();
        String message = failed(fetch(toolbox("http.allow", allow, "http.timeoutSeconds", "1"), base + "/slow"));
        assertThat(message).isEqualTo("Error: tool 'http_get' failed: IllegalStateException: No complete answer from "
                + base + "/slow within 1 s; try again later or another URL.");
        assertThat((System.nanoTime() - start) / 1_000_000).as("well before the answer's 30 s").isLessThan(15_000);
    }

    @Test
    void followsRedirectsToAllowedHosts() {
        server.stubFor(get("/old").willReturn(aResponse().withStatus(301).withHeader("Location", "/moved")));
        server.stubFor(get("/moved").willReturn(aResponse().withStatus(302).withHeader("Location", base + "/hello")));
        JsonNode page = ok(fetch(toolbox("http.allow", allow), base + "/old"));
        assertThat(page.path("url").asString()).isEqualTo(base + "/hello");
        assertThat(page.path("body").asString()).isEqualTo("hello, wörld");
    }

    @Test
    void stopsAfterFiveRedirects() {
        server.stubFor(get("/loop").willReturn(aResponse().withStatus(307).withHeader("Location", "/loop")));
        assertThat(failed(fetch(toolbox("http.allow", allow), base + "/loop"))).endsWith("Stopped after 5 "
                + "redirects (the last from " + base + "/loop to /loop); the URL redirects too often.");
        server.verify(6, getRequestedFor(urlEqualTo("/loop")));
    }

    @Test
    void aRedirectToAForbiddenAddressIsRefusedAtTheRedirect() {
        server.stubFor(get("/metadata").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data")));
        assertThat(failed(fetch(toolbox("http.allow", allow), base + "/metadata"))).isEqualTo(
                "Error: tool 'http_get' failed: IllegalArgumentException: Refused the redirect from " + base
                + "/metadata to http://169.254.169.254/latest/meta-data: 169.254.169.254 is a link-local address "
                + "(such as a cloud metadata service)" + REFUSAL_END);
    }

    @Test
    void aRedirectToANameOfALoopbackAddressIsRefusedByTheResolver() {
        server.stubFor(get("/sneaky").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://localhost:" + server.getPort() + "/hello")));
        assertThat(failed(fetch(toolbox("http.allow", allow), base + "/sneaky")))
                .contains("Refused the redirect from " + base + "/sneaky to http://localhost:" + server.getPort()
                        + "/hello: localhost resolves to 127.0.0.1, a loopback address" + REFUSAL_END);
        server.verify(0, getRequestedFor(urlEqualTo("/hello")));
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() {
        server.stubFor(get("/ftp").willReturn(aResponse().withStatus(302).withHeader("Location", "ftp://10.0.0.1/x")));
        assertThat(failed(fetch(toolbox("http.allow", allow), base + "/ftp"))).endsWith("Refused the redirect "
                + "from " + base + "/ftp to 'ftp://10.0.0.1/x': only http and https URLs can be fetched.");
    }

    @Test
    void withoutAnAllowListLoopbackIsRefusedBeforeAnyRequest() {
        Toolbox tools = toolbox();
        assertThat(failed(fetch(tools, base + "/hello"))).isEqualTo("Error: tool 'http_get' failed: "
                + "IllegalArgumentException: Refused " + base + "/hello: 127.0.0.1 is a loopback address" + REFUSAL_END);
        assertThat(failed(fetch(tools, "http://localhost:" + server.getPort() + "/hello")))
                .endsWith("localhost resolves to 127.0.0.1, a loopback address" + REFUSAL_END);
        assertThat(failed(fetch(tools, "http://localhost/"))).contains("a loopback address");
        assertThat(failed(fetch(tools, "http://[::1]:" + server.getPort() + "/hello")))
                .endsWith("Refused http://[::1]:" + server.getPort() + "/hello: ::1 is a loopback address" + REFUSAL_END);
        assertThat(failed(fetch(tools, "http://2130706433:" + server.getPort() + "/hello")))
                .endsWith("127.0.0.1 is a loopback address" + REFUSAL_END);
        assertThat(failed(fetch(tools, "http://127.1:" + server.getPort() + "/hello")))
                .endsWith("127.0.0.1 is a loopback address" + REFUSAL_END);
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void internalNetworksAreRefused() {
        Toolbox tools = toolbox();
        Map<String, String> refusals = Map.of(
                "http://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address (such as a cloud metadata service)",
                "http://10.0.0.1/", "10.0.0.1 is a private network address",
                "http://192.168.1.1", "192.168.1.1 is a private network address",
                "http://172.16.0.1/", "172.16.0.1 is a private network address",
                "http://100.64.0.1/", "100.64.0.1 is a carrier-grade NAT address (100.64.0.0/10)",
                "http://0.0.0.0:" + server.getPort() + "/hello", "0.0.0.0 is an unspecified (0.0.0.0/8) address",
                "http://[::]/", ":: is the unspecified address",
                "http://[fd00::1]/", "fd00::1 is a private network address",
                "http://[fe80::1]/", "fe80::1 is a link-local address",
                "https://224.0.0.1/", "224.0.0.1 is a multicast address");
        refusals.forEach((url, why) -> assertThat(failed(fetch(tools, url))).as(url).contains(": " + why + REFUSAL_END));
        assertThat(failed(fetch(tools, "http://198.18.0.1/")))
                .contains(": 198.18.0.1 is a benchmarking address (198.18.0.0/15)" + REFUSAL_END);
        assertThat(failed(fetch(tools, "http://[::ffff:0:7f00:1]:" + server.getPort() + "/hello")))
                .contains(": ::ffff:0:7f00:1 is a loopback address embedded in an IPv6 address" + REFUSAL_END);
        assertThat(failed(fetch(tools, "http://[::ffff:a9fe:a9fe]/"))).contains("link-local");
        assertThat(failed(fetch(tools, "http://[64:ff9b::a00:1]/"))).contains("a private network address embedded in an IPv6 address");
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void onlyHttpAndHttpsAreFetched() {
        Toolbox tools = toolbox("http.allow", allow);
        assertThat(failed(fetch(tools, "ftp://127.0.0.1/file.txt"))).endsWith("Refused 'ftp://127.0.0.1/file.txt': "
                + "only http and https URLs can be fetched, not ftp.");
        assertThat(failed(fetch(tools, "file:///etc/passwd"))).endsWith("Refused 'file:///etc/passwd': only http "
                + "and https URLs can be fetched, not file.");
        assertThat(failed(fetch(tools, "127.0.0.1/hello"))).endsWith("'127.0.0.1/hello' has no scheme; give an "
                + "absolute URL such as https://example.org/page.");
        assertThat(failed(fetch(tools, "http://bad host/"))).endsWith("'http://bad host/' is not a valid http(s) "
                + "URL; give one such as https://example.org/page.");
        assertThat(failed(fetch(tools, "localhost:8080/x"))).endsWith("Refused 'localhost:8080/x': only http and "
                + "https URLs can be fetched, not localhost.");
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void badSettingsFailRegistration() {
        assertThatThrownBy(() -> toolbox("http.allow", "127.0.0.1/path"))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessage("Setting 'http.allow' is '127.0.0.1/path': '127.0.0.1/path' is not a host name or IP "
                        + "address with an optional port (such as wiki.internal or 127.0.0.1:8080); list host names "
                        + "or IP addresses, each with an optional :port, separated by commas.");
        assertThatThrownBy(() -> toolbox("http.allow", "127.0.0.1:99999"))
                .hasMessageContaining("'127.0.0.1:99999' names port 99999, which is not between 1 and 65535");
        assertThatThrownBy(() -> toolbox("http.allow", "127.0.0.1:0")).hasMessageContaining("names port 0");
        assertThatThrownBy(() -> toolbox("http.allow", "1.2.3.4.5"))
                .hasMessageContaining("the host 1.2.3.4.5 ends in a number but is no IPv4 address");
        assertThatThrownBy(() -> toolbox("http.timeoutSeconds", "0"))
                .hasMessage("Setting 'http.timeoutSeconds' is '0'; it must be a whole number of at least 1.");
        assertThatThrownBy(() -> toolbox("http.maxBytes", "lots"))
                .hasMessage("Setting 'http.maxBytes' is 'lots'; it must be a whole number of at least 1.");
        assertThatThrownBy(() -> toolbox("http.proxy", "x")).hasMessageStartingWith("Unknown setting 'http.proxy'");
    }

    @Test
    void anEntryWithoutAPortAllowsOnlyTheDefaultPorts() {
        assertThat(failed(fetch(toolbox("http.allow", "127.0.0.1"), base + "/hello"))).isEqualTo("Error: tool "
                + "'http_get' failed: IllegalArgumentException: Refused " + base + "/hello: 127.0.0.1 is a loopback "
                + "address, allow-listed only on ports 80 and 443" + REFUSAL_END);
        assertThat(failed(fetch(toolbox("http.allow", "localhost"), "http://localhost:" + server.getPort() + "/hello")))
                .endsWith("127.0.0.1 is a loopback address, allow-listed only on ports 80 and 443" + REFUSAL_END);
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRedirectToAnotherPortOfAnAllowedHostIsRefused() {
        int other = server.getPort() == 65535 ? 65534 : server.getPort() + 1;
        server.stubFor(get("/other").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + other + "/admin")));
        assertThat(failed(fetch(toolbox("http.allow", allow), base + "/other"))).isEqualTo("Error: tool 'http_get' "
                + "failed: IllegalArgumentException: Refused the redirect from " + base + "/other to http://127.0.0.1:"
                + other + "/admin: 127.0.0.1 is a loopback address, allow-listed only on port " + server.getPort()
                + REFUSAL_END);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "127.1", "127.0.0.1.", "0x7f.1", "0X7F.0.0.1", "0177.0.0.1", "0x7f000001",
        "017700000001", "127.0.1", "0x7f.0.0x0.01"})
    void numericSpellingsOfALoopbackAddressAreRefusedAfterARedirect(String host) {
        String to = "http://" + host + ":" + server.getPort() + "/hello";
        server.stubFor(get("/spelled").willReturn(aResponse().withStatus(302).withHeader("Location", to)));
        String from = "http://localhost:" + server.getPort() + "/spelled";
        assertThat(failed(fetch(toolbox("http.allow", "localhost:" + server.getPort()), from))).isEqualTo("Error: tool "
                + "'http_get' failed: IllegalArgumentException: Refused the redirect from " + from + " to " + base
                + "/hello: 127.0.0.1 is a loopback address" + REFUSAL_END);
        server.verify(0, getRequestedFor(urlEqualTo("/hello")));
    }

    @Test
    void aNumericSpellingOfAnAllowedAddressIsFetchedAsTheAddress() {
        Toolbox tools = toolbox("http.allow", allow);
        for (String host : new String[] {"2130706433", "0177.0.0.1", "0x7f.1"}) {
            JsonNode page = ok(fetch(tools, "http://" + host + ":" + server.getPort() + "/hello"));
            assertThat(page.path("url").asString()).as(host).isEqualTo(base + "/hello");
        }
        JsonNode viaEntry = ok(fetch(toolbox("http.allow", "2130706433:" + server.getPort()), base + "/hello"));
        assertThat(viaEntry.path("body").asString()).isEqualTo("hello, wörld");
    }

    @Test
    void aHostThatEndsInANumberButIsNoAddressIsRefused() {
        Toolbox tools = toolbox();
        assertThat(failed(fetch(tools, "http://1.2.3.4.5/"))).endsWith("Refused http://1.2.3.4.5/: the host 1.2.3.4.5 "
                + "ends in a number but is no IPv4 address; write an IP address as four numbers from 0 to 255, e.g. "
                + "93.184.215.14, or use a host name.");
        assertThat(failed(fetch(tools, "http://127.0.0.256/"))).contains("ends in a number but is no IPv4 address");
        assertThat(failed(fetch(tools, "http://0x1g.1/"))).contains("ends in a number but is no IPv4 address");
        server.verify(0, anyRequestedFor(anyUrl()));
    }
}
