package io.agent4j.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.Retry;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.AuthenticationException;
import io.agent4j.errors.ModelConnectionException;
import io.agent4j.errors.ModelTimeoutException;
import io.agent4j.errors.RateLimitException;
import io.agent4j.errors.ServerException;
import io.agent4j.replay.RecordingChatModel;
import io.agent4j.testing.ChatServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A key of 32 hex characters, as Azure OpenAI hands out, which no pattern of a key's shape finds:
 * only the redaction of the configured key hides it. It is sent as the {@code Authorization}
 * header and also stands in the base URL's query ({@code ?api-key=...}, as some gateways want
 * it), so that every path that shows the endpoint (each connection failure, each retry line, the
 * wire log, {@code toString}) has it to hide, besides whatever the server echoes. On every error
 * path the key is in no exception message, cause, stack trace, {@code toString}, DEBUG or WARN log
 * line, retry notice or recording.
 */
class KeyOnEveryErrorPathTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    @TempDir
    Path dir;

    static final String KEY = "3f9a0c6e1b7d4e2a8c5f0b9d6e3a1c7f";
    private static final ChatRequest HELLO = new ChatRequest(List.of(new UserMessage("Hello")), List.of());
    private static final String ECHO = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ".\","
            + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";

    private final List<Retry> retries = new CopyOnWriteArrayList<>();

    private OpenAiChatModel.Builder model(String baseUrl) {
        return OpenAiChatModel.builder().apiKey(KEY).baseUrl(baseUrl + "?api-key=" + KEY).maxRetries(2)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).onRetry(retries::add);
    }

    private OpenAiChatModel model() {
        return model(ChatServer.baseUrl(server)).build();
    }

    /** Serves these responses in order whatever the query; the last repeats. */
    private static void script(ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "step-" + i;
            server.stubFor(post(urlPathEqualTo(ChatServer.PATH)).inScenario("chat").whenScenarioStateIs(state)
                    .willReturn(responses[i]).willSetStateTo(i + 1 < responses.length ? "step-" + (i + 1) : state));
        }
    }


    /** Runs {@code call}, capturing the log (System.err, at DEBUG for io.agent4j) meanwhile; it must fail. */
    private static CapturedFailure failure(Callable<?> call) {
        CapturedFailure failure = CapturedFailure.of(call);
        assertThat(failure.thrown()).as("the call failed").isNotNull();
        return failure;
    }

    /** Neither the key nor any 12 characters of it in anything shown of the failure or of {@code shown}. */
    private void assertNoKey(CapturedFailure failure, Object... shown) {
        StringWriter trace = new StringWriter();
        failure.thrown().printStackTrace(new PrintWriter(trace));
        List<String> texts = new ArrayList<>(List.of(trace.toString(), failure.logs(), retries.toString()));
        for (Throwable t = failure.thrown(); t != null; t = t.getCause()) {
            texts.add(String.valueOf(t.getMessage()));
            texts.add(t.toString());
        }
        for (Object each : shown) {
            texts.add(String.valueOf(each));
        }
        for (String text : texts) {
            for (int i = 0; i + 12 <= KEY.length(); i++) {
                assertThat(text).doesNotContain(KEY.substring(i, i + 12));
            }
        }
    }

    @Test
    void aRejectedKeyThatTheServerEchoes() {
        script(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(ECHO));
        OpenAiChatModel model = model();
        CapturedFailure failure = failure(() -> model.chat(HELLO));
        assertThat(failure.thrown()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Incorrect API key provided: ***.");
        assertThat(failure.logs()).contains("POST http://127.0.0.1:" + server.getPort()
                + "/v1/chat/completions?api-key=***").contains("<-- #").contains(" 401 ");
        assertNoKey(failure, model, model.endpoint());
    }

    @Test
    void aRequestIdThatEchoesTheKey() {
        script(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "req_" + KEY).withBody(ECHO));
        CapturedFailure failure = failure(() -> model().chat(HELLO));
        assertThat(failure.thrown()).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.requestId()).isEqualTo("req_***"));
        assertNoKey(failure, ((AuthenticationException) failure.thrown()).requestId());
    }

    @Test
    void aRateLimitThatIsRetriedAndThenGivenUp() {
        script(aResponse().withStatus(429).withHeader("retry-after-ms", "1").withBody(ECHO.replace("invalid_api_key",
                "rate_limit_exceeded")));
        OpenAiChatModel model = model();
        CapturedFailure failure = failure(() -> model.chat(HELLO));
        assertThat(failure.thrown()).isInstanceOf(RateLimitException.class);
        assertThat(retries).hasSize(2);
        assertThat(failure.logs()).contains("retry 2 of 2");
        assertNoKey(failure, model);
    }

    @Test
    void aRateLimitWhoseWaitIsTooLongToRetry() {
        script(aResponse().withStatus(429).withHeader("retry-after", "3600").withBody(ECHO.replace("invalid_api_key",
                "rate_limit_exceeded")));
        CapturedFailure failure = failure(() -> model().chat(HELLO));
        assertThat(failure.thrown()).isInstanceOf(RateLimitException.class)
                .hasMessageContaining("The server asks to wait 3600 s");
        assertThat(retries).isEmpty();
        assertNoKey(failure);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void aServerErrorPageThatEchoesTheKey(int status) {
        script(aResponse().withStatus(status).withHeader("Content-Type", "text/html")
                .withBody("<html><body>upstream refused key " + KEY + "</body></html>"));
        CapturedFailure failure = failure(() -> model().chat(HELLO));
        assertThat(failure.thrown()).isInstanceOf(ServerException.class).hasMessageContaining("upstream refused key ***");
        assertThat(retries).hasSize(2);
        assertNoKey(failure);
    }

    @ParameterizedTest
    @ValueSource(strings = {KEY + " is not JSON", "{\"id\":\"" + KEY + "\"}", "{\"choices\":[{\"finish_reason\":\""
            + KEY + "\"}]}"})
    void aSuccessBodyThatIsNoAnswer(String body) {
        script(ChatServer.json(body));
        CapturedFailure failure = failure(() -> model().chat(HELLO));
        assertThat(failure.thrown()).isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("The model server at http://127.0.0.1:" + server.getPort()
                        + "/v1/chat/completions?api-key=*** answered");
        assertNoKey(failure);
    }

    @Test
    void aStreamChunkThatIsNotJson() {
        script(Sse.stream(Sse.eventsWithoutDone(Sse.text("Hi"), KEY)));
        CapturedFailure failure = failure(() -> model().stream(HELLO, delta -> { }, new Cancellation()));
        assertThat(failure.thrown()).isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("chunk 2 is not JSON");
        assertNoKey(failure);
    }

    @Test
    void aConnectionRefused() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        OpenAiChatModel model = model("http://127.0.0.1:" + port + "/v1").build();
        CapturedFailure failure = failure(() -> model.chat(HELLO));
        assertThat(failure.thrown()).isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("Cannot reach the model server at http://127.0.0.1:" + port
                        + "/v1/chat/completions?api-key=***").hasMessageContaining("after 3 attempt(s)");
        assertThat(failure.logs()).contains("retry 1 of 2");
        assertNoKey(failure, model);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aConnectionThatBreaks(Fault fault) {
        script(aResponse().withFault(fault));
        CapturedFailure failure = failure(() -> model().chat(HELLO));
        assertThat(failure.thrown()).isInstanceOf(ModelConnectionException.class).hasMessageContaining("api-key=***");
        assertThat(retries).hasSize(2);
        assertNoKey(failure);
    }

    @Test
    void aServerThatDoesNotAnswerInTime() {
        script(aResponse().withFixedDelay(10_000).withBody("late"));
        OpenAiChatModel model = model(ChatServer.baseUrl(server)).maxRetries(1).readTimeout(Duration.ofMillis(200))
                .build();
        CapturedFailure failure = failure(() -> model.chat(HELLO));
        assertThat(failure.thrown()).isInstanceOf(ModelTimeoutException.class)
                .hasMessageContaining("did not answer in time").hasMessageContaining("api-key=***");
        assertNoKey(failure, model);
    }

    @Test
    void aStreamThatStallsAfterAChunkEchoingTheKey() throws Exception {
        // the wire log shows the chunk's id (not a message content) when the timeout closes the body
        String chunk = "{\"id\":\"" + KEY + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"Hi\"}}]}";
        LoopbackServer[] holder = new LoopbackServer[1];
        try (LoopbackServer loopback = new LoopbackServer(out -> {
            LoopbackServer.head(out, 200, "text/event-stream");
            LoopbackServer.write(out, "data: " + chunk + "\n\n");
            holder[0].awaitClose(); // the stall under test: the client's read timeout ends it
        })) {
            holder[0] = loopback;
            OpenAiChatModel model = model(loopback.baseUrl()).maxRetries(0).readTimeout(Duration.ofMillis(300))
                    .build();
            CapturedFailure failure = failure(() -> model.stream(HELLO, delta -> { }, new Cancellation()));
            assertThat(failure.thrown()).isInstanceOf(ModelConnectionException.class);
            assertThat(failure.logs()).contains("\"id\":\"***\"");
            assertNoKey(failure, model);
        }
    }

    @Test
    void anUnknownHost() {
        OkHttpClient noSuchHost = new OkHttpClient.Builder().dns(host -> {
            throw new UnknownHostException(host + ": Name or service not known");
        }).build();
        OpenAiChatModel model = model("http://models.example.invalid/v1").httpClient(noSuchHost).build();
        CapturedFailure failure = failure(() -> model.chat(HELLO));
        assertThat(failure.thrown()).isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("Cannot reach the model server at http://models.example.invalid/v1/chat/"
                        + "completions?api-key=*** (UnknownHostException: models.example.invalid: Name or service "
                        + "not known)");
        assertNoKey(failure, model);
    }

    @Test
    void aBaseUrlThatDoesNotParse() {
        CapturedFailure failure = failure(() -> model("htp://127.0.0.1/v1").build());
        assertThat(failure.thrown()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("htp://127.0.0.1/v1?api-key=***");
        assertNoKey(failure);
    }

    @Test
    void aRecordingOfASessionThatThenFails() throws Exception {
        script(ChatServer.answer("Hi."), aResponse().withStatus(401).withBody(ECHO));
        Path file = dir.resolve("session.json");
        RecordingChatModel recording = new RecordingChatModel(model(), file);
        recording.chat(HELLO);
        CapturedFailure failure = failure(() -> recording.chat(HELLO));
        assertThat(failure.thrown()).isInstanceOf(AuthenticationException.class);
        assertThat(recording.exchanges()).hasSize(1);
        assertNoKey(failure, recording, Files.readString(file));
    }
}
