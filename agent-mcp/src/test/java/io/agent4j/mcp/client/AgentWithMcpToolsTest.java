package io.agent4j.mcp.client;

import static io.agent4j.mcp.client.ScriptedModel.answer;
import static io.agent4j.mcp.client.ScriptedModel.requests;
import static io.agent4j.mcp.client.ScriptedModel.script;
import static io.agent4j.mcp.client.ScriptedModel.toolCalls;
import static io.agent4j.mcp.client.ScriptedModel.toolNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentListener;
import io.agent4j.AgentResult;
import io.agent4j.approval.Decision;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.mcp.testing.TestServers;
import io.agent4j.tool.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * An agent whose model (WireMock, scripted) calls the tools of a real MCP server: the server's
 * answers are the tool messages, a server killed during a call is a failed call the model reads and
 * the next call starts it again, a tool the server adds is offered at the next step, a clashing
 * name is prefixed, and closing the agent stops the server.
 */
class AgentWithMcpToolsTest {

    @RegisterExtension
    static WireMockExtension model = ScriptedModel.extension();

    private static List<String> toolMessages(AgentResult result) {
        return result.messages().stream().filter(ToolMessage.class::isInstance).map(m -> m.content()).toList();
    }

    private static JsonNode sentTool(JsonNode request, String name) {
        return request.path("tools").valueStream().filter(tool -> tool.at("/function/name").asString().equals(name))
                .findFirst().orElseThrow();
    }

    private static McpTools everything(String marker) {
        List<String> command = new ArrayList<>(TestServers.everything());
        command.add(marker);
        return McpTools.builder().stdio(command).build();
    }

    @Test
    void theModelCallsAnMcpToolAndReadsTheServersAnswerAndClosingTheAgentStopsTheServer() {
        String marker = "agent4j-test-" + UUID.randomUUID();
        script(model, toolCalls(new String[] {"call_1", "echo", "{\"message\": \"hi from the model\"}"}),
                answer("The server said hi."));
        Agent agent = Agent.builder().model(ScriptedModel.model(model)).tools(everything(marker)).build();

        AgentResult result = agent.run("Ask the server to echo.");
        ProcessHandle server = TestServers.theOne(marker).orElseThrow();
        agent.close();

        assertThat(result.text()).isEqualTo("The server said hi.");
        assertThat(toolMessages(result)).containsExactly("Echo: hi from the model");
        JsonNode first = requests(model).get(0);
        assertThat(sentTool(first, "echo").at("/function/description").asString())
                .isEqualTo("Echoes back the input string");
        assertThat(sentTool(first, "echo").at("/function/strict").asBoolean(true)).isFalse();
        assertThat(requests(model).get(1).at("/messages/2/content").asString()).isEqualTo("Echo: hi from the model");
        assertThat(server.isAlive()).as("closing the agent stopped the server").isFalse();
    }

    @Test
    void aServerKilledDuringACallIsAFailedCallForTheModelAndItsNextCallStartsTheServerAgain() {
        String marker = "agent4j-test-" + UUID.randomUUID();
        script(model, toolCalls(new String[] {"call_1", "trigger-long-running-operation",
                "{\"duration\": 30, \"steps\": 30}"}),
                toolCalls(new String[] {"call_2", "echo", "{\"message\": \"are you back?\"}"}), answer("It is back."));
        List<CompletableFuture<Void>> kills = new ArrayList<>();
        try (Agent agent = Agent.builder().model(ScriptedModel.model(model)).tools(everything(marker))
                .listener(new AgentListener() {
                    @Override
                    public void onToolStarted(int step, ToolCall call) {
                        if (step == 1) {
                            ProcessHandle server = TestServers.theOne(marker).orElseThrow();
                            long readBefore = TestServers.bytesRead(server);
                            kills.add(CompletableFuture.runAsync(() -> TestServers.killDuringACall(server, readBefore)));
                        }
                    }
                }).build()) {

            AgentResult result = agent.run("Run the long operation.");

            kills.forEach(CompletableFuture::join);
            assertThat(result.text()).isEqualTo("It is back.");
            assertThat(toolMessages(result).get(0)).startsWith("Error: tool 'trigger-long-running-operation' failed: "
                    + "McpException: The MCP server 'mcp-servers/everything' ").contains("137");
            assertThat(toolMessages(result).get(1)).isEqualTo("Echo: are you back?");
            assertThat(TestServers.running(marker)).hasSize(1);
        }
    }

