package io.agent4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.agent4j.examples.CalcSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --otlp-endpoint} in a separate process: the run's spans are sent as OTLP/HTTP protobuf to
 * a collector on loopback (WireMock, taking {@code POST /v1/traces}) before the process exits; a
 * collector that refuses them or is not there is one warning line, and the run's exit code stays.
 */
class OtlpEndpointProcessTest {

    @RegisterExtension
    static WireMockExtension collector = FakeOpenAi.extension();

    private static final String SESSION = CalcSession.SHIPPED.toString();

    @TempDir
    Path dir;

    private Cli.Result run(String endpoint, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--example", "calc", "--replay", SESSION,
                "--otlp-endpoint", endpoint));
        args.addAll(List.of(more));
        return CliProcess.run(dir, args.toArray(String[]::new));
    }

    /** The bytes of the spans the collector was sent, as text: protobuf keeps strings as they are. */
    private static String received() {
        return collector.findAll(postRequestedFor(urlEqualTo("/v1/traces"))).stream().map(LoggedRequest::getBody)
                .map(body -> new String(body, StandardCharsets.ISO_8859_1)).reduce("", String::concat);
    }

    @Test
    void theSpansOfTheRunArePostedToTheCollector() throws Exception {
        collector.stubFor(post("/v1/traces").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-protobuf")));

        Cli.Result result = run(collector.baseUrl());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).doesNotContain("agent4j: warning");
        List<LoggedRequest> posts = collector.findAll(postRequestedFor(urlEqualTo("/v1/traces")));
        assertThat(posts).isNotEmpty().allSatisfy(post -> assertThat(post.getHeader("Content-Type"))
                .isEqualTo("application/x-protobuf"));
        assertThat(received()).contains("invoke_agent calc", "execute_tool evaluate", "execute_tool convert",
                "gen_ai.operation.name", "chat", "service.name", "agent4j");
    }

    @Test
    void theWholeUrlOfTracesIsTakenAsItIsAndTheFileIsWrittenBeside() throws Exception {
        collector.stubFor(post("/v1/traces").willReturn(aResponse().withStatus(200)));
        Path file = dir.resolve("run.json");

        Cli.Result result = run(collector.baseUrl() + "/v1/traces", "--trace-file", file.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(received()).contains("invoke_agent calc");
        assertThat(TraceFileProcessTest.spans(file)).hasSize(5);
    }

    @Test
    void aCollectorThatRefusesTheSpansIsAWarningAndTheExitCodeStays() throws Exception {
        collector.stubFor(post("/v1/traces").willReturn(aResponse().withStatus(400).withBody("bad request")));

        Cli.Result result = run(collector.baseUrl());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo(CalcSession.ANSWER + System.lineSeparator());
        assertThat(result.err().lines().toList()).last().asString()
                .startsWith("agent4j: warning: the trace could not be sent to " + collector.baseUrl() + "/v1/traces: ");
    }

    @Test
    void aCollectorThatIsNotThereIsAWarningAndTheExitCodeOfTheRunStays() throws Exception {
        Cli.Result result = run("http://127.0.0.1:9", "--max-steps", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.MAX_STEPS);
        assertThat(result.err().lines().toList()).last().asString()
                .startsWith("agent4j: warning: the trace could not be sent to http://127.0.0.1:9/v1/traces: ");
    }

    @Test
    void anEndpointThatIsNoHttpUrlIsAUsageError() throws Exception {
        Cli.Result result = run("localhost:4318");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).containsExactly("agent4j: --otlp-endpoint localhost:4318: must be "
                + "an http:// or https:// URL, the collector's OTLP/HTTP address, such as http://localhost:4318 (see "
                + "'agent4j run --help')");
    }
}
