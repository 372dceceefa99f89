package io.agent4j.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.fixture;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.resource;
import static io.agent4j.testing.ChatServer.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.Retry;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.AuthenticationException;
import io.agent4j.errors.BadRequestException;
import io.agent4j.errors.ModelApiException;
import io.agent4j.errors.ModelConnectionException;
import io.agent4j.errors.ModelTimeoutException;
import io.agent4j.errors.NotFoundException;
import io.agent4j.errors.PermissionDeniedException;
import io.agent4j.errors.QuotaExceededException;
import io.agent4j.errors.RateLimitException;
import io.agent4j.errors.ServerException;
import io.agent4j.testing.ChatServer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * What the client does when the server or the network misbehaves, one case per test. Each asserts
 * the outcome and that nothing was lost: after retries the response is complete and equal to what
 * a first-time success gives; on failure no partial response escapes and the typed exception
 * carries status, type, code and request id. Retry waits are measured with a fake {@link
 * io.agent4j.openai.internal.Sleeper} that records the delays instead of sleeping.
 */
class FaultMatrixTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static final ChatRequest HELLO = new ChatRequest(List.of(new UserMessage("Hello")), List.of());
    private static final String COMPLETE = "openai/recorded/tool-calls-parallel.json";

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    /** A model with the fake clock: retries do not sleep, their delays are recorded in {@link #waits}. */
    private OpenAiChatModel.Builder model() {
        return ChatServer.model(server).sleeper(waits::add);
    }

    private static ResponseDefinitionBuilder error(int status, String type, String code, String param,
            String message) {
        String body = "{\"error\":{\"message\":\"" + message + "\",\"type\":" + quoted(type) + ",\"param\":"
                + quoted(param) + ",\"code\":" + quoted(code) + "}}";
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "req_" + status).withBody(body);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static ResponseDefinitionBuilder rateLimited() {
        return error(429, "requests", "rate_limit_exceeded", null, "Rate limit reached for gpt-4o-mini");
    }

    /** The response the recorded fixture gives when it arrives at the first attempt: nothing may be missing. */
    private static void assertComplete(ChatResponse response) {
        assertThat(response.message().content()).isNull();
        assertThat(response.message().toolCalls()).containsExactly(
                new ToolCall("call_JpNb8OiAkbIbHzDggfpdDHpi", "get_current_weather", "{\"location\": \"Seattle, WA\"}"),
                new ToolCall("call_vaFQc3zK6hHTRZKXRI5Eo2cJ", "get_current_weather",
                        "{\"location\": \"San Francisco, CA\"}"));
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.usage()).isEqualTo(Usage.of(75, 51));
        assertThat(response.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    }

    /** Every retry resends the identical body. */
    private static void assertSameBodySent(int times) {
        List<JsonNode> sent = requests(server);
        assertThat(sent).hasSize(times);
        assertThat(sent).allSatisfy(body -> assertThat(body).isEqualTo(sent.get(0)));
    }

    // ---------------------------------------------------------------- waits the server asks for

    @Test
    void retryAfterSecondsIsHonoured() {
        script(server, rateLimited().withHeader("retry-after", "7"), fixture(COMPLETE));
        assertComplete(model().build().chat(HELLO));
        // the fake sleeper was asked for the server's wait, and no other wait happened
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertSameBodySent(2);
    }

    @Test
    void retryAfterMsIsHonouredAndWinsOverRetryAfter() {
        script(server, rateLimited().withHeader("retry-after-ms", "1500"),
                rateLimited().withHeader("retry-after-ms", "250").withHeader("retry-after", "9"), fixture(COMPLETE));
        assertComplete(model().build().chat(HELLO));
        assertThat(waits).containsExactly(Duration.ofMillis(1500), Duration.ofMillis(250));
        assertSameBodySent(3);
    }

    @Test
    void everyRetryIsToldToTheListenerBeforeTheWaitEvenIfTheListenerThrows() {
        script(server, rateLimited().withHeader("retry-after-ms", "1500"),
                aResponse().withStatus(503).withBody("{}"), fixture(COMPLETE));
        List<Retry> retries = new ArrayList<>();
        assertComplete(model().onRetry(retry -> {
            assertThat(waits).hasSize(retries.size());
            retries.add(retry);
            throw new IllegalStateException("a broken listener changes nothing");
        }).build().chat(HELLO));
        assertThat(retries).hasSize(2);
        assertThat(retries.get(0)).isEqualTo(new Retry(1, 2, "HTTP 429", Duration.ofMillis(1500)));
        assertThat(retries.get(1)).isEqualTo(new Retry(2, 2, "HTTP 503", waits.get(1)));
        assertSameBodySent(3);
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
        script(server, rateLimited().withHeader("retry-after", in30s), fixture(COMPLETE));
        assertComplete(model().build().chat(HELLO));
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(30));
        assertSameBodySent(2);
    }

    @Test
    void aWaitOfSixtySecondsIsStillWaited() {
        script(server, rateLimited().withHeader("retry-after", "60"), fixture(COMPLETE));
        assertComplete(model().build().chat(HELLO));
        assertThat(waits).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void aRetryAfterLongerThanARetryMayWaitFailsAtOnceWithTheResetTime() {
        script(server, rateLimited().withHeader("retry-after", "3600"), fixture(COMPLETE));
        Instant before = Instant.now();
        Throwable thrown = catchThrowable(() -> model().build().chat(HELLO));
        assertThat(thrown).isExactlyInstanceOf(RateLimitException.class)
                .hasMessageContaining("Rate limit reached for gpt-4o-mini")
                .hasMessageContaining("The server asks to wait 3600 s (until ")
                .hasMessageContaining("longer than the 60 s a retry may wait, so it was not retried");
        assertResetTimeBetween(thrown, before.plusSeconds(3599), Instant.now().plusSeconds(3600));
        assertThat(waits).isEmpty();
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void aRetryAfterMsOrAnHttpDateBeyondTheLimitAlsoFailsAtOnce() {
        script(server, rateLimited().withHeader("retry-after-ms", "600000"));
        Instant before = Instant.now();
        Throwable thrown = catchThrowable(() -> model().build().chat(HELLO));
        assertThat(thrown).isExactlyInstanceOf(RateLimitException.class).hasMessageContaining("wait 600 s");
        assertResetTimeBetween(thrown, before.plusSeconds(599), Instant.now().plusSeconds(600));
        server.resetAll();
        ZonedDateTime inAnHour = ZonedDateTime.now(ZoneOffset.UTC).plusHours(1).withNano(0);
        script(server, error(503, "server_error", null, null, "Down for maintenance")
                .withHeader("retry-after", DateTimeFormatter.RFC_1123_DATE_TIME.format(inAnHour)));
        thrown = catchThrowable(() -> model().build().chat(HELLO));
        assertThat(thrown).isExactlyInstanceOf(ServerException.class).hasMessageContaining("Down for maintenance")
                .hasMessageContaining("so it was not retried");
        assertResetTimeBetween(thrown, inAnHour.toInstant().minusSeconds(1), inAnHour.toInstant().plusSeconds(1));
        assertThat(waits).isEmpty();
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void withRetriesOffALongRetryAfterStillSaysUntilWhen() {
        script(server, rateLimited().withHeader("retry-after", "3600"));
        assertThat(catchThrowable(() -> model().maxRetries(0).build().chat(HELLO)))
                .isExactlyInstanceOf(RateLimitException.class).hasMessageContaining("wait 3600 s (until ");
        assertThat(requests(server)).hasSize(1);
    }

    private static void assertResetTimeBetween(Throwable thrown, Instant earliest, Instant latest) {
        Matcher until = Pattern.compile("\\(until (\\S+)\\)").matcher(thrown.getMessage());
        assertThat(until.find()).as(thrown.getMessage()).isTrue();
        assertThat(Instant.parse(until.group(1))).isBetween(earliest.truncatedTo(ChronoUnit.SECONDS), latest);
    }

    @Test
    void unparseableRetryAfterFallsBackToExponentialBackoff() {
        script(server, rateLimited().withHeader("retry-after", "soon"), rateLimited(), fixture(COMPLETE));
        assertComplete(model().backoff(Duration.ofMillis(400), Duration.ofSeconds(8)).build().chat(HELLO));
        assertThat(waits).hasSize(2);
        // 400 ms then 800 ms, each less up to 25 % jitter
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(300), Duration.ofMillis(400));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(600), Duration.ofMillis(800));
    }

    // ---------------------------------------------------------------- retried statuses

    @Test
    void requestTimeout408ThenSuccessGivesTheCompleteResponse() {
        script(server, error(408, "timeout", null, null, "Request timed out"), fixture(COMPLETE));
        List<io.agent4j.chat.Retry> told = new CopyOnWriteArrayList<>();
        assertComplete(model().onRetry(told::add).build().chat(HELLO));
        // the retry is this client's own, waited and told, never OkHttp's silent repeat
        assertThat(waits).hasSize(1);
        assertThat(told).extracting(io.agent4j.chat.Retry::reason).containsExactly("HTTP 408");
        assertSameBodySent(2);
    }

    @Test
    void withRetriesOffA408IsSentOnceAndFails() {
        script(server, error(408, "timeout", null, null, "Request timed out"), fixture(COMPLETE));

        Throwable thrown = catchThrowable(() -> model().maxRetries(0).build().chat(HELLO));

        assertThat(thrown).isInstanceOf(io.agent4j.errors.ModelApiException.class).hasMessageContaining("408");
        assertThat(requests(server)).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void withRetriesOffAConnectionResetIsSentOnceAndFails() {
        script(server, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), fixture(COMPLETE));

        Throwable thrown = catchThrowable(() -> model().maxRetries(0).build().chat(HELLO));

        assertThat(thrown).isInstanceOf(io.agent4j.errors.ModelConnectionException.class);
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void withRetriesOffAUsersOwnClientStillSendsOnce() {
        script(server, error(408, "timeout", null, null, "Request timed out"), fixture(COMPLETE));
        okhttp3.OkHttpClient own = new okhttp3.OkHttpClient.Builder().retryOnConnectionFailure(true).build();

        catchThrowable(() -> model().httpClient(own).maxRetries(0).build().chat(HELLO));

        assertThat(requests(server)).hasSize(1);
    }

    @ParameterizedTest(name = "HTTP {0} then success")
    @ValueSource(ints = {409, 500, 502, 503, 504})
    void transientStatusThenSuccessGivesTheCompleteResponse(int status) {
        script(server, error(status, "server_error", null, null, "The server had an error processing your request."),
                fixture(COMPLETE));
        assertComplete(model().build().chat(HELLO));
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(7), Duration.ofMillis(10));
        assertSameBodySent(2);
    }

    @Test
    void exhaustedRetriesMakeMaxRetriesPlusOneRequestsAndKeepTheDetails() {
        script(server, error(503, "server_error", "overloaded", null, "The engine is currently overloaded"));
        Throwable thrown = catchThrowable(() -> model().maxRetries(3).backoff(Duration.ofMillis(100),
                Duration.ofMillis(300)).build().chat(HELLO));
        assertThat(thrown).isInstanceOfSatisfying(ServerException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.errorType()).isEqualTo("server_error");
            assertThat(e.errorCode()).isEqualTo("overloaded");
            assertThat(e.requestId()).isEqualTo("req_503");
        }).hasMessageContaining("The engine is currently overloaded").hasMessageContaining("req_503");
        assertSameBodySent(4);
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(75), Duration.ofMillis(100));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(150), Duration.ofMillis(200));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(225), Duration.ofMillis(300));
    }

    @Test
    void persistentRateLimitRaisesRateLimitExceptionWithItsDetails() {
        script(server, rateLimited().withHeader("retry-after", "2"));
        Throwable thrown = catchThrowable(() -> model().build().chat(HELLO));
        assertThat(thrown).isExactlyInstanceOf(RateLimitException.class);
        RateLimitException e = (RateLimitException) thrown;
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.errorType()).isEqualTo("requests");
        assertThat(e.errorCode()).isEqualTo("rate_limit_exceeded");
        assertThat(e.requestId()).isEqualTo("req_429");
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertSameBodySent(3);
    }

    @Test
    void maxRetriesZeroDisablesRetries() {
        script(server, error(500, "server_error", null, null, "oops"), fixture(COMPLETE));
        assertThat(catchThrowable(() -> model().maxRetries(0).build().chat(HELLO)))
                .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        assertThat(requests(server)).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void maxRetriesZeroAlsoDisablesRetryOfConnectionFailures() {
        script(server, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), fixture(COMPLETE));
        assertThat(catchThrowable(() -> model().maxRetries(0).build().chat(HELLO)))
                .isInstanceOf(ModelConnectionException.class).hasMessageContaining("1 attempt(s)");
        assertThat(requests(server)).hasSize(1);
        assertThat(waits).isEmpty();
    }

    // ---------------------------------------------------------------- x-should-retry

    @Test
    void xShouldRetryFalseOnA500StopsRetrying() {
        script(server, error(500, "server_error", null, null, "do not retry me").withHeader("x-should-retry", "false"),
                fixture(COMPLETE));
        assertThat(catchThrowable(() -> model().build().chat(HELLO)))
                .isInstanceOfSatisfying(ServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.requestId()).isEqualTo("req_500");
                }).hasMessageContaining("do not retry me");
        assertThat(requests(server)).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void xShouldRetryTrueOnA400Retries() {
        script(server, error(400, "invalid_request_error", null, null, "transient").withHeader("x-should-retry", "true"),
                fixture(COMPLETE));
        assertComplete(model().build().chat(HELLO));
        assertSameBodySent(2);
        assertThat(waits).hasSize(1);
    }

    // ---------------------------------------------------------------- never retried

    @Test
    void authenticationErrorIsNotRetried() {
        script(server, aResponse().withStatus(401).withHeader("x-request-id", "req_c45bfc7515dca54ef87c667f8210af23")
                .withBody(resource("openai/recorded/401-invalid-api-key.json")), fixture(COMPLETE));
        assertThat(catchThrowable(() -> model().build().chat(HELLO)))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.errorType()).isEqualTo("invalid_request_error");
                    assertThat(e.errorCode()).isEqualTo("invalid_api_key");
                    assertThat(e.requestId()).isEqualTo("req_c45bfc7515dca54ef87c667f8210af23");
                });
        assertThat(requests(server)).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void badRequestIsNotRetriedAndNamesTheParameter() {
        script(server, error(400, "invalid_request_error", "invalid_value", "messages[0].role",
                "Invalid value: 'robot'. Supported values are: 'system', 'assistant', 'user', 'function', and 'tool'."),
                fixture(COMPLETE));
        assertThat(catchThrowable(() -> model().build().chat(HELLO)))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.param()).isEqualTo("messages[0].role");
                    assertThat(e.errorCode()).isEqualTo("invalid_value");
                    assertThat(e.errorType()).isEqualTo("invalid_request_error");
                    assertThat(e.requestId()).isEqualTo("req_400");
                })
                .hasMessageContaining("'messages[0].role'").hasMessageContaining("Invalid value: 'robot'");
        assertThat(requests(server)).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void permissionDeniedIsNotRetried() {
        script(server, error(403, "request_forbidden", "unsupported_country_region_territory", null,
                "Country, region, or territory not supported"), fixture(COMPLETE));
        assertThat(catchThrowable(() -> model().build().chat(HELLO)))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.errorType()).isEqualTo("request_forbidden");
                    assertThat(e.errorCode()).isEqualTo("unsupported_country_region_territory");
                    assertThat(e.requestId()).isEqualTo("req_403");
                })
                .hasMessageContaining("Country, region, or territory not supported");
        assertThat(requests(server)).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void notFoundIsNotRetriedAndNamesTheModel() {
        script(server, aResponse().withStatus(404).withHeader("x-request-id", "req_c3e0f92d7b5426d1a4a17bb3d39953ea")
                .withBody(resource("openai/recorded/404-model-not-found.json")), fixture(COMPLETE));
        assertThat(catchThrowable(() -> model().model("this-model-does-not-exist").build().chat(HELLO)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo("model_not_found");
                    assertThat(e.requestId()).isEqualTo("req_c3e0f92d7b5426d1a4a17bb3d39953ea");
                })
                .hasMessageContaining("this-model-does-not-exist");
        assertThat(requests(server)).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void notFoundWithAPlainBodyStillNamesTheModelAndTheUrl() {
        // what a wrong base URL gives on Go servers such as Ollama: a text body that names nothing
        script(server, aResponse().withStatus(404).withHeader("Content-Type", "text/plain")
                .withBody("404 page not found"));
        assertThat(catchThrowable(() -> model().model("llama3.1").build().chat(HELLO)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404))
                .hasMessageContaining("404 page not found")
                .hasMessageContaining("llama3.1")
                .hasMessageContaining(ChatServer.baseUrl(server) + "/chat/completions");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void insufficientQuotaIsAQuotaExceededExceptionNotRetriedEvenWithRetryAfter() {
        script(server, error(429, "insufficient_quota", "insufficient_quota", null,
                "You exceeded your current quota, please check your plan and billing details.")
                .withHeader("retry-after", "1"), fixture(COMPLETE));
        assertThat(catchThrowable(() -> model().build().chat(HELLO)))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.errorType()).isEqualTo("insufficient_quota");
                    assertThat(e.errorCode()).isEqualTo("insufficient_quota");
                    assertThat(e.requestId()).isEqualTo("req_429");
                })
                .hasMessageContaining("You exceeded your current quota").hasMessageContaining("waiting will not help");
        assertThat(requests(server)).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aUsedUpQuotaIsNoRateLimitAndIsNotRetriedEvenWhenTheServerSaysItShouldBe() {
        script(server, error(429, "insufficient_quota", "insufficient_quota", null,
                "You exceeded your current quota, please check your plan and billing details.")
                .withHeader("x-should-retry", "true").withHeader("retry-after", "1"), fixture(COMPLETE));

        Throwable thrown = catchThrowable(() -> model().build().chat(HELLO));

        assertThat(thrown).isInstanceOf(QuotaExceededException.class).isNotInstanceOf(RateLimitException.class);
        assertThat(requests(server)).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void errorBodiesOfOtherShapesKeepTheServersMessage() {
        // LM Studio and others: "error" is a string; vLLM (older) and FastAPI: no "error" wrapper at all
        script(server, aResponse().withStatus(400).withBody("{\"error\":\"Model does not support tools\"}"));
        assertThat(catchThrowable(() -> model().build().chat(HELLO))).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Model does not support tools");
        server.resetAll();
        script(server, aResponse().withStatus(404).withBody("{\"object\":\"error\",\"message\":\"The model `x` does not "
                + "exist.\",\"type\":\"NotFoundError\",\"param\":null,\"code\":404}"));
        assertThat(catchThrowable(() -> model().build().chat(HELLO)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.errorType()).isEqualTo("NotFoundError"))
                .hasMessageContaining("The model `x` does not exist.");
        server.resetAll();
        script(server, aResponse().withStatus(422).withBody("{\"detail\":\"messages: field required\"}"));
        assertThat(catchThrowable(() -> model().build().chat(HELLO))).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("messages: field required");
        server.resetAll();
        script(server, aResponse().withStatus(500).withBody(""));
        assertThat(catchThrowable(() -> model().maxRetries(0).build().chat(HELLO)))
                .isInstanceOf(ServerException.class).hasMessageContaining("HTTP 500").hasMessageContaining("(no message)");
    }

    // ---------------------------------------------------------------- the network

    @ParameterizedTest(name = "{0} then success")
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE",
            "MALFORMED_RESPONSE_CHUNK"})
    void brokenConnectionThenSuccessGivesTheCompleteResponse(Fault fault) {
        script(server, aResponse().withFault(fault), fixture(COMPLETE));
        assertComplete(model().build().chat(HELLO));
        assertSameBodySent(2);
        assertThat(waits).hasSize(1);
    }

    @Test
    void connectionResetOnEveryAttemptIsAConnectionExceptionAfterAllAttempts() {
        script(server, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(catchThrowable(() -> model().build().chat(HELLO)))
                .isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("Cannot reach the model server at " + ChatServer.baseUrl(server))
                .hasMessageContaining("3 attempt(s)");
        assertSameBodySent(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void connectionRefusedIsRetriedThenReported() {
        OpenAiChatModel model = OpenAiChatModel.builder().apiKey(ChatServer.KEY).baseUrl("http://127.0.0.1:1/v1")
                .sleeper(waits::add).build();
        assertThat(catchThrowable(() -> model.chat(HELLO))).isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("http://127.0.0.1:1/v1/chat/completions").hasMessageContaining("3 attempt(s)");
        assertThat(waits).hasSize(2);
    }

    @Test
    void delayPastTheReadTimeoutIsAModelTimeoutException() {
        // the answer would come after 30 s; the exception itself says the 200 ms read timeout ended each attempt
        script(server, fixture(COMPLETE).withFixedDelay(30_000));
        Throwable thrown = catchThrowable(() -> model().readTimeout(Duration.ofMillis(200)).maxRetries(1).build()
                .chat(HELLO));
        assertThat(thrown).isInstanceOf(ModelTimeoutException.class)
                .hasMessageContaining("did not answer in time").hasMessageContaining("read timeout 200 ms")
                .hasMessageContaining("2 attempt(s)");
        assertSameBodySent(2);
    }

    @Test
    void delayPastTheReadTimeoutThenAPromptAnswerRecovers() {
        script(server, fixture(COMPLETE).withFixedDelay(1500), fixture(COMPLETE));
        assertComplete(model().readTimeout(Duration.ofMillis(200)).build().chat(HELLO));
        assertSameBodySent(2);
    }

    @Test
    void wholeCallTimeoutBoundsASlowlyDribbledBody() {
        // every chunk arrives well within the read timeout, but the whole body takes 40 s
        script(server, fixture(COMPLETE).withChunkedDribbleDelay(80, 40_000));
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> model().readTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofMillis(700)).maxRetries(0).build().chat(HELLO));
        assertThat(thrown).isInstanceOf(ModelTimeoutException.class).hasMessageContaining("whole call 700 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well before the body's 40 s")
                .isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void callTimeoutIsPerAttemptSoARetryAfterASlowAttemptHasItsOwn() {
        // the first attempt uses up the whole 700 ms; a whole-call budget would leave the retry nothing
        script(server, fixture(COMPLETE).withChunkedDribbleDelay(8, 4000), fixture(COMPLETE));
        long start = System.nanoTime();
        assertComplete(model().readTimeout(Duration.ofSeconds(10)).callTimeout(Duration.ofMillis(700)).maxRetries(1)
                .build().chat(HELLO));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertSameBodySent(2);
    }

    @Test
    void aTimeoutSaysTheWholeCallLimitIsPerAttempt() {
        script(server, fixture(COMPLETE).withChunkedDribbleDelay(8, 4000));
        assertThat(catchThrowable(() -> model().callTimeout(Duration.ofMillis(300)).maxRetries(1).build().chat(HELLO)))
                .isInstanceOf(ModelTimeoutException.class)
                .hasMessageContaining("whole call 300 ms per attempt; 2 attempt(s)");
    }

    // ---------------------------------------------------------------- bodies that are not what they should be

    @Test
    void malformedJsonBodyIsAClearErrorAndNotRetried() {
        script(server, ChatServer.json("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}},]}")
                .withHeader("x-request-id", "req_bad_json"), answer("never used"));
        assertThat(catchThrowable(() -> model().build().chat(HELLO)))
                .isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("not JSON").hasMessageContaining("req_bad_json");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void syntacticallyTruncatedBodyIsAClearErrorWithoutAPartialResponse() {
        String full = resource(COMPLETE);
        script(server, ChatServer.json(full.substring(0, full.indexOf("San Francisco"))));
        assertThat(catchThrowable(() -> model().build().chat(HELLO)))
                .isExactlyInstanceOf(ModelConnectionException.class).hasMessageContaining("not JSON");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void bodyCutOffMidWayIsRetriedThenGivesTheCompleteResponse() throws Exception {
        String full = resource(COMPLETE);
        byte[] bytes = full.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (LoopbackServer loopback = new LoopbackServer(out -> {
            LoopbackServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length + "\r\nConnection: close\r\n\r\n");
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
        }, out -> {
            LoopbackServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length + "\r\nConnection: close\r\n\r\n");
            out.write(bytes);
        })) {
            OpenAiChatModel model = ChatServer.model(server).baseUrl(loopback.baseUrl()).sleeper(waits::add).build();
            assertComplete(model.chat(HELLO));
            assertThat(loopback.requests()).hasSize(2);
            assertThat(waits).hasSize(1);
        }
    }

    @Test
    void bodyCutOffOnEveryAttemptIsAConnectionException() throws Exception {
        byte[] bytes = resource(COMPLETE).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (LoopbackServer loopback = new LoopbackServer(out -> {
            LoopbackServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length + "\r\nx-request-id: req_cut\r\nConnection: close\r\n\r\n");
            out.write(bytes, 0, 100);
            out.flush();
        })) {
            OpenAiChatModel model = ChatServer.model(server).baseUrl(loopback.baseUrl()).sleeper(waits::add)
                    .maxRetries(1).build();
            assertThat(catchThrowable(() -> model.chat(HELLO))).isExactlyInstanceOf(ModelConnectionException.class)
                    .hasMessageContaining("2 attempt(s)");
            assertThat(loopback.requests()).hasSize(2);
        }
    }

    private static final String CLOUDFLARE_502 = "<!DOCTYPE html>\n<!--[if lt IE 7]> <html class=\"no-js ie6 oldie\" "
            + "lang=\"en-US\"> <![endif]-->\n<html class=\"no-js\" lang=\"en-US\">\n<head>\n"
            + "<title>api.example.com | 502: Bad gateway</title>\n<meta charset=\"UTF-8\" />\n"
            + "<style>" + "body{margin:0;padding:0}.cf-error{font-family:sans-serif}".repeat(120) + "</style>\n"
            + "</head>\n<body>\n<div id=\"cf-wrapper\">\n<h1>Bad gateway</h1>\n<p>Error code 502</p>\n"
            + "<p>Visit cloudflare.com for more information.</p>\n</div>\n</body>\n</html>\n";

    @Test
    void htmlErrorPageFromAProxyIsSummarisedNotDumped() {
        script(server, aResponse().withStatus(502).withHeader("Content-Type", "text/html; charset=UTF-8")
                .withHeader("x-request-id", "req_502_html").withBody(CLOUDFLARE_502));
        Throwable thrown = catchThrowable(() -> model().maxRetries(1).build().chat(HELLO));
        assertThat(thrown).isInstanceOfSatisfying(ServerException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(502);
            assertThat(e.requestId()).isEqualTo("req_502_html");
        });
        assertThat(thrown.getMessage()).contains("HTTP 502").contains("502: Bad gateway")
                .containsIgnoringCase("html").doesNotContain("<").doesNotContain("cf-error")
                .hasSizeLessThan(400);
        assertThat(requests(server)).hasSize(2);
    }

    @Test
    void htmlPageWithStatus200IsAClearErrorNotADump() {
        script(server, aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>Sign in to the corporate proxy</title></head><body>"
                        + "<form>".repeat(500) + "</body></html>"));
        Throwable thrown = catchThrowable(() -> model().build().chat(HELLO));
        assertThat(thrown).isExactlyInstanceOf(ModelConnectionException.class)
                .hasMessageContaining("not JSON").hasMessageContaining("proxy");
        assertThat(thrown.getMessage()).doesNotContain("<form>").hasSizeLessThan(400);
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void aSuccessWithoutChoicesIsAClearError() {
        script(server, ChatServer.json("{\"object\":\"list\",\"data\":[]}"));
        assertThat(catchThrowable(() -> model().build().chat(HELLO)))
                .isExactlyInstanceOf(ModelConnectionException.class).hasMessageContaining("without any choice");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void overridingTheModelPerRequestReachesTheNotFoundMessage() {
        script(server, aResponse().withStatus(404).withBody("{\"error\":{\"message\":\"not here\"}}"));
        ChatRequest request = new ChatRequest(List.of(new UserMessage("Hi")), List.of(),
                ChatOptions.builder().model("gpt-9").build());
        assertThat(catchThrowable(() -> model().build().chat(request))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("gpt-9");
    }

    @Test
    void theApiKeyNeverAppearsInAnyFaultMessage() {
        script(server, aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><title>" + ChatServer.KEY + "</title></html>"));
        Throwable thrown = catchThrowable(() -> model().maxRetries(0).build().chat(HELLO));
        assertThat(thrown).isInstanceOf(ModelApiException.class);
        assertThat(thrown.getMessage()).doesNotContain(ChatServer.KEY);
    }
}
