package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.fixture;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.Usage;
import io.agent4j.errors.MaxStepsExceededException;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.OpenAiSchemas;
import io.agent4j.testing.TravelTools;
import io.agent4j.tool.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class AgentLoopTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private final TravelTools travel = new TravelTools();

    private Agent agent() {
        return Agent.builder()
                .model(ChatServer.model(server).build())
                .instructions("You are a concise travel assistant.")
                .tools(travel)
                .build();
    }

    private static List<ToolMessage> toolMessages(AgentResult result) {
        return result.messages().stream().filter(ToolMessage.class::isInstance).map(ToolMessage.class::cast)
                .toList();
    }

    @Test
    void parallelToolCallsRunAndTheirResultsGoBackInCallOrder() {
        script(server, fixture("openai/parallel-tool-calls.json"), fixture("openai/final-answer.json"));

        AgentResult result = agent().run("Do I need an umbrella in Seoul today?");

        assertThat(result.text()).startsWith("It is 21 degrees and sunny in Seoul");
        assertThat(result.steps()).isEqualTo(2);
        assertThat(result.usage()).isEqualTo(Usage.of(330, 65));
        assertThat(travel.calls).containsExactlyInAnyOrder("weather:Seoul", "localTime:Seoul");

        List<JsonNode> sent = requests(server);
        assertThat(sent).hasSize(2);
        JsonNode second = sent.get(1);
        assertThat(second.path("model").asString()).isEqualTo("gpt-4o-mini");
        JsonNode messages = second.path("messages");
        assertThat(messages).hasSize(5);
        assertThat(messages.get(0).path("role").asString()).isEqualTo("system");
        assertThat(messages.get(1).path("content").asString()).isEqualTo("Do I need an umbrella in Seoul today?");
        JsonNode assistant = messages.get(2);
        assertThat(assistant.path("role").asString()).isEqualTo("assistant");
        assertThat(assistant.path("tool_calls")).hasSize(2);
        assertThat(assistant.path("tool_calls").get(0).path("id").asString()).isEqualTo("call_weather_1");
        assertThat(assistant.path("tool_calls").get(0).path("type").asString()).isEqualTo("function");
        assertThat(assistant.path("tool_calls").get(1).path("function").path("name").asString())
                .isEqualTo("localTime");
        assertThat(messages.get(3).path("role").asString()).isEqualTo("tool");
        assertThat(messages.get(3).path("tool_call_id").asString()).isEqualTo("call_weather_1");
        assertThat(messages.get(3).path("content").asString())
                .isEqualTo("{\"city\":\"Seoul\",\"temperature\":21,\"unit\":\"CELSIUS\",\"conditions\":[\"sunny\"]}");
        assertThat(messages.get(4).path("tool_call_id").asString()).isEqualTo("call_time_2");
        assertThat(messages.get(4).path("content").asString()).isEqualTo("14:05 in Seoul");

        JsonNode tools = second.path("tools");
        assertThat(tools).hasSize(7);
        JsonNode weather = null;
        for (JsonNode tool : tools) {
            if (tool.path("function").path("name").asString().equals("weather")) {
                weather = tool;
            }
        }
        assertThat(weather).isNotNull();
        assertThat(weather.path("type").asString()).isEqualTo("function");
        assertThat(weather.path("function").path("strict").asBoolean()).isTrue();
        assertThat(weather.path("function").path("parameters").has("strict")).isFalse();
        assertThat(weather.path("function").path("parameters").path("properties").path("city")
                .path("description").asString()).isEqualTo("City name, e.g. Seoul");
        assertThat(sent.get(0).path("tools")).isEqualTo(tools);
        for (JsonNode body : sent) {
            assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", body)).isEmpty();
        }
    }

    @Test
    void toolCallsOfOneStepRunConcurrently() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Object tools = new Object() {
            @io.agent4j.tool.Tool("Waits for the other call")
            public String meet(String who) throws InterruptedException {
                bothStarted.countDown();
                return bothStarted.await(5, TimeUnit.SECONDS) ? who + " met" : who + " waited alone";
            }
        };
        script(server, toolCalls(new String[] {"c1", "meet", "{\"who\":\"a\"}"},
                new String[] {"c2", "meet", "{\"who\":\"b\"}"}), answer("done"));
        AgentResult result = Agent.builder().model(ChatServer.model(server).build()).tools(tools).build()
                .run("meet");
        assertThat(toolMessages(result)).extracting(ToolMessage::content).containsExactly("a met", "b met");
    }

    @Test
    void malformedArgumentsGoBackToTheModelAndTheRunGoesOn() {
        script(server, toolCalls(new String[] {"c1", "add", "{\"a\": 1, \"b\": "}),
                toolCalls(new String[] {"c2", "add", "{\"a\": 1, \"b\": 2}"}), answer("3"));
        AgentResult result = agent().run("1+2?");
        assertThat(result.text()).isEqualTo("3");
        List<ToolMessage> tools = toolMessages(result);
        assertThat(tools.get(0).toolCallId()).isEqualTo("c1");
        assertThat(tools.get(0).content()).startsWith("Error:").contains("not valid JSON");
        assertThat(tools.get(1).content()).isEqualTo("3");
    }

    @Test
    void unknownToolIsReportedToTheModel() {
        script(server, toolCalls(new String[] {"c1", "teleport", "{}"}), answer("I cannot teleport."));
        AgentResult result = agent().run("Teleport me");
        assertThat(result.text()).isEqualTo("I cannot teleport.");
        assertThat(toolMessages(result).get(0).content()).contains("there is no tool named 'teleport'")
                .contains("weather");
        JsonNode toolMessage = requests(server).get(1).path("messages").get(3);
        assertThat(toolMessage.path("tool_call_id").asString()).isEqualTo("c1");
    }

    @Test
    void throwingToolIsReportedToTheModel() {
        script(server, toolCalls(new String[] {"c1", "explode", "{\"reason\":\"disk full\"}"}), answer("Sorry."));
        AgentResult result = agent().run("Try it");
        assertThat(result.text()).isEqualTo("Sorry.");
        assertThat(toolMessages(result).get(0).content())
                .isEqualTo("Error: tool 'explode' failed: IllegalStateException: boom: disk full");
    }

    @Test
    void wrongArgumentTypeIsReportedToTheModel() {
        script(server, toolCalls(new String[] {"c1", "add", "{\"a\": \"one\", \"b\": 2}"}), answer("ok"));
        AgentResult result = agent().run("one plus two");
        assertThat(result.text()).isEqualTo("ok");
        assertThat(toolMessages(result).get(0).content()).contains("$.a: string found, integer expected");
    }

    @Test
    void toolCallsDecideNotTheFinishReason() {
        String body = ChatServer.resource("openai/parallel-tool-calls.json").replace("\"tool_calls\"\n", "\"stop\"\n")
                .replace("\"finish_reason\": \"tool_calls\"", "\"finish_reason\": \"stop\"");
        script(server, ChatServer.json(body), fixture("openai/final-answer.json"));
        AgentResult result = agent().run("Umbrella?");
        assertThat(result.steps()).isEqualTo(2);
        assertThat(travel.calls).hasSize(2);
    }

    @Test
    void exceedingMaxStepsThrowsWithTheTranscript() {
        script(server, toolCalls(new String[] {"c1", "localTime", "{\"city\":\"Oslo\"}"}));
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).tools(travel).maxSteps(3).build();
        assertThatThrownBy(() -> agent.run("loop"))
                .isInstanceOfSatisfying(MaxStepsExceededException.class, e -> {
                    assertThat(e.maxSteps()).isEqualTo(3);
                    assertThat(e.transcript()).hasSize(1 + 3 * 2);
                    assertThat(e.transcript().get(0).content()).isEqualTo("loop");
                    assertThat(e.usage().totalTokens()).isEqualTo(45);
                    assertThat(e.cost()).isPresent();
                })
                .hasMessageContaining("3 model calls");
        assertThat(requests(server)).hasSize(3);
    }

    @Test
    void listenersSeeEveryStep() {
        script(server, fixture("openai/parallel-tool-calls.json"), fixture("openai/final-answer.json"));
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        AgentListener listener = new AgentListener() {
            @Override
            public void onRequest(int step, ChatRequest request) {
                events.add("request " + step);
            }

            @Override
            public void onResponse(int step, ChatResponse response) {
                events.add("response " + step);
            }

            @Override
            public void onToolStarted(int step, ToolCall call) {
                events.add("start " + call.name());
            }

            @Override
            public void onToolFinished(int step, ToolCall call, ToolResult result, Duration duration) {
                events.add("finish " + call.name() + (result.failed() ? " failed" : ""));
            }

            @Override
            public void onFinished(AgentResult result) {
                events.add("done " + result.steps());
            }
        };
        Agent.builder().model(ChatServer.model(server).build()).tools(travel).listener(listener).build()
                .run("Umbrella?");
        assertThat(events).startsWith("request 1", "response 1").endsWith("request 2", "response 2", "done 2")
                .contains("start weather", "finish weather", "start localTime", "finish localTime")
                .hasSize(9);
    }

    @Test
    void agentIsSafeToShareBetweenThreads() throws Exception {
        script(server, answer("hi"));
        Agent agent = agent();
        List<Thread> threads = new ArrayList<>();
        List<AgentResult> results = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            int n = i;
            Thread thread = new Thread(() -> results.add(agent.run("hello " + n)));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(results).hasSize(8);
        assertThat(results).allSatisfy(r -> assertThat(r.messages()).hasSize(3));
        assertThat(results).extracting(r -> r.messages().get(1).content()).doesNotHaveDuplicates();
    }

    @Test
    void builderRequiresAModel() {
        assertThatThrownBy(() -> Agent.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a model");
        assertThatThrownBy(() -> Agent.builder().model(r -> null).maxSteps(0).build())
                .hasMessageContaining("maxSteps must be at least 1");
    }

    @Test
    void resultMessagesAreImmutable() {
        script(server, answer("fine"));
        AgentResult result = agent().run("How are you?");
        List<Message> messages = result.messages();
        assertThatThrownBy(() -> messages.add(AssistantMessage.of("x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
