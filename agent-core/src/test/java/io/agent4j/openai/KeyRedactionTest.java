package io.agent4j.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.agent4j.openai.Sse.eventsWithoutDone;
import static io.agent4j.openai.Sse.text;
import static io.agent4j.testing.ChatServer.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.Retry;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.AuthenticationException;
import io.agent4j.errors.ModelApiException;
import io.agent4j.errors.ModelConnectionException;
import io.agent4j.errors.NotFoundException;
import io.agent4j.errors.ServerException;
import io.agent4j.testing.ChatServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The key never appears in an exception (its message, its causes' messages, its stack trace), a log
 * line or a retry notice, whatever the server echoes and wherever: an error body, a page that is not
 * JSON, a 200 body or a stream chunk that is not JSON, an error chunk in the middle of a stream, a
 * redirect's {@code Location}, a status line that is not HTTP. Each path is tried with a key of each
 * shape; the Azure shapes are caught by nothing but the redaction of the configured key.
 */
class KeyRedactionTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static final ChatRequest HELLO = new ChatRequest(List.of(new UserMessage("Hello")), List.of());

    /** The shapes of keys providers hand out. */
    enum Shape {
        OPENAI("sk-Vq3ZtL8mW2xR7nB4cK9pH6dF1sJ5gT0yUeA3oI8wQ2rE7tYu"),
        PROJECT("sk-proj-Xb7_Kq2-Lm9vN4cR8tW1zH6jF3sD0gY5uP-eA2oI7wQ_4rE9tYuBnM3"),
        AZURE_HEX("3f9a0c6e1b7d4e2a8c5f0b9d6e3a1c7f"),
        LETTERS_AND_DIGITS("Q7mZ2xR9tL4vB8nK1cW6pH3dF0sJ5gTyUeA2oI");

        final String key;

        Shape(String key) {
            this.key = key;
        }
    }

    private final List<Retry> retries = new CopyOnWriteArrayList<>();

    private OpenAiChatModel model(Shape shape) {
        return ChatServer.model(server).apiKey(shape.key).onRetry(retries::add).build();
    }



    /**
     * Neither the key nor any 12 characters of it in the exception, its causes and their stack
     * traces, the logs or the retry notices.
     */
    private void assertNoKey(CapturedFailure failure, Shape shape) {
        assertThat(failure.thrown()).isNotNull();
        StringWriter trace = new StringWriter();
        failure.thrown().printStackTrace(new PrintWriter(trace));
        List<String> texts = new ArrayList<>(List.of(trace.toString(), failure.logs(), retries.toString()));
        for (Throwable t = failure.thrown(); t != null; t = t.getCause()) {
            texts.add(String.valueOf(t.getMessage()));
        }
        for (String text : texts) {
            for (int i = 0; i + 12 <= shape.key.length(); i++) {
                assertThat(text).doesNotContain(shape.key.substring(i, i + 12));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void anErrorBodyEchoingTheKeyIsRedactedInTheExceptionTheLogsAndTheRetries(Shape shape) {
        String echoed = "{\"error\":{\"message\":\"Incorrect API key provided: " + shape.key + ".\","
                + "\"code\":\"invalid_api_key\"}}";
        script(server, aResponse().withStatus(500).withBody(echoed), aResponse().withStatus(401).withBody(echoed));
        CapturedFailure failure = CapturedFailure.of(() -> model(shape).chat(HELLO));
        assertThat(failure.thrown()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Incorrect API key provided: ");
        assertThat(failure.logs()).contains("retry 1 of 2");
        assertNoKey(failure, shape);
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void anHtmlErrorPageEchoingTheKeyIsRedacted(Shape shape) {
        script(server, aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><title>Bad key " + shape.key + "</title></html>"));
        CapturedFailure failure = CapturedFailure.of(() -> model(shape).chat(HELLO));
        assertThat(failure.thrown()).isInstanceOf(ServerException.class).hasMessageContaining("Bad key ***");
        assertNoKey(failure, shape);
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void aSuccessBodyThatIsNotJsonIsRedactedAndSoIsTheParsersMessageInTheCause(Shape shape) {
        // the JSON parser quotes the token it could not read: a key of letters and digits whole
        script(server, ChatServer.json(shape.key + " is not a valid key"));
        CapturedFailure failure = CapturedFailure.of(() -> model(shape).chat(HELLO));
        assertThat(failure.thrown()).isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("not JSON").hasCauseInstanceOf(Exception.class);
        assertNoKey(failure, shape);
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void aStreamChunkThatIsNotJsonIsRedacted(Shape shape) {
        script(server, Sse.stream(eventsWithoutDone(text("Hi"), shape.key)));
        CapturedFailure failure = CapturedFailure.of(() -> model(shape).stream(HELLO, delta -> { }, new Cancellation()));
        assertThat(failure.thrown()).isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("chunk 2 is not JSON");
        assertNoKey(failure, shape);
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void anErrorChunkInTheMiddleOfAStreamIsRedacted(Shape shape) {
        script(server, Sse.stream(eventsWithoutDone(text("Hi"),
                "{\"error\":{\"message\":\"Incorrect API key provided: " + shape.key + "\",\"type\":\"invalid_request_error\"}}")));
        CapturedFailure failure = CapturedFailure.of(() -> model(shape).stream(HELLO, delta -> { }, new Cancellation()));
        // an invalid_request_error event is typed as a 400 would be
        assertThat(failure.thrown()).isExactlyInstanceOf(io.agent4j.errors.BadRequestException.class)
                .hasMessageContaining("Incorrect API key provided: ***");
        assertNoKey(failure, shape);
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void aRedirectsLocationIsRedacted(Shape shape) {
        script(server, aResponse().withStatus(307)
                .withHeader("Location", "https://elsewhere.example/v1/chat/completions?api-key=" + shape.key));
        CapturedFailure failure = CapturedFailure.of(() -> model(shape).chat(HELLO));
        assertThat(failure.thrown()).isInstanceOf(ModelApiException.class)
                .hasMessageContaining("https://elsewhere.example/v1/chat/completions?api-key=***");
        assertNoKey(failure, shape);
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void aStatusLineThatIsNotHttpIsRedactedInTheRetriesTheLogsAndTheCause(Shape shape) throws Exception {
        // OkHttp's ProtocolException quotes the line: it is the cause of the final exception
        try (LoopbackServer loopback = new LoopbackServer(out -> LoopbackServer.write(out, shape.key + " 200\r\n\r\n"))) {
            OpenAiChatModel model = OpenAiChatModel.builder().apiKey(shape.key).baseUrl(loopback.baseUrl())
                    .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).onRetry(retries::add).build();
            CapturedFailure failure = CapturedFailure.of(() -> model.chat(HELLO));
            assertThat(failure.thrown()).isExactlyInstanceOf(ModelConnectionException.class)
                    .hasMessageContaining("3 attempt(s)").hasMessageContaining("***");
            assertThat(retries).hasSize(2);
            assertNoKey(failure, shape);
        }
    }

    @Test
    void theConfiguredKeyIsRedactedWhereverItStandsInAMessage() {
        // glued to other letters, so that no pattern of a key's shape could find it
        Shape shape = Shape.AZURE_HEX;
        script(server, aResponse().withStatus(400).withBody("{\"error\":{\"message\":\"token=x" + shape.key + "y\"}}"));
        CapturedFailure failure = CapturedFailure.of(() -> model(shape).chat(HELLO));
        assertThat(failure.thrown()).hasMessageContaining("token=x***y");
        assertNoKey(failure, shape);
    }

    @Test
    void credentialsInTheBaseUrlAreNeverShown() {
        String password = "s3cr3t-Passw0rd";
        String baseUrl = "http://agent4j-user:" + password + "@127.0.0.1:" + server.getPort() + "/v1";
        script(server, aResponse().withStatus(404).withBody("{\"error\":{\"message\":\"no such model; you sent "
                + baseUrl + "\"}}"));
        OpenAiChatModel model = ChatServer.model(server).baseUrl(baseUrl).build();
        CapturedFailure failure = CapturedFailure.of(() -> model.chat(HELLO));
        String shown = "http://***@127.0.0.1:" + server.getPort() + "/v1";
        assertThat(model.endpoint()).isEqualTo(shown + "/chat/completions");
        assertThat(model.toString()).contains(shown).doesNotContain(password).doesNotContain("agent4j-user");
        assertThat(failure.thrown()).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("The model server at " + shown + "/chat/completions")
                .hasMessageContaining("you sent " + shown);
        assertThat(failure.logs()).contains("POST " + shown);
        for (String text : List.of(failure.thrown().getMessage(), failure.logs())) {
            assertThat(text).doesNotContain(password).doesNotContain("agent4j-user");
        }
    }

    @Test
    void credentialsInTheBaseUrlAreNotShownWhenTheServerCannotBeReached() {
        OpenAiChatModel model = OpenAiChatModel.builder().apiKey(ChatServer.KEY)
                .baseUrl("http://me:hunter2-hunter2@127.0.0.1:1/v1").maxRetries(0).build();
        CapturedFailure failure = CapturedFailure.of(() -> model.chat(HELLO));
        assertThat(failure.thrown()).isInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("http://***@127.0.0.1:1/v1/chat/completions");
        assertThat(failure.thrown().getMessage()).doesNotContain("hunter2").doesNotContain("me:");
    }

    @Test
    void aBaseUrlThatDoesNotParseIsNotEchoedWithItsCredentials() {
        Throwable thrown = catchThrowable(() -> OpenAiChatModel.builder().apiKey(ChatServer.KEY)
                .baseUrl("htp://me:hunter2-hunter2@host/v1").build());
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("htp://***@host/v1");
        assertThat(thrown.getMessage()).doesNotContain("hunter2");
    }
}
