package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A pack jar on the command line's own class path is a ready pack: {@code agent4j tools} lists it
 * and {@code run --packs} adds it. Runs the command line in a new JVM with the weather pack of
 * docs/tool-packs.md appended to this test's class path.
 */
class PackOnClassPathTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    static Path dir;

    private static Path packJar;

    @BeforeAll
    static void buildThePack() throws Exception {
        packJar = TestJars.ofProject(dir.resolve("weather-pack-1.0.jar"), ToolPackJarTest.PROJECT);
    }

    private static Cli.Result agent4j(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + dir.resolve("home"),
                "-cp", System.getProperty("java.class.path") + File.pathSeparator + packJar,
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("OPENAI_"));
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        return new Cli.Result(process.exitValue(), out, err);
    }

    @Test
    void toolsListsThePack() throws Exception {
        Cli.Result result = agent4j("tools");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains(String.format("pack weather: Today's weather for a city (sample data)%n"
                + "  highTemperature(city: string)  Today's high temperature in a city, in the units the pack is "
                + "configured for%n"));
    }

    @Test
    void runAddsThePackConfiguredByItsSettings() throws Exception {
        FakeOpenAi.script(server,
                FakeOpenAi.toolCalls(new String[] {"call_1", "highTemperature", "{\"city\":\"Seoul\"}"}),
                FakeOpenAi.answer("About 72 F."));

        Cli.Result result = agent4j("run", "--packs", "weather", "--tool-config", "weather.units=imperial",
                "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k", "How warm is Seoul?");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().strip()).isEqualTo("About 72 F.");
        List<JsonNode> requests = FakeOpenAi.requests(server);
        assertThat(requests.get(0).path("tools").valueStream().map(tool -> tool.at("/function/name").asString()))
                .containsExactly("highTemperature");
        assertThat(requests.get(1).at("/messages/3/content").asString()).isEqualTo("Seoul: 71.6 F");
    }

    @Test
    void anUnknownPackNamesTheWeatherPackAmongTheAvailable() throws Exception {
        Cli.Result result = agent4j("run", "--packs", "wether", "--api-key", "k", "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("agent4j: Unknown pack 'wether'; the packs are: ").contains("weather");
    }
}
