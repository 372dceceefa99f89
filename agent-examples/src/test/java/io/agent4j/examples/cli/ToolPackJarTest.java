package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The weather pack of docs/tool-packs.md, built here from {@code src/test/resources/toolpack} as
 * its own Maven build would build it, then listed and run through {@code --tools} with
 * {@code --tool-config}.
 */
class ToolPackJarTest {

    /** The pack's project, the same files as docs/tool-packs.md shows. */
    static final Path PROJECT = Path.of("src", "test", "resources", "toolpack");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    static Path dir;

    private static Path packJar;

    @BeforeAll
    static void buildThePack() throws Exception {
        packJar = weatherPackJar(dir);
    }

    /** The weather pack's jar, built in {@code dir}. */
    static Path weatherPackJar(Path dir) throws Exception {
        return TestJars.ofProject(dir.resolve("weather-pack-1.0.jar"), PROJECT);
    }

    private static JsonNode listed(Cli.Result result, String name) {
        return JSON.readTree(result.out()).valueStream().map(tool -> tool.path("function"))
                .filter(function -> function.path("name").asString().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void toolsListsThePacksToolWithItsSchema() {
        Cli.Result result = Cli.run("tools", "--tools", packJar.toString(), "--tool-config", "weather.units=imperial",
                "--json");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        JsonNode tool = listed(result, "highTemperature");
        assertThat(tool.path("description").asString())
                .isEqualTo("Today's high temperature in a city, in the units the pack is configured for");
        assertThat(tool.path("strict").asBoolean()).isTrue();
        assertThat(tool.path("parameters")).isEqualTo(JSON.readTree("""
                {"type": "object",
                 "properties": {"city": {"type": "string", "description": "City name, e.g. Seoul"}},
                 "required": ["city"],
                 "additionalProperties": false}
                """));
    }

    @Test
    void toolsShowsTheJarAsAGroup() {
        Cli.Result result = Cli.run("tools", "--tools", packJar.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).as("the jar's tools and nothing else").isEqualTo(String.format("jar %s%n  "
                + "highTemperature(city: string)  Today's high temperature in a city, in the units the pack is "
                + "configured for%n", packJar));
    }

    @Test
    void theSettingReachesThePackAndTheToolRunsForReal() {
        Cli.Result result = runAskingForSeoul("--tool-config", "weather.units=imperial");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> requests = FakeOpenAi.requests(server);
        assertThat(requests.get(0).path("tools").valueStream().map(tool -> tool.at("/function/name").asString()))
                .containsExactly("highTemperature");
        JsonNode toolMessage = requests.get(1).at("/messages/3");
        assertThat(toolMessage.path("role").asString()).isEqualTo("tool");
        assertThat(toolMessage.path("content").asString()).isEqualTo("Seoul: 71.6 F");
    }

    @Test
    void withoutTheSettingThePackUsesItsDefault() {
        Cli.Result result = runAskingForSeoul();

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(FakeOpenAi.requests(server).get(1).at("/messages/3/content").asString()).isEqualTo("Seoul: 22.0 C");
    }

    private static Cli.Result runAskingForSeoul(String... settings) {
        FakeOpenAi.script(server,
                FakeOpenAi.toolCalls(new String[] {"call_1", "highTemperature", "{\"city\":\"Seoul\"}"}),
                FakeOpenAi.answer("It will be warm in Seoul."));
        List<String> args = new ArrayList<>(List.of("run", "--tools", packJar.toString()));
        args.addAll(List.of(settings));
        args.addAll(List.of("--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k", "How warm is Seoul today?"));
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertThat(result.out().strip()).isEqualTo("It will be warm in Seoul.");
        return result;
    }

    @Test
    void aSettingThePackRefusesFailsWithItsMessage() {
        Cli.Result result = Cli.run("tools", "--tools", packJar.toString(), "--tool-config", "weather.units=kelvin=K");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.errLines())
                .containsExactly("agent4j: weather.units must be metric or imperial, was 'kelvin=K'");
        assertThat(result.out()).doesNotContain("highTemperature");
    }

    @Test
    void aMisspeltSettingIsRefusedListingTheSettingsThePackHas() {
        Cli.Result tools = Cli.run("tools", "--tools", packJar.toString(), "--tool-config", "weather.unit=imperial");
        Cli.Result run = Cli.run("run", "--tools", packJar.toString(), "--tool-config", "weather.unit=imperial",
                "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k", "hi");

        for (Cli.Result result : List.of(tools, run)) {
            assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(result.errLines()).containsExactly("agent4j: Unknown setting 'weather.unit' for the weather "
                    + "tool pack; its settings are [units].");
        }
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void aRunWithARefusedSettingCallsNoModel() {
        Cli.Result result = Cli.run("run", "--tools", packJar.toString(), "--tool-config", "weather.units=kelvin",
                "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k", "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.errLines()).containsExactly("agent4j: weather.units must be metric or imperial, was 'kelvin'");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void aJarGivenTwiceIsAUsageErrorThatSaysSo() {
        Path sameFile = packJar.getParent().resolve(".").resolve(packJar.getFileName());

        Cli.Result run = Cli.run("run", "--tools", packJar.toString(), "--tools", sameFile.toString(),
                "--api-key", "k", "--base-url", FakeOpenAi.baseUrl(server), "hi");
        Cli.Result tools = Cli.run("tools", "--tools", packJar.toString(), "--tools", sameFile.toString());

        for (String command : List.of("run", "tools")) {
            Cli.Result result = command.equals("run") ? run : tools;

            assertThat(result.exitCode()).as(command).isEqualTo(ExitCodes.USAGE);
            assertThat(result.errLines()).containsExactly("agent4j: --tools " + sameFile + " was given twice (also as "
                    + packJar + "); give each jar once (see 'agent4j " + command + " --help')");
        }
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void twoJarsWithAPackOfOneNameAreRefusedNamingBoth() throws Exception {
        Path copy = Files.copy(packJar, dir.resolve("weather-pack-copy.jar"), StandardCopyOption.REPLACE_EXISTING);
        String refusal = "agent4j: the --tools jars " + packJar + " and " + copy + " both hold a tool pack named "
                + "'weather', and its settings (--tool-config weather.SETTING=VALUE) would reach both: give only one "
                + "of them";

        Cli.Result run = Cli.run("run", "--tools", packJar.toString(), "--tools", copy.toString(),
                "--tool-config", "weather.units=imperial", "--api-key", "k", "--base-url", FakeOpenAi.baseUrl(server),
                "hi");
        Cli.Result tools = Cli.run("tools", "--tools", packJar.toString(), "--tools", copy.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.errLines()).containsExactly(refusal);
        assertThat(FakeOpenAi.requests(server)).isEmpty();
        assertThat(tools.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(tools.errLines()).containsExactly(refusal);
        assertThat(tools.out()).as("the first jar is still listed").contains("jar " + packJar)
                .doesNotContain("jar " + copy);
    }

    /** The pack of {@code src/test/resources/brokenpack}, its jar without the class its tools are made of. */
    static Path brokenPackJar(Path dir) throws Exception {
        Path complete = TestJars.ofProject(dir.resolve("broken-pack-complete.jar"), BROKEN_PACK);
        return TestJars.without(complete, "com/example/broken/Helper.class", dir.resolve("broken-pack.jar"));
    }

    static final Path BROKEN_PACK = Path.of("src", "test", "resources", "brokenpack");

    static final String MISSING_CLASS = "agent4j: NoClassDefFoundError: com/example/broken/Helper: a class that a "
            + "tool jar or pack needs is missing or does not match; put the pack's dependencies in its jar (a shaded "
            + "jar), or use --verbose for the stack trace";

    @Test
    void anErrorOfAPackIsOneLineAndExit1() throws Exception {
        Path jar = brokenPackJar(dir);

        Cli.Result run = Cli.run("run", "--tools", jar.toString(), "--api-key", "k",
                "--base-url", FakeOpenAi.baseUrl(server), "hi");
        Cli.Result chat = Cli.withInput("hi\n", "chat", "--tools", jar.toString(), "--api-key", "k",
                "--base-url", FakeOpenAi.baseUrl(server), "--store", dir.resolve("chat.db").toString());
        Cli.Result tools = Cli.run("tools", "--tools", jar.toString());

        for (Cli.Result result : List.of(run, chat, tools)) {
            assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(result.errLines()).containsExactly(MISSING_CLASS);
        }
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void aPackThatRunsOutOfMemoryIsOneLineAndExit1() throws Exception {
        Path jar = brokenPackJar(dir);

        Cli.Result result = Cli.run("run", "--tools", jar.toString(), "--tool-config", "broken.fail=memory",
                "--api-key", "k", "--base-url", FakeOpenAi.baseUrl(server), "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("agent4j: OutOfMemoryError: ")
                .endsWith("; the command ran out of memory: give Java a larger heap (java -Xmx2g -jar ...), "
                        + "or use --verbose for the stack trace");
    }

    @Test
    void withVerboseAnErrorOfAPackComesWithItsStackTrace() throws Exception {
        Path jar = brokenPackJar(dir);

        Cli.Result result = Cli.run("run", "--tools", jar.toString(), "--verbose", "--api-key", "k",
                "--base-url", FakeOpenAi.baseUrl(server), "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.errLines().get(0)).isEqualTo(MISSING_CLASS);
        assertThat(result.err()).contains("java.lang.NoClassDefFoundError: com/example/broken/Helper")
                .contains("at com.example.broken.BrokenPack.tools(BrokenPack.java:");
    }

    @Test
    void aPackClassThatIsMissingFailsWithOneLine() throws Exception {
        Path resources = Files.createDirectories(dir.resolve("broken/META-INF/services"));
        Files.writeString(resources.resolve("io.agent4j.tool.ToolPack"), "com.example.Missing\n");
        Path jar = TestJars.build(dir.resolve("broken.jar"), dir.resolve("broken-sources"), dir.resolve("broken"));

        Cli.Result listed = Cli.run("tools", "--tools", jar.toString());
        Cli.Result run = Cli.run("run", "--tools", jar.toString(), "--api-key", "k",
                "--base-url", FakeOpenAi.baseUrl(server), "hi");

        for (Cli.Result result : List.of(listed, run)) {
            assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(result.errLines()).singleElement().asString()
                    .startsWith("agent4j: ").contains("com.example.Missing");
        }
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }
}
