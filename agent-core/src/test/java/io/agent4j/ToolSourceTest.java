package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.ToolMessage;
import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.testing.ChatServer;
import io.agent4j.tool.Tool;
import io.agent4j.tool.ToolSource;
import io.agent4j.tool.ToolSpec;
import io.agent4j.tool.Toolbox;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Tools whose set may change while an agent runs ({@link ToolSource}, such as an MCP server's):
 * asked for before every model call, offered beside the agent's other tools, and closed with the agent.
 */
class ToolSourceTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    /** A source whose tools the test sets; it remembers what it was asked. */
    static class ChangingTools implements ToolSource {

        final AtomicReference<Toolbox> tools;
        final List<Set<String>> askedWith = new CopyOnWriteArrayList<>();
        final AtomicInteger closed = new AtomicInteger();

        ChangingTools(Toolbox tools) {
            this.tools = new AtomicReference<>(tools);
        }

        @Override
        public Toolbox tools(Set<String> taken) {
            askedWith.add(taken);
            return tools.get();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    /** Two annotated tools beside the sources. */
    public static class Clock {

        @Tool("The time of day")
        public String now() {
            return "12:00";
        }

        @Tool("The date")
        public String today() {
            return "2026-01-01";
        }
    }

    private static ToolSpec tool(String name, String answer) {
        return ToolSpec.of(name, "Answers " + answer, "{\"type\": \"object\"}", (arguments, context) -> answer);
    }

    private static List<String> sentToolNames(JsonNode request) {
        return request.path("tools").valueStream().map(tool -> tool.at("/function/name").asString()).toList();
    }

    private static List<String> toolResults(AgentResult result) {
        return result.messages().stream().filter(ToolMessage.class::isInstance).map(m -> m.content()).toList();
    }

    private static Agent.Builder agent(Object... tools) {
        return Agent.builder().model(ChatServer.model(server).build()).tools(tools);
    }

    @Test
    void aSourcesToolsAreOfferedAfterTheOtherToolsAndRunLikeThem() {
        ChangingTools source = new ChangingTools(Toolbox.of(tool("lookup", "found")));
        script(server, toolCalls(new String[] {"call_1", "lookup", "{}"}), answer("Found it."));

        AgentResult result = agent(source, new Clock()).build().run("Look it up.");

        assertThat(sentToolNames(requests(server).get(0))).containsExactly("now", "today", "lookup");
        assertThat(toolResults(result)).containsExactly("found");
        assertThat(source.askedWith.get(0)).as("the names the source must not use")
                .containsExactlyInAnyOrder("now", "today");
    }

    @Test
    void aChangedSetOfToolsIsSentAtTheNextModelCallAndItsNewToolsCanBeCalled() {
        ChangingTools source = new ChangingTools(Toolbox.of(tool("first", "one")));
        ToolSpec adder = ToolSpec.of("add_tool", "Adds a tool", "{\"type\": \"object\"}", (arguments, context) -> {
            source.tools.set(Toolbox.of(tool("first", "one"), tool("second", "two")));
            return "added";
        });
        script(server, toolCalls(new String[] {"call_1", "add_tool", "{}"}),
                toolCalls(new String[] {"call_2", "second", "{}"}), answer("Done."));

        AgentResult result = agent(adder, source).build().run("Add a tool and call it.");

        assertThat(sentToolNames(requests(server).get(0))).containsExactly("add_tool", "first");
        assertThat(sentToolNames(requests(server).get(1))).containsExactly("add_tool", "first", "second");
        assertThat(toolResults(result)).containsExactly("added", "two");
    }

    @Test
    void aToolThatLeftTheSourceIsAnUnknownToolForTheModel() {
        ChangingTools source = new ChangingTools(Toolbox.of(tool("first", "one")));
        ToolSpec remover = ToolSpec.of("remove_tool", "Removes a tool", "{\"type\": \"object\"}", (arguments, c) -> {
            source.tools.set(Toolbox.empty());
            return "removed";
        });
        script(server, toolCalls(new String[] {"call_1", "remove_tool", "{}"}),
                toolCalls(new String[] {"call_2", "first", "{}"}), answer("Done."));

        AgentResult result = agent(remover, source).build().run("Remove it.");

        assertThat(sentToolNames(requests(server).get(1))).containsExactly("remove_tool");
        assertThat(toolResults(result).get(1)).startsWith("Error: there is no tool named 'first'.");
    }

    @Test
    void eachSourceIsToldTheNamesOfTheToolsBeforeIt() {
        ChangingTools one = new ChangingTools(Toolbox.of(tool("a", "1")));
        ChangingTools two = new ChangingTools(Toolbox.of(tool("b", "2")));
        script(server, answer("hi"));

        agent(new Clock(), one, two).build().run("hi");

        assertThat(one.askedWith.get(0)).containsExactlyInAnyOrder("now", "today");
        assertThat(two.askedWith.get(0)).containsExactlyInAnyOrder("now", "today", "a");
    }

    @Test
    void aSourceThatReusesATakenNameFailsTheRunSayingWhichTools() {
        ChangingTools source = new ChangingTools(Toolbox.of(tool("now", "never")));
        script(server, answer("hi"));

        assertThatThrownBy(() -> agent(new Clock(), source).build().run("hi"))
                .isInstanceOf(ToolRegistrationException.class).hasMessageContaining("'now' is used twice");
    }

    @Test
    void theAgentsToolboxIsItsToolsOfNow() {
        ChangingTools source = new ChangingTools(Toolbox.of(tool("first", "one")));
        Agent agent = agent(new Clock(), source).build();

        assertThat(agent.toolbox().names()).containsExactly("now", "today", "first");
        source.tools.set(Toolbox.of(tool("second", "two")));
        assertThat(agent.toolbox().names()).containsExactly("now", "today", "second");
    }

    @Test
    void aLenientAgentSendsASourcesToolsNotStrict() {
        ChangingTools source = new ChangingTools(Toolbox.of(ToolSpec.of("closed", "A strict-ready tool", """
                {"type": "object", "properties": {}, "additionalProperties": false}
                """, (arguments, context) -> "ok")));
        script(server, answer("hi"), answer("hi"));

        agent(source).build().run("hi");
        agent(source).strictTools(false).build().run("hi");

        assertThat(requests(server).get(0).at("/tools/0/function/strict").asBoolean()).isTrue();
        assertThat(requests(server).get(1).at("/tools/0/function/strict").asBoolean(true)).isFalse();
    }

    @Test
    void closingTheAgentClosesItsSourcesOnce() {
        ChangingTools one = new ChangingTools(Toolbox.empty());
        ChangingTools two = new ChangingTools(Toolbox.empty());
        Agent agent = agent(one, two).build();
        Agent variant = agent.withOptions(io.agent4j.chat.ChatOptions.builder().temperature(0.0).build());

        variant.close();
        agent.close();

        assertThat(one.closed).hasValue(1);
        assertThat(two.closed).hasValue(1);
    }

    @Test
    void aSourceThatFailsToCloseDoesNotKeepTheOthersOpen() {
        ChangingTools failing = new ChangingTools(Toolbox.empty()) {
            @Override
            public void close() {
                super.close();
                throw new IllegalStateException("cannot close");
            }
        };
        ChangingTools other = new ChangingTools(Toolbox.empty());
        Agent agent = agent(failing, other).build();

        assertThatThrownBy(agent::close).isInstanceOf(IllegalStateException.class).hasMessage("cannot close");
        assertThat(other.closed).hasValue(1);
    }

    @Test
    void aToolboxRefusesASourceSayingWhereItGoes() {
        ChangingTools source = new ChangingTools(Toolbox.empty());

        assertThatThrownBy(() -> Toolbox.of(source)).isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("ToolSource").hasMessageContaining("Agent.Builder.tools");
    }
}
