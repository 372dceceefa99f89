package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.OpenAiSchemas;
import io.agent4j.testing.TravelTools;
import io.agent4j.tool.ToolContext;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.ToolSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tools defined at run time ({@link ToolSpec}) through the whole loop against a scripted server:
 * sent with the caller's schema, validated, run, and held to the same timeouts, caps, repeat
 * refusal and listeners as annotated tools.
 */
class RunTimeToolsTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String ORDER_SCHEMA = """
            {"type": "object",
             "properties": {"order_id": {"type": "string", "description": "The order's id, e.g. A-1001"}},
             "required": ["order_id"],
             "additionalProperties": false}
            """;

    private final List<JsonNode> arguments = new CopyOnWriteArrayList<>();
    private final List<ToolContext> contexts = new CopyOnWriteArrayList<>();

    private final ToolSpec lookupOrder = ToolSpec.of("lookup_order", "Looks an order up by its id", ORDER_SCHEMA,
            (args, context) -> {
                arguments.add(args);
                contexts.add(context);
                return new Order(args.get("order_id").asString(), "shipped");
            });

    public record Order(String id, String status) {
    }

    private Agent.Builder agent(Object... tools) {
        return Agent.builder().model(ChatServer.model(server).build()).tools(tools);
    }

    private static List<String> toolResults(AgentResult result) {
        return result.messages().stream().filter(ToolMessage.class::isInstance).map(m -> m.content()).toList();
    }

    private static JsonNode sentTool(JsonNode request, String name) {
        return request.path("tools").valueStream().filter(tool -> tool.at("/function/name").asString().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void aRunTimeToolIsSentWithItsSchemaAndRunsBesideAnnotatedTools() {
        script(server, toolCalls(new String[] {"call_1", "lookup_order", "{\"order_id\": \"A-1001\"}"},
                new String[] {"call_2", "localTime", "{\"city\": \"Lima\"}"}), answer("It has shipped."));

        AgentResult result = agent(new TravelTools(), lookupOrder).build().run("Where is my order A-1001?");

        assertThat(result.text()).isEqualTo("It has shipped.");
        JsonNode first = requests(server).get(0);
        assertThat(sentTool(first, "lookup_order")).isEqualTo(JSON.readTree("""
                {"type": "function",
                 "function": {"name": "lookup_order", "description": "Looks an order up by its id",
                              "parameters": %s, "strict": true}}
                """.formatted(ORDER_SCHEMA)));
        assertThat(first.path("tools").valueStream().map(tool -> tool.at("/function/name").asString()))
                .contains("weather", "localTime", "lookup_order");
        assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", first)).isEmpty();
        assertThat(toolResults(result)).containsExactly("{\"id\":\"A-1001\",\"status\":\"shipped\"}",
                "14:05 in Lima");
        assertThat(arguments).containsExactly(JSON.readTree("{\"order_id\": \"A-1001\"}"));
        assertThat(contexts).singleElement().satisfies(context -> {
            assertThat(context.toolCallId()).isEqualTo("call_1");
            assertThat(context.conversationId()).hasSize(36);
        });
    }

    @Test
    void argumentsThatBreakTheSchemaGoBackToTheModelAndTheHandlerNeverSeesThem() {
        script(server, toolCalls(new String[] {"call_1", "lookup_order", "{\"order_id\": 1001}"}),
                toolCalls(new String[] {"call_2", "lookup_order", "{\"order_id\": \"A-1001\"}"}), answer("Shipped."));

        AgentResult result = agent(lookupOrder).build().run("Where is order 1001?");

        assertThat(toolResults(result).get(0)).isEqualTo("Error: the call to tool 'lookup_order' was not run: the "
                + "arguments do not match the tool's schema: $.order_id: integer found, string expected. Fix them "
                + "and call again.");
        assertThat(requests(server).get(1).at("/messages/2/content").asString()).isEqualTo(toolResults(result).get(0));
        assertThat(toolResults(result).get(1)).isEqualTo("{\"id\":\"A-1001\",\"status\":\"shipped\"}");
        assertThat(arguments).containsExactly(JSON.readTree("{\"order_id\": \"A-1001\"}"));
    }

    @Test
    void aRunTimeToolPastItsTimeoutIsAbandonedAndInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        ToolSpec slow = ToolSpec.of("slow_lookup", "Never answers", ORDER_SCHEMA, (args, context) -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
                return "finished";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        }).withTimeout(Duration.ofMillis(100));
        script(server, toolCalls(new String[] {"call_1", "slow_lookup", "{\"order_id\": \"A-1\"}"}), answer("ok"));

        AgentResult result = agent(slow).build().run("go");

        assertThat(toolResults(result)).containsExactly("Error: tool 'slow_lookup' did not finish within 100 ms and "
                + "was abandoned. Try simpler arguments, or answer without this result.");
        if (started.getCount() == 0) {
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the abandoned call was interrupted").isTrue();
        }
    }

    @Test
    void theAgentsTimeoutAppliesToARunTimeToolWithoutItsOwn() {
        ToolSpec sluggish = ToolSpec.of("sluggish", "Takes a while", "{\"type\": \"object\"}", (args, context) -> {
            Thread.sleep(2_000);
            return "finished";
        });
        script(server, toolCalls(new String[] {"call_1", "sluggish", "{}"}), answer("ok"));

        AgentResult result = agent(sluggish).toolTimeout(Duration.ofMillis(150)).build().run("go");

        assertThat(toolResults(result).get(0)).contains("'sluggish' did not finish within 150 ms");
    }

    @Test
    void aLongResultIsCutAndAnIdenticalCallRepeatedTooOftenIsRefused() {
        ToolSpec report = ToolSpec.of("report", "A long report", ORDER_SCHEMA,
                (args, context) -> ToolResult.success("x".repeat(5_000)));
        String[] same = {"c", "report", "{\"order_id\": \"A-1\"}"};
        script(server, toolCalls(same), toolCalls(same), answer("done"));

        AgentResult result = agent(report).maxToolResultLength(1_000).maxRepeatedCalls(1).build().run("go");

        assertThat(toolResults(result).get(0)).startsWith("x".repeat(1_000) + "\n[truncated: the result has 5000 "
                + "characters; only the first 1000 are shown]");
        assertThat(toolResults(result).get(1)).contains("'report' was already called 1 times with these exact "
                + "arguments").contains("not run");
    }

    @Test
    void listenersSeeTheCallsOfARunTimeTool() {
        List<String> events = new CopyOnWriteArrayList<>();
        script(server, toolCalls(new String[] {"call_1", "lookup_order", "{\"order_id\": \"A-1\"}"}), answer("ok"));

        agent(lookupOrder).listener(new AgentListener() {
            @Override
            public void onToolStarted(int step, ToolCall call) {
                events.add("started " + call.name());
            }

            @Override
            public void onToolFinished(int step, ToolCall call, ToolResult result, Duration duration) {
                events.add("finished " + call.name() + " " + result.content());
            }
        }).build().run("go");

        assertThat(events).containsExactly("started lookup_order",
                "finished lookup_order {\"id\":\"A-1\",\"status\":\"shipped\"}");
    }

    @Test
    void aSchemaOutsideStrictModesRulesIsSentNotStrictAndSoIsEveryToolOfALenientAgent() {
        ToolSpec open = ToolSpec.of("search", "Searches the orders", """
                {"type": "object", "properties": {"query": {"type": "string", "minLength": 1},
                 "limit": {"type": "integer"}}, "required": ["query"]}
                """, (args, context) -> "none");
        script(server, answer("hi"), answer("hi"));

        agent(open, lookupOrder).build().run("hi");
        agent(lookupOrder).strictTools(false).build().run("hi");

        JsonNode strictAgent = requests(server).get(0);
        assertThat(sentTool(strictAgent, "search").at("/function/strict").asBoolean(true)).isFalse();
        assertThat(sentTool(strictAgent, "search").at("/function/parameters/properties/query/minLength").asInt())
                .as("the schema is sent as given").isEqualTo(1);
        assertThat(sentTool(strictAgent, "lookup_order").at("/function/strict").asBoolean()).isTrue();
        assertThat(sentTool(requests(server).get(1), "lookup_order").at("/function/strict").asBoolean(true)).isFalse();
    }
}
