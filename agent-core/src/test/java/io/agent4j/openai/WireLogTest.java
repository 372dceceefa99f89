package io.agent4j.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ImagePart;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.TextPart;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.AuthenticationException;
import io.agent4j.errors.ModelConnectionException;
import io.agent4j.testing.ChatServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wire log: logger {@code io.agent4j.openai.wire} at DEBUG shows each exchange with the server
 * (method, URL, status, timing, bodies) through a real SLF4J binding (slf4j-simple, writing to
 * {@code System.err}, configured by the tests' {@code simplelogger.properties}). Message contents
 * are hidden unless the model is built with {@code logContents(true)}; the key, the
 * {@code Authorization} header and a base URL's password never appear.
 */
class WireLogTest {

    /** A key of 32 hex characters, the shape of an Azure OpenAI key, which looks like no OpenAI key. */
    private static final String HEX_KEY = "9f86d081884c7d659a2feaa0c55ad015";

    private static final String SYSTEM = "SYSTEM-words-of-the-instructions";
    private static final String QUESTION = "USER-words-of-the-question";
    private static final String ARGUMENTS = "{\"city\":\"ARGUMENT-words\"}";
    private static final String RESULT = "TOOL-words-of-the-result";
    private static final String ANSWER = "ANSWER-words-of-the-model";

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static final ChatRequest CONVERSATION = new ChatRequest(List.of(new SystemMessage(SYSTEM),
            new UserMessage(List.of(new TextPart(QUESTION), ImagePart.url(java.net.URI.create("https://example.com/IMAGE-url.png")))),
            new AssistantMessage(null, List.of(new ToolCall("call_1", "weather", ARGUMENTS))),
            new ToolMessage("call_1", "weather", RESULT)), List.of());

    private OpenAiChatModel.Builder model() {
        return ChatServer.model(server).apiKey(HEX_KEY);
    }

    /** What the binding printed while {@code call} ran. */
    private static String logged(Runnable call) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            call.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** The lines of the wire logger. */
    private static List<String> wire(String logs) {
        return logs.lines().filter(line -> line.contains(OpenAiChatModel.WIRE_LOGGER)).toList();
    }

    @Test
    void eachExchangeIsLoggedAtDebugWithMethodUrlStatusAndTiming() {
        ChatServer.script(server, ChatServer.answer(ANSWER).withHeader("x-request-id", "req_42"));
        OpenAiChatModel model = model().build();

        List<String> lines = wire(logged(() -> model.chat(CONVERSATION)));

        String url = ChatServer.baseUrl(server) + "/chat/completions";
        assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).contains("DEBUG " + OpenAiChatModel.WIRE_LOGGER + " - "));
        assertThat(lines.get(0)).contains("--> #").contains("POST " + url).contains("\"model\":\"gpt-4o-mini\"")
                .contains("\"role\":\"system\"").contains("\"tool_call_id\":\"call_1\"").contains("\"name\":\"weather\"");
        assertThat(lines.get(1)).containsPattern("<-- #\\d+ 200 POST " + java.util.regex.Pattern.quote(url)
                + " \\(\\d+ ms, request id req_42\\)");
        assertThat(lines.get(2)).containsPattern("<-- #\\d+ body of 200 \\(\\d+ bytes, \\d+ ms in all\\)")
                .contains("\"finish_reason\":\"stop\"").contains("\"prompt_tokens\"");
    }

    @Test
    void messageContentsAreHiddenByDefault() {
        ChatServer.script(server, ChatServer.answer(ANSWER));
        OpenAiChatModel model = model().build();

        String logs = logged(() -> model.chat(CONVERSATION));

        assertThat(wire(logs)).isNotEmpty();
        assertThat(logs).doesNotContain(SYSTEM).doesNotContain(QUESTION).doesNotContain("ARGUMENT-words")
                .doesNotContain(RESULT).doesNotContain(ANSWER).doesNotContain("IMAGE-url")
                .contains("\"content\":\"<" + SYSTEM.length() + " chars>\"")
                .contains("\"arguments\":\"<" + ARGUMENTS.length() + " chars>\"")
                .contains("\"content\":\"<" + ANSWER.length() + " chars>\"");
    }

    @Test
    void streamedContentsAreHiddenByDefault() {
        ChatServer.script(server, Sse.stream(Sse.events(Sse.text("ANSWER-piece-one"), Sse.text("ANSWER-piece-two"),
                Sse.toolDelta(0, "call_2", "weather", "{\"city\":\"STREAMED-argument\"}"), Sse.finish("stop"),
                Sse.usage(10, 5, 15))));
        OpenAiChatModel model = model().build();
        StringBuilder shown = new StringBuilder();

        String logs = logged(() -> model.stream(CONVERSATION, shown::append, io.agent4j.chat.Cancellation.NEVER));

        assertThat(shown.toString()).isEqualTo("ANSWER-piece-oneANSWER-piece-two");
        List<String> lines = wire(logs);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).contains("data: {").contains("data: [DONE]").contains("\"finish_reason\":\"stop\"")
                .contains("\"total_tokens\":15").contains("\"name\":\"weather\"");
        assertThat(logs).doesNotContain("ANSWER-piece").doesNotContain("STREAMED-argument").doesNotContain(QUESTION);
    }

    @Test
    void logContentsShowsThemButNeverTheKey() {
        ChatServer.script(server, ChatServer.answer(ANSWER));
        OpenAiChatModel model = model().logContents(true).build();

        String logs = logged(() -> model.chat(CONVERSATION));

        assertThat(wire(logs)).hasSize(3);
        assertThat(logs).contains(SYSTEM).contains(QUESTION).contains("ARGUMENT-words").contains(RESULT)
                .contains(ANSWER).contains("IMAGE-url");
        assertThat(logs).doesNotContain(HEX_KEY).doesNotContain("Authorization").doesNotContain("Bearer");
    }

    @Test
    void theKeyNeverAppearsNotEvenWhenTheServerEchoesIt() {
        String echoed = "{\"error\":{\"message\":\"Incorrect API key provided: " + HEX_KEY + ".\",\"type\":"
                + "\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
        ChatServer.script(server, aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody(echoed));
        for (boolean contents : new boolean[] {false, true}) {
            server.resetRequests();
            OpenAiChatModel model = model().logContents(contents).build();
            Throwable[] thrown = new Throwable[1];

            String logs = logged(() -> thrown[0] = catchThrowable(() -> model.chat(CONVERSATION)));

            assertThat(thrown[0]).isInstanceOf(AuthenticationException.class);
            assertThat(wire(logs)).hasSize(3);
            assertThat(wire(logs).get(1)).contains("<-- #").contains(" 401 ");
            assertThat(logs).contains("Incorrect API key provided: ***").doesNotContain(HEX_KEY)
                    .doesNotContain(HEX_KEY.substring(0, 12)).doesNotContain("Authorization")
                    .doesNotContain("Bearer");
        }
    }

    @Test
    void theUserAndPasswordOfTheBaseUrlNeverAppear() {
        ChatServer.script(server, ChatServer.answer(ANSWER));
        String withCredentials = ChatServer.baseUrl(server).replace("http://", "http://alice:PASSWORD-of-alice@");
        OpenAiChatModel model = model().baseUrl(withCredentials).build();

        String logs = logged(() -> model.chat(CONVERSATION));

        assertThat(wire(logs)).hasSize(3);
        assertThat(logs).doesNotContain("PASSWORD-of-alice").doesNotContain("alice").contains("http://***@127.0.0.1");
    }

    @Test
    void aCallThatFailsIsLoggedWithWhatFailed() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        OpenAiChatModel model = OpenAiChatModel.builder().apiKey(HEX_KEY).baseUrl("http://127.0.0.1:" + closed + "/v1")
                .maxRetries(0).connectTimeout(Duration.ofSeconds(2)).build();
        Throwable[] thrown = new Throwable[1];

        String logs = logged(() -> thrown[0] = catchThrowable(() -> model.chat(CONVERSATION)));

        assertThat(thrown[0]).isInstanceOf(ModelConnectionException.class);
        assertThat(wire(logs)).hasSize(2);
        assertThat(wire(logs).get(1)).containsPattern("<-- #\\d+ failed POST http://127.0.0.1:" + closed
                + "/v1/chat/completions after \\d+ ms: ConnectException");
        assertThat(logs).doesNotContain(HEX_KEY).doesNotContain(QUESTION);
    }

    @Test
    void aBodyThatIsNotJsonIsShownOnlyWithLogContents() {
        ChatServer.script(server, aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html>PROXY-page for " + HEX_KEY + "</html>"));
        for (boolean contents : new boolean[] {false, true}) {
            server.resetRequests();
            OpenAiChatModel model = model().maxRetries(0).logContents(contents).build();

            String logs = logged(() -> catchThrowable(() -> model.chat(CONVERSATION)));

            assertThat(wire(logs)).hasSize(3);
            if (contents) {
                assertThat(wire(logs).get(2)).contains("<html>PROXY-page for ***</html>");
            } else {
                assertThat(wire(logs).get(2)).endsWith("(text/html, not JSON; not shown without logContents)");
            }
            assertThat(logs).doesNotContain(HEX_KEY);
        }
    }

    @Test
    void aBodyLargerThanTheLogKeepsIsShownOnlyBySize() {
        String large = "x".repeat(1536 * 1024);
        ChatServer.script(server, ChatServer.answer(large));
        OpenAiChatModel model = model().build();

        String logs = logged(() -> assertThat(model.chat(CONVERSATION).message().content()).isEqualTo(large));

        assertThat(wire(logs).get(2)).containsPattern("body of 200 \\(\\d{7} bytes, ")
                .endsWith("(more than the 1 MiB the log keeps; not shown without logContents)");
        assertThat(logs).doesNotContain("xxxx");
    }

    @Test
    void eachRetryIsAnExchangeOfItsOwn() {
        ChatServer.script(server, aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"busy\"}}"),
                ChatServer.answer(ANSWER));
        OpenAiChatModel model = model().build();

        List<String> lines = wire(logged(() -> model.chat(CONVERSATION)));

        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).contains(" 503 ");
        assertThat(lines.get(4)).contains(" 200 ");
        assertThat(lines.get(0).replaceAll("#\\d+", "#")).isEqualTo(lines.get(3).replaceAll("#\\d+", "#"));
    }
}
