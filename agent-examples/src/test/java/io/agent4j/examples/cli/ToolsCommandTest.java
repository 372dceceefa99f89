package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.examples.CalcExample;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.ToolPack;
import io.agent4j.tool.Toolbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code agent4j tools}: the listing for people, the JSON for programs, and its usage errors. */
class ToolsCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    @Test
    void listsTheExamplesToolsUnderItsNameWithSignatureAndDescription() {
        Cli.Result result = Cli.run("tools", "--example", "calc");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = result.out().lines().toList();
        int header = lines.indexOf("example calc: exact arithmetic and unit conversion; tools from plain objects");
        assertThat(header).isNotNegative();
        assertThat(lines.subList(header + 1, header + 5)).satisfiesExactly(
                line -> assertThat(line).startsWith("  evaluate(expression: string)  ").contains("Evaluates"),
                line -> assertThat(line).startsWith("  percentOf(percent: string, value: string)  "),
                line -> assertThat(line).startsWith("  sqrt(value: string)  "),
                line -> assertThat(line).startsWith("  convert(value: number, from: string, to: string)  ")
                        .contains("Converts a quantity"));
    }

    @Test
    void jsonIsOneArrayOfTheDefinitionsAndNothingElse() {
        Cli.Result result = Cli.run("tools", "--example", "calc", "--json");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        JsonNode listed = JSON.readTree(result.out());
        assertThat(listed.isArray()).isTrue();
        listed.forEach(tool -> assertThat(tool.propertyNames())
                .containsExactly("name", "description", "strict", "parameters"));
        for (ToolDefinition expected : CalcExample.tools().definitions()) {
            JsonNode tool = listed.valueStream()
                    .filter(node -> node.path("name").asString().equals(expected.name())).findFirst().orElseThrow();
            assertThat(tool.path("description").asString()).isEqualTo(expected.description());
            assertThat(tool.path("strict").asBoolean()).isEqualTo(expected.strict());
            assertThat(tool.path("parameters")).isEqualTo(expected.parameters());
        }
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
                "Unknown example 'weather'; the examples are: calc, files, sql, travel, receipt, chat (see 'agent4j tools --help')");
    }

    private static void assertUsageError(Cli.Result result, String expected) {
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).singleElement().asString().startsWith("agent4j: ").contains(expected);
    }
}