    @Test
    void aToolTheServerAddsIsOfferedAtTheNextStepAndCanBeCalled() {
        script(model, toolCalls(new String[] {"call_1", "add_tool", "{\"name\": \"fresh\"}"}),
                toolCalls(new String[] {"call_2", "fresh", "{}"}), answer("Done."));
        try (Agent agent = Agent.builder().model(ScriptedModel.model(model))
                .tools(McpTools.builder().stdio(TestServers.ours("changing")).build()).build()) {

            AgentResult result = agent.run("Add a tool and call it.");

            assertThat(toolNames(requests(model).get(0))).containsExactly("echo", "add_tool", "measure");
            assertThat(toolNames(requests(model).get(1))).containsExactly("echo", "add_tool", "measure", "fresh");
            assertThat(toolMessages(result)).containsExactly("added fresh", "fresh ran");
        }
    }

    /** A local tool named as one of the server's. */
    public static class LocalEcho {

        @Tool("Echoes locally")
        public String echo(String message) {
            return "local: " + message;
        }
    }

    @Test
    void aServersToolNamedAsALocalToolIsOfferedUnderThePrefixAndReachesTheServer() {
        String marker = "agent4j-test-" + UUID.randomUUID();
        script(model, toolCalls(new String[] {"call_1", "echo", "{\"message\": \"a\"}"},
                new String[] {"call_2", "everything_echo", "{\"message\": \"b\"}"}), answer("Both answered."));
        try (Agent agent = Agent.builder().model(ScriptedModel.model(model)).tools(new LocalEcho(), everything(marker))
                .build()) {

            AgentResult result = agent.run("Echo twice.");

            assertThat(toolNames(requests(model).get(0))).startsWith("echo").contains("everything_echo")
                    .doesNotHaveDuplicates();
            assertThat(toolMessages(result)).containsExactly("local: a", "Echo: b");
        }
    }

    @Test
    void anMcpToolDeclaredToNeedApprovalWaitsAndRunsOnTheServerOnceApproved() {
        String marker = "agent4j-test-" + UUID.randomUUID();
        script(model, toolCalls(new String[] {"call_1", "echo", "{\"message\": \"approved words\"}"}),
                answer("Echoed."));
        List<String> command = new ArrayList<>(TestServers.everything());
        command.add(marker);
        try (Agent agent = Agent.builder().model(ScriptedModel.model(model))
                .tools(McpTools.builder().stdio(command).approval("speaks to the test server", "echo").build())
                .build()) {
            AgentResult waiting = agent.run("Echo, once approved.");

            assertThat(waiting.waiting()).isTrue();
            assertThat(waiting.pending()).singleElement().satisfies(call -> {
                assertThat(call.tool()).isEqualTo("echo");
                assertThat(call.reason()).isEqualTo("speaks to the test server");
            });
            assertThat(requests(model)).hasSize(1);

            AgentResult done = agent.resume(waiting.runId(), List.of(Decision.approve("call_1")));

            assertThat(done.text()).isEqualTo("Echoed.");
            assertThat(toolMessages(done)).containsExactly("Echo: approved words");
        }
    }

    @Test
    void anMcpCallIsHeldToTheAgentsTimeoutResultCapRepeatRefusalAndListenersLikeALocalTool() {
        String marker = "agent4j-test-" + UUID.randomUUID();
        String longText = "x".repeat(400);
        script(model,
                toolCalls(new String[] {"call_slow", "trigger-long-running-operation", "{\"duration\": 300, \"steps\": 2}"}),
                toolCalls(new String[] {"call_big", "echo", "{\"message\": \"" + longText + "\"}"}),
                toolCalls(new String[] {"call_again", "echo", "{\"message\": \"" + longText + "\"}"}),
                answer("Done."));
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        AgentListener listener = new AgentListener() {
            @Override
            public void onToolStarted(int step, ToolCall call) {
                seen.add("started " + call.id());
            }

            @Override
            public void onToolFinished(int step, ToolCall call, io.agent4j.tool.ToolResult result,
                    java.time.Duration duration) {
                seen.add("finished " + call.id() + (result.failed() ? " failed" : ""));
            }
        };
        try (Agent agent = Agent.builder().model(ScriptedModel.model(model)).tools(everything(marker))
                .toolTimeout(java.time.Duration.ofSeconds(2)).maxToolResultLength(100).maxRepeatedCalls(1)
                .listener(listener).build()) {
            long started = System.nanoTime();
            AgentResult result = agent.run("Run the slow operation, then echo twice.");
            long took = java.time.Duration.ofNanos(System.nanoTime() - started).toSeconds();

            List<String> messages = toolMessages(result);
            assertThat(messages.get(0)).contains("did not finish within 2000 ms");
            assertThat(took).as("the 300 s operation was abandoned, not waited for").isLessThan(150);
            assertThat(messages.get(1)).startsWith("Echo: xxx").hasSizeLessThan(250).contains("[truncated");
            assertThat(messages.get(2)).contains("was already called 1 times with these exact arguments");
            assertThat(seen).containsExactly("started call_slow", "finished call_slow failed", "started call_big",
                    "finished call_big", "started call_again", "finished call_again failed");
        }
    }
}
