package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.tool.Tool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
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
        toolJar = jar("tools.jar", "demo.tools.Greeter", GREETER);
        emptyJar = jar("plain.jar", "demo.plain.Plain", PLAIN);
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
                .startsWith("agent4j: Tool jar " + emptyJar).contains("holds no class with a public @Tool method");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    /** Compiles one class against agent4j's annotations (with -parameters) and jars it. */
    private static Path jar(String name, String className, String source) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assumeTrue(javac != null, "needs a JDK with javax.tools");
        Path work = Files.createDirectories(dir.resolve(name + ".build"));
        Path file = work.resolve("src").resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        Path classes = Files.createDirectories(work.resolve("classes"));
        String classPath = Path.of(Tool.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + java.io.File.pathSeparator + System.getProperty("java.class.path");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-parameters", "-proc:none", "-classpath", classPath,
                "-d", classes.toString(), file.toString());
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();

        Path jar = dir.resolve(name);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path path : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                copy(path, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void copy(Path path, OutputStream out) throws IOException {
        Files.copy(path, out);
    }
}
