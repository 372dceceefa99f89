package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.examples.CalcExample;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.ToolPack;
import io.agent4j.tool.Toolbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code agent4j tools}: the listing for people, the JSON for programs, and its usage errors. */
class ToolsCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    static Path dir;

    /** The {@code tools} array of the first request {@code agent4j run} sends with these options. */
    private static JsonNode sentTools(String... options) {
        FakeOpenAi.script(server, FakeOpenAi.answer("hi"));
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(options));
        args.addAll(List.of("--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k", "hi"));
        Cli.Result run = Cli.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> requests = FakeOpenAi.requests(server);
        assertThat(requests).hasSize(1);
        server.resetAll();
        return requests.get(0).path("tools");
    }

    private static JsonNode listedJson(String... options) {
        List<String> args = new ArrayList<>(List.of("tools"));
        args.addAll(List.of(options));
        args.add("--json");
        Cli.Result listed = Cli.run(args.toArray(String[]::new));
        assertThat(listed.exitCode()).as(listed.err()).isEqualTo(ExitCodes.OK);
        return JSON.readTree(listed.out());
    }

    @Test
    void theJsonOfAnExampleIsExactlyTheToolsItsAgentSends() {
        JsonNode sent = sentTools("--example", "calc");

        assertThat(sent).hasSize(4);
        assertThat(listedJson("--example", "calc")).isEqualTo(sent);
    }

    @Test
    void theJsonOfPacksJarsAndAnExampleTogetherIsExactlyWhatTheirAgentSends() throws Exception {
        Path jar = ToolPackJarTest.weatherPackJar(dir);
        String[] options = {"--example", "calc", "--packs", "time,math", "--tools", jar.toString(),
            "--tool-config", "weather.units=imperial"};

        JsonNode sent = sentTools(options);

        assertThat(sent.valueStream().map(tool -> tool.at("/function/name").asString())).contains("evaluate",
                "convert", "time_now", "highTemperature");
        assertThat(listedJson(options)).isEqualTo(sent);
        assertThat(listedJson("--packs", "files", "--tool-config", "files.root=" + dir))
                .isEqualTo(sentTools("--packs", "files", "--tool-config", "files.root=" + dir));
        assertThat(listedJson("--tools", jar.toString())).isEqualTo(sentTools("--tools", jar.toString()));
    }

    @Test
    void anExampleIsListedAloneUnderItsNameWithSignatureAndDescription() {
        Cli.Result result = Cli.run("tools", "--example", "calc");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("example calc: exact arithmetic and unit conversion; tools from plain objects");
        assertThat(lines.subList(1, 5)).satisfiesExactly(
                line -> assertThat(line).startsWith("  evaluate(expression: string)  ").contains("Evaluates"),
                line -> assertThat(line).startsWith("  percentOf(percent: string, value: string)  "),
                line -> assertThat(line).startsWith("  sqrt(value: string)  "),
                line -> assertThat(line).startsWith("  convert(value: number, from: string, to: string)  ")
                        .contains("Converts a quantity"));
    }

    @Test
    void theJsonIsOneArrayOfToolsInTheRequestsFormAndNothingElse() {
        JsonNode listed = listedJson("--example", "calc");

        assertThat(listed.isArray()).isTrue();
        listed.forEach(tool -> {
            assertThat(tool.propertyNames()).containsExactly("type", "function");
            assertThat(tool.path("type").asString()).isEqualTo("function");
            assertThat(tool.path("function").propertyNames())
                    .containsExactly("name", "description", "parameters", "strict");
        });
        List<ToolDefinition> expected = CalcExample.tools().definitions();
        assertThat(listed).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode function = listed.get(i).path("function");
            assertThat(function.path("name").asString()).isEqualTo(expected.get(i).name());
            assertThat(function.path("description").asString()).isEqualTo(expected.get(i).description());
            assertThat(function.path("strict").asBoolean()).isEqualTo(expected.get(i).strict());
            assertThat(function.path("parameters")).isEqualTo(expected.get(i).parameters());
        }
    }

    @Test
    void anUnknownPackIsAUsageErrorThatListsThePacks() {
        assertUsageError(Cli.run("tools", "--packs", "wether"), "Unknown pack 'wether'; the packs are: ");
    }

    @Test
    void listsEveryReadyPackOnTheClassPath() {
        List<ToolPack> packs = ToolPack.discover(ToolsCommandTest.class.getClassLoader());

        Cli.Result result = Cli.run("tools");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().lines().filter(line -> line.startsWith("pack ")))
                .containsExactlyElementsOf(packs.stream().map(pack -> "pack " + pack.name() + ": "
                        + pack.description()).toList());
        for (ToolPack pack : packs) {
            Toolbox tools = Toolbox.ofPacks(List.of(pack), Map.of());
            tools.definitions().forEach(tool -> assertThat(result.out()).contains("  " + ToolSignature.of(tool)));
        }
        if (packs.isEmpty()) {
            assertThat(result.errLines()).containsExactly("agent4j: no tools: there are no tool packs on the "
                    + "class path; add --tools JAR or --example NAME");
        }
    }

    @Test
    void aToolConfigWithoutEqualsIsAUsageError() {
        String expected = "--tool-config weather.units: expected KEY=VALUE, e.g. weather.units=imperial";

        assertUsageError(Cli.run("tools", "--tool-config", "weather.units"), expected);
        assertUsageError(Cli.run("run", "--tool-config", "weather.units", "--replay", "x.json", "hi"), expected);
    }

    @Test
    void aToolConfigKeyMustNameThePack() {
        assertUsageError(Cli.run("tools", "--tool-config", "units=imperial"),
                "--tool-config units=imperial: the KEY must be PACK.SETTING, e.g. weather.units=imperial");
    }

    @Test
    void aMissingJarIsAUsageError() {
        assertUsageError(Cli.run("tools", "--tools", "no-such-tools.jar"), "--tools no-such-tools.jar: no such file");
    }

    @Test
    void anUnknownExampleIsAUsageError() {
        assertUsageError(Cli.run("tools", "--example", "weather"),
                "Unknown example 'weather'; the examples are: calc, files, files-mcp, notes, sql, travel, receipt, expenses, chat (see 'agent4j tools --help')");
    }

    private static void assertUsageError(Cli.Result result, String expected) {
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).singleElement().asString().startsWith("agent4j: ").contains(expected);
    }
}
