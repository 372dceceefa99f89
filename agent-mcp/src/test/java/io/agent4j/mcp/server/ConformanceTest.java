package io.agent4j.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.mcp.testing.NodePackages;
import io.agent4j.tool.Toolbox;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, pinned) in server
 * mode against an {@link McpToolServer} of {@link ConformanceTools} over Streamable HTTP. Every
 * scenario is judged by its checks ({@code checks.json}), not the suite's exit code. The suite's
 * coloured output goes to {@code target/conformance/suite.log}, the table of results to
 * {@code target/conformance/results.md}.
 */
@NodePackages.Needed
class ConformanceTest {

    /** The scenarios of a server of tools: the lifecycle, logging, the tools, the transport and its security. */
    static final List<String> TOOL_SCENARIOS = List.of(
            "server-initialize", "ping", "logging-set-level",
            "tools-list", "tools-call-simple-text", "tools-call-image", "tools-call-audio",
            "tools-call-embedded-resource", "tools-call-mixed-content", "tools-call-with-logging",
            "tools-call-error", "tools-call-with-progress", "tools-call-sampling", "tools-call-elicitation",
            "elicitation-sep1034-defaults", "elicitation-sep1330-enums",
            "server-sse-multiple-streams", "dns-rebinding-protection", "json-schema-2020-12");

    private static final Path OUT = Path.of("target", "conformance").toAbsolutePath();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Map<String, List<JsonNode>> checks;

    @BeforeAll
    static void runTheSuite() throws Exception {
        List<String> command = NodePackages.command("@modelcontextprotocol/conformance/dist/index.js");
        McpToolServer server = McpToolServer.builder().name("agent4j-conformance")
                .tools(Toolbox.of(new ConformanceTools(), ConformanceTools.jsonSchemaTool())).build();
        Path results = OUT.resolve("run-" + System.currentTimeMillis());
        Files.createDirectories(results);
        try (McpHttpServer http = server.startHttp(new InetSocketAddress("127.0.0.1", 0))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("server", "--url", http.url().toString(), "--suite", "all", "-o", results.toString()));
            Process suite = new ProcessBuilder(args).directory(NodePackages.home().toFile())
                    .redirectErrorStream(true).redirectOutput(OUT.resolve("suite.log").toFile()).start();
            assertThat(suite.waitFor(3, TimeUnit.MINUTES)).as("the suite finished within 3 minutes").isTrue();
        }
        checks = readChecks(results);
        Files.writeString(OUT.resolve("results.md"), table(checks));
    }

    @Test
    void everyToolScenarioOfTheSuitePasses() {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String scenario : TOOL_SCENARIOS) {
            outcomes.put(scenario, outcome(checks.getOrDefault(scenario, List.of())));
        }
        assertThat(outcomes).as("the outcome of each tool scenario (see target/conformance/results.md)")
                .allSatisfy((scenario, outcome) -> assertThat(outcome).as(scenario).isEqualTo("passed"));
    }

    /**
     * The table of results in {@code docs/mcp.md} is this run's: the same scenarios, each with the
     * same outcome (passed, warnings only, failed) and the same counts of checks.
     */
    @Test
    void theResultsInTheDocsAreThoseOfTheSuite() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "mcp.md"));
        int start = lines.indexOf(lines.stream().filter(line -> line.startsWith("| scenario | result |")).findFirst()
                .orElseThrow(() -> new AssertionError("docs/mcp.md has no table of conformance results")));
        Map<String, String> documented = new TreeMap<>();
        for (String line : lines.subList(start + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            String result = cells[2].strip();
            String kind = result.startsWith("passed") ? "passed" : result.startsWith("warnings only") ? "warnings only"
                    : result.startsWith("failed") ? "failed" : result;
            String counts = cells[3].strip().replaceFirst(" each$", "");
            Matcher names = Pattern.compile("`([a-z0-9-]+)`").matcher(cells[1]);
            while (names.find()) {
                documented.put(names.group(1), kind + ", " + counts);
            }
        }
        Map<String, String> run = new TreeMap<>();
        checks.forEach((scenario, list) -> {
            String outcome = outcome(list);
            String kind = outcome.startsWith("warnings only") ? "warnings only" : outcome.startsWith("failed") ? "failed"
                    : outcome;
            run.put(scenario, kind + ", " + count(list, "SUCCESS") + " / " + count(list, "WARNING") + " / "
                    + count(list, "FAILURE"));
        });
        assertThat(documented).as("docs/mcp.md's conformance results against this run's (target/conformance/results.md)")
                .isEqualTo(run);
    }

    /**
     * passed: no check failed and at least one succeeded; warnings only: none failed, none
     * succeeded, some warned (SHOULDs); otherwise failed (with the failing checks), or not run.
     */
    static String outcome(List<JsonNode> scenarioChecks) {
        if (scenarioChecks.isEmpty()) {
            return "not run";
        }
        List<String> failed = scenarioChecks.stream().filter(check -> check.path("status").asString().equals("FAILURE"))
                .map(check -> check.path("id").asString() + ": " + check.path("errorMessage").asString()).toList();
        if (!failed.isEmpty()) {
            return "failed " + failed;
        }
        if (scenarioChecks.stream().anyMatch(check -> check.path("status").asString().equals("SUCCESS"))) {
            return "passed";
        }
        List<String> warned = scenarioChecks.stream().filter(check -> check.path("status").asString().equals("WARNING"))
                .map(check -> check.path("id").asString()).toList();
        return warned.isEmpty() ? "no check succeeded" : "warnings only " + warned;
    }

    private static Map<String, List<JsonNode>> readChecks(Path results) throws IOException {
        Map<String, List<JsonNode>> byScenario = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(results)) {
            for (Path dir : dirs.toList()) {
                Path file = dir.resolve("checks.json");
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                String scenario = dir.getFileName().toString().replaceFirst("^server-", "")
                        .replaceFirst("-\\d{4}-\\d{2}-\\d{2}T.*$", "");
                List<JsonNode> list = new ArrayList<>();
                JSON.readTree(file.toFile()).forEach(list::add);
                byScenario.put(scenario, list);
            }
        }
        return byScenario;
    }

    private static String table(Map<String, List<JsonNode>> checks) {
        StringBuilder table = new StringBuilder("| scenario | result | checks (success / warning / failure) |\n|---|---|---|\n");
        checks.forEach((scenario, list) -> table.append("| ").append(scenario).append(" | ")
                .append(outcome(list).replace("|", "/")).append(" | ")
                .append(count(list, "SUCCESS")).append(" / ").append(count(list, "WARNING")).append(" / ")
                .append(count(list, "FAILURE")).append(" |\n"));
        return table.toString();
    }

    private static long count(List<JsonNode> list, String status) {
        return list.stream().filter(check -> check.path("status").asString().equals(status)).count();
    }
}
