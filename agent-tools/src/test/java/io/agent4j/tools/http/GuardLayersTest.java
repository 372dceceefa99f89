package io.agent4j.tools.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.tool.ToolPack;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.Toolbox;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three layers that keep {@code http_get} off internal addresses, each tried alone: a case that
 * only it refuses, the other two letting it through, so that taking one layer away fails its test
 * even though the others would hide it in the usual cases.
 *
 * <ul>
 *   <li>the check of each URL, the first and every redirect's, before any call: an IP literal that
 *       is not allow-listed is refused, even when the socket guard would let its address through
 *       (it learnt the address from an allow-listed name) and no resolver is asked;
 *   <li>the resolver: a name whose address is refused is refused, even when that address and port
 *       are allow-listed as a literal, so that the socket guard lets them through;
 *   <li>the socket guard: an allow-listed name on a port it is not allowed on passes the check (a
 *       name is not checked there) and the resolver (an allow-listed name resolves), and is refused
 *       only when its socket connects.
 * </ul>
 */
class GuardLayersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REFUSAL_END = ". Addresses of this machine and of private, link-local and "
            + "other internal networks cannot be fetched.";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    /** A second server, on a port no allow-list entry names. */
    @RegisterExtension
    static WireMockExtension other = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private int port;
    private String byName;
    private String byAddress;

    @BeforeEach
    void stubs() {
        port = server.getPort();
        byName = "http://localhost:" + port;
        byAddress = "http://127.0.0.1:" + port;
        server.stubFor(get("/hello").willReturn(aResponse().withBody("hello")));
        server.stubFor(get("/secret").willReturn(aResponse().withBody("the secret")));
        other.stubFor(get("/admin").willReturn(aResponse().withBody("the admin page")));
    }

    private static Toolbox allowing(String entry) {
        return Toolbox.ofPacks(ToolPack.discover(GuardLayersTest.class.getClassLoader()), Map.of("http.allow", entry));
    }

    private static ToolResult fetch(Toolbox tools, String url) {
        return tools.call("http_get", JSON.createObjectNode().put("url", url).toString());
    }

    /** An allow-listed name fetched once, so that the socket guard lets its address through on its port. */
    private Toolbox withTheGuardOpenFor127001() {
        Toolbox tools = allowing("localhost:" + port);
        ToolResult hello = fetch(tools, byName + "/hello");
        assertThat(hello.failed()).as(hello.content()).isFalse();
        assertThat(JSON.readTree(hello.content()).path("body").asString()).isEqualTo("hello");
        return tools;
    }

    @Test
    void theCheckAloneRefusesALiteralOnTheFirstRequest() {
        Toolbox tools = withTheGuardOpenFor127001();

        ToolResult secret = fetch(tools, byAddress + "/secret");

        assertThat(secret.failed()).as(secret.content()).isTrue();
        assertThat(secret.content()).endsWith("Refused " + byAddress + "/secret: 127.0.0.1 is a loopback address"
                + REFUSAL_END);
        server.verify(0, getRequestedFor(urlEqualTo("/secret")));
    }

    @Test
    void theCheckAloneRefusesALiteralARedirectLeadsTo() {
        Toolbox tools = withTheGuardOpenFor127001();
        server.stubFor(get("/jump").willReturn(aResponse().withStatus(302).withHeader("Location",
                byAddress + "/secret")));

        ToolResult secret = fetch(tools, byName + "/jump");

        assertThat(secret.failed()).as(secret.content()).isTrue();
        assertThat(secret.content()).endsWith("Refused the redirect from " + byName + "/jump to " + byAddress
                + "/secret: 127.0.0.1 is a loopback address" + REFUSAL_END);
        server.verify(0, getRequestedFor(urlEqualTo("/secret")));
    }

    @Test
    void theResolverAloneRefusesANameOfALoopbackAddressThatIsAllowListedAsALiteral() {
        Toolbox tools = allowing("127.0.0.1:" + port);
        assertThat(fetch(tools, byAddress + "/hello").failed()).as("the literal is allowed").isFalse();

        ToolResult hello = fetch(tools, byName + "/hello");

        assertThat(hello.failed()).as(hello.content()).isTrue();
        assertThat(hello.content()).endsWith("Refused " + byName + "/hello: localhost resolves to 127.0.0.1, a "
                + "loopback address" + REFUSAL_END);
        server.verify(1, getRequestedFor(urlEqualTo("/hello")));
    }

    @Test
    void theSocketGuardAloneRefusesAnAllowListedNameOnAnotherPort() {
        Toolbox tools = allowing("localhost:" + port);
        String admin = "http://localhost:" + other.getPort() + "/admin";
        server.stubFor(get("/elsewhere").willReturn(aResponse().withStatus(302).withHeader("Location", admin)));

        ToolResult direct = fetch(tools, admin);
        ToolResult redirected = fetch(tools, byName + "/elsewhere");

        assertThat(direct.failed()).as(direct.content()).isTrue();
        assertThat(direct.content()).contains("Refused " + admin + ": ")
                .endsWith(" is a loopback address, allow-listed only on port " + port + REFUSAL_END);
        assertThat(redirected.failed()).as(redirected.content()).isTrue();
        assertThat(redirected.content()).contains("Refused the redirect from " + byName + "/elsewhere to " + admin + ": ")
                .endsWith(" is a loopback address, allow-listed only on port " + port + REFUSAL_END);
        other.verify(0, anyRequestedFor(anyUrl()));
    }
}
