package io.agent4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a real process, with {@code --debug} (the wire log and the client's own log) and
 * {@code --verbose} (stack traces), a key of 32 hex characters that only the redaction of the
 * configured key can hide never reaches stderr: given in {@code OPENAI_API_KEY}, standing in the
 * base URL's query as some gateways want it, and echoed by the server.
 */
class KeyNotOnStderrProcessTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    Path dir;

    private static final String KEY = "3f9a0c6e1b7d4e2a8c5f0b9d6e3a1c7f";

    private Cli.Result run(String baseUrl) throws Exception {
        return CliProcess.run(dir, Map.of("OPENAI_API_KEY", KEY), "", "run", "--debug", "--verbose",
                "--base-url", baseUrl + "?api-key=" + KEY, "hi");
    }

    private static void assertNoKey(Cli.Result result) {
        for (int i = 0; i + 12 <= KEY.length(); i++) {
            assertThat(result.err()).doesNotContain(KEY.substring(i, i + 12));
            assertThat(result.out()).doesNotContain(KEY.substring(i, i + 12));
        }
    }

    @Test
    void aRejectedKeyThatTheServerEchoes() throws Exception {
        server.stubFor(post(urlPathEqualTo(FakeOpenAi.PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"Incorrect API key "
                        + "provided: " + KEY + ".\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
        Cli.Result result = run(FakeOpenAi.baseUrl(server));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.AUTHENTICATION);
        assertThat(result.err()).contains("Incorrect API key provided: ***.").contains("[DEBUG] wire - --> #1 POST ")
                .contains("api-key=***").contains("AuthenticationException");
        assertNoKey(result);
    }

    @Test
    void aServerErrorRetriedUntilTheRetriesAreSpent() throws Exception {
        server.stubFor(post(urlPathEqualTo(FakeOpenAi.PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("retry-after-ms", "1").withBody("upstream rejected key " + KEY)));
        Cli.Result result = run(FakeOpenAi.baseUrl(server));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).contains("upstream rejected key ***").contains("retry 2 of 2");
        assertNoKey(result);
    }

    @Test
    void aConnectionResetByTheServer() throws Exception {
        server.stubFor(post(urlPathEqualTo(FakeOpenAi.PATH)).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Cli.Result result = run(FakeOpenAi.baseUrl(server));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).contains("Cannot reach the model server at " + FakeOpenAi.baseUrl(server)
                + "/chat/completions?api-key=***");
        assertNoKey(result);
    }

    @Test
    void aServerThatIsNotThere() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Cli.Result result = run("http://127.0.0.1:" + port + "/v1");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).contains("Cannot reach the model server at http://127.0.0.1:" + port
                + "/v1/chat/completions?api-key=***").contains("ConnectException");
        assertNoKey(result);
    }
}
