package io.agent4j.opentelemetry;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.agent4j.opentelemetry.ChatServer.answer;
import static io.agent4j.opentelemetry.ChatServer.script;
import static io.agent4j.opentelemetry.ChatServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.agent4j.Agent;
import io.agent4j.chat.ChatOptions;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The model call's span reaches the model server as a W3C traceparent header. */
class PropagationTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private final InMemoryTelemetry telemetry = new InMemoryTelemetry();

    @AfterEach
    void close() {
        telemetry.close();
    }

    private Agent agent(OkHttpClient client, AgentTelemetry tracing) {
        return Agent.builder().model(ChatServer.model(server).httpClient(client).build())
                .options(ChatOptions.builder().model("gpt-4o-mini").build()).interceptor(tracing).build();
    }

    private List<LoggedRequest> requests() {
        return server.findAll(postRequestedFor(urlEqualTo(ChatServer.PATH)));
    }

    @Test
    void eachRequestToTheModelCarriesTheTraceparentOfItsChatSpan() {
        script(server, status(503), answer("Sunny."));
        AgentTelemetry tracing = AgentTelemetry.create(telemetry.sdk);
        OkHttpClient client = new OkHttpClient.Builder().addInterceptor(tracing.okHttpInterceptor()).build();

        agent(client, tracing).run("Weather in Oslo?");

        SpanData chat = telemetry.span("chat gpt-4o-mini");
        String expected = "00-" + chat.getTraceId() + "-" + chat.getSpanId() + "-"
                + chat.getSpanContext().getTraceFlags().asHex();
        assertThat(requests()).hasSize(2).allSatisfy(request ->
                assertThat(request.getHeader("traceparent")).as("the first try and the retry").isEqualTo(expected));
    }

    @Test
    void theChatSpanNamesTheServerItWasSentTo() {
        script(server, answer("Sunny."));
        AgentTelemetry tracing = AgentTelemetry.create(telemetry.sdk);
        OkHttpClient client = new OkHttpClient.Builder().addInterceptor(tracing.okHttpInterceptor()).build();

        agent(client, tracing).run("Weather in Oslo?");

        SpanData chat = telemetry.span("chat gpt-4o-mini");
        assertThat(chat.getAttributes().get(GenAi.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(chat.getAttributes().get(GenAi.SERVER_PORT)).isEqualTo((long) server.getPort());
        assertThat(telemetry.span("invoke_agent").getAttributes().get(GenAi.SERVER_ADDRESS)).isNull();
    }

    @Test
    void withoutTheInterceptorNoTraceparentIsSent() {
        script(server, answer("Sunny."));
        AgentTelemetry tracing = AgentTelemetry.create(telemetry.sdk);

        agent(new OkHttpClient(), tracing).run("Weather in Oslo?");

        assertThat(requests()).singleElement().satisfies(request ->
                assertThat(request.containsHeader("traceparent")).isFalse());
        assertThat(telemetry.named("chat gpt-4o-mini")).hasSize(1);
    }

    @Test
    void outsideAnySpanTheInterceptorAddsNothing() throws Exception {
        script(server, answer("Sunny."));
        OkHttpClient client = new OkHttpClient.Builder()
                .addInterceptor(AgentTelemetry.create(telemetry.sdk).okHttpInterceptor()).build();

        try (var response = client.newCall(new okhttp3.Request.Builder()
                .url("http://127.0.0.1:" + server.getPort() + ChatServer.PATH)
                .post(okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/json"))).build())
                .execute()) {
            assertThat(response.code()).isEqualTo(200);
        }

        assertThat(requests()).singleElement().satisfies(request ->
                assertThat(request.containsHeader("traceparent")).isFalse());
    }
}
