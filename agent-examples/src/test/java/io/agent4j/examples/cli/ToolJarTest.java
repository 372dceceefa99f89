package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code --tools JAR}: a jar compiled here, with one {@code @Tool} class, becomes the agent's tools. */
class ToolJarTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    static Path dir;

    private static Path toolJar;
    private static Path emptyJar;

    private static final String GREETER = """
            package demo.tools;

            import io.agent4j.tool.Param;
            import io.agent4j.tool.Tool;

            public class Greeter {
                @Tool("Greets a person by name")
                public String greet(@Param("Who to greet") String name) {
                    return "Hello, " + name + "!";
                }
            }
            """;

    private static final String PLAIN = """
            package demo.plain;

            public class Plain {
                public String hello() {
                    return "hi";
                }
            }
            """;

    @BeforeAll
    static void buildJars() throws Exception {
        toolJar = TestJars.ofClass(dir.resolve("tools.jar"), "demo.tools.Greeter", GREETER);
        emptyJar = TestJars.ofClass(dir.resolve("plain.jar"), "demo.plain.Plain", PLAIN);
    }

    @Test
    void theAgentUsesExactlyTheToolsOfTheJarAndTheRecordingReplays() {
        FakeOpenAi.script(server,
                FakeOpenAi.toolCalls(new String[] {"call_1", "greet", "{\"name\":\"Ada\"}"}),
                FakeOpenAi.answer("I greeted Ada: Hello, Ada!"));
        Path recording = dir.resolve("greet.json");

        Cli.Result live = Cli.run("run", "--tools", toolJar.toString(), "--base-url", FakeOpenAi.baseUrl(server),
                "--api-key", "k", "--record", recording.toString(), "Greet Ada");

        assertThat(live.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(live.out().strip()).isEqualTo("I greeted Ada: Hello, Ada!");
        List<JsonNode> requests = FakeOpenAi.requests(server);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).path("tools")).hasSize(1);
        assertThat(requests.get(0).at("/tools/0/function/name").asString()).isEqualTo("greet");
        assertThat(requests.get(0).at("/messages/0/content").asString()).isEqualTo(RunCommand.GENERIC_INSTRUCTIONS);
        JsonNode toolMessage = requests.get(1).at("/messages/3");
        assertThat(toolMessage.path("role").asString()).isEqualTo("tool");
        assertThat(toolMessage.path("content").asString()).isEqualTo("Hello, Ada!");

        server.resetAll();
        Cli.Result replay = Cli.run("run", "--tools", toolJar.toString(), "--replay", recording.toString(),
                "Greet Ada");
        assertThat(replay.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(replay.out()).isEqualTo(live.out());
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void jarToolsAddToTheExamplesTools() {
        FakeOpenAi.script(server, FakeOpenAi.answer("ok"));

        Cli.Result result = Cli.run("run", "--example", "calc", "--tools", toolJar.toString(),
                "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k", "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        List<String> names = FakeOpenAi.requests(server).get(0).path("tools").valueStream()
                .map(tool -> tool.at("/function/name").asString()).toList();
        assertThat(names).containsExactlyInAnyOrder("evaluate", "percentOf", "sqrt", "convert", "greet");
    }

    @Test
    void aJarWithoutToolsFailsWithOneLine() {
        Cli.Result result = Cli.run("run", "--tools", emptyJar.toString(), "--api-key", "k",
                "--base-url", FakeOpenAi.baseUrl(server), "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("agent4j: Tool jar " + emptyJar).contains("no class with a public @Tool method");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }
}
