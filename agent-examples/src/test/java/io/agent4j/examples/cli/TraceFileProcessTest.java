package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.examples.CalcSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --trace-file} of {@code run} and {@code chat} in a separate process ({@link CliProcess}),
 * on the offline calc example: the file holds OTLP JSON, one {@code ExportTraceServiceRequest} a
 * line, with the run's {@code invoke_agent}, {@code chat} and {@code execute_tool} spans and their
 * parent links; it is written whatever the exit code; {@code agent4j trace} reads it.
 */
class TraceFileProcessTest {

    private static final String SESSION = CalcSession.SHIPPED.toString();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** The spans of a trace file, each line parsed as an ExportTraceServiceRequest. */
    static List<JsonNode> spans(Path file) throws Exception {
        List<JsonNode> spans = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode request = JSON.readTree(line);
            assertThat(request.propertyNames()).containsExactly("resourceSpans");
            for (JsonNode resource : request.path("resourceSpans")) {
                assertThat(attributes(resource.path("resource"))).containsEntry("service.name", "agent4j");
                for (JsonNode scope : resource.path("scopeSpans")) {
                    assertThat(scope.path("scope").path("name").asString()).isEqualTo("io.agent4j.opentelemetry");
                    scope.path("spans").forEach(spans::add);
                }
            }
        }
        return spans;
    }

    static Map<String, String> attributes(JsonNode holder) {
        return holder.path("attributes").valueStream().collect(Collectors.toMap(a -> a.path("key").asString(),
                a -> a.path("value").propertyStream().findFirst().orElseThrow().getValue().toString()
                        .replaceAll("^\"|\"$", "")));
    }

    private static JsonNode named(List<JsonNode> spans, String name) {
        return spans.stream().filter(span -> span.path("name").asString().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void runWritesTheRunsSpansWithTheirParentLinks() throws Exception {
        Path file = dir.resolve("run.json");

        Cli.Result result = CliProcess.run(dir, "run", "--example", "calc", "--replay", SESSION, "--trace-file",
                file.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo(CalcSession.ANSWER + System.lineSeparator());
        List<JsonNode> spans = spans(file);
        assertThat(spans).extracting(span -> span.path("name").asString()).containsExactlyInAnyOrder(
                "invoke_agent calc", "chat", "chat", "execute_tool evaluate", "execute_tool convert");
        JsonNode run = named(spans, "invoke_agent calc");
        assertThat(run.has("parentSpanId")).isFalse();
        assertThat(run.path("traceId").asString()).matches("[0-9a-f]{32}");
        assertThat(run.path("spanId").asString()).matches("[0-9a-f]{16}");
        assertThat(run.path("startTimeUnixNano").asString()).matches("[0-9]{19}");
        assertThat(attributes(run)).containsEntry("gen_ai.operation.name", "invoke_agent")
                .containsEntry("gen_ai.agent.name", "calc").containsEntry("gen_ai.usage.input_tokens", "1233")
                .containsEntry("gen_ai.usage.output_tokens", "92").containsEntry("agent4j.run.steps", "2");
        for (JsonNode span : spans) {
            assertThat(span.path("traceId").asString()).isEqualTo(run.path("traceId").asString());
            if (span != run) {
                assertThat(span.path("parentSpanId").asString()).as(span.path("name").asString())
                        .isEqualTo(run.path("spanId").asString());
            }
        }
        assertThat(attributes(named(spans, "execute_tool convert"))).containsEntry("gen_ai.operation.name",
                "execute_tool").containsEntry("gen_ai.tool.name", "convert").containsEntry("agent4j.step", "1");
        assertThat(spans.stream().filter(span -> span.path("name").asString().equals("chat")).map(
                TraceFileProcessTest::attributes).map(a -> a.get("agent4j.step")).toList()).containsExactlyInAnyOrder(
                        "1", "2");
    }

    @Test
    void theShippedTraceHoldsTheSpansAFreshRunWrites() throws Exception {
        Path file = dir.resolve("run.json");
        CliProcess.run(dir, "run", "--example", "calc", "--replay", SESSION, "--trace-file", file.toString());

        assertThat(shape(spans(TraceCommandTest.SHIPPED))).isEqualTo(shape(spans(file)));
    }

    /** Each span's name, parent's name and attribute names, sorted: what does not change from run to run. */
    private static List<String> shape(List<JsonNode> spans) {
        Map<String, String> names = spans.stream().collect(Collectors.toMap(span -> span.path("spanId").asString(),
                span -> span.path("name").asString()));
        return spans.stream().map(span -> span.path("name").asString() + " < "
                + names.getOrDefault(span.path("parentSpanId").asString(""), "-") + " "
                + attributes(span).keySet().stream().sorted().toList()).sorted().toList();
    }

    @Test
    void traceShowsTheTimelineOfTheFileRunWrote() throws Exception {
        Path file = dir.resolve("traces").resolve("run.json");
        CliProcess.run(dir, "run", "--example", "calc", "--replay", SESSION, "--trace-file", file.toString());

        Cli.Result result = CliProcess.run(dir, "trace", file.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).matches("trace [0-9a-f]{32}  started \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
        String bar = "\\|[ █]{40}\\|";
        assertThat(lines.get(2)).matches("invoke_agent calc +[0-9.]+ m?s  \\|█{40}\\|  2 steps, 1,325 tokens "
                + "\\(1,233 in, 92 out\\), cost unknown");
        assertThat(lines.get(3)).matches("  step 1  chat +[0-9.]+ m?s  " + bar + "  626 tokens \\(\\d+ in, \\d+ out\\)");
        assertThat(lines.subList(4, 6)).allMatch(line -> line.matches(" {10}execute_tool (evaluate|convert) +[0-9.]+ "
                + "m?s  " + bar));
        assertThat(lines.get(6)).matches("  step 2  chat +[0-9.]+ m?s  " + bar + "  699 tokens \\(\\d+ in, \\d+ out\\)");
        assertThat(lines.get(7)).matches("time: model [0-9.]+ m?s \\(\\d+%\\), tools [0-9.]+ m?s \\(\\d+%\\), the rest "
                + "[0-9.]+ m?s \\(\\d+%\\)");
    }

    @Test
    void chatWritesARunPerMessage() throws Exception {
        Path file = dir.resolve("chat.json");

        Cli.Result result = CliProcess.run(dir, Map.of(), CalcSession.PROMPT + "\n", "chat", "--example", "calc",
                "--replay", SESSION, "--trace-file", file.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> spans = spans(file);
        assertThat(spans).extracting(span -> span.path("name").asString()).containsExactlyInAnyOrder(
                "invoke_agent calc", "chat", "chat", "execute_tool evaluate", "execute_tool convert");
        assertThat(attributes(named(spans, "invoke_agent calc"))).containsKey("gen_ai.conversation.id");
    }

    @Test
    void theSpansAreWrittenWhenTheRunFailsToo() throws Exception {
        Path file = dir.resolve("run.json");

        Cli.Result result = CliProcess.run(dir, "run", "--example", "calc", "--replay", SESSION, "--max-steps", "1",
                "--trace-file", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.MAX_STEPS);
        List<JsonNode> spans = spans(file);
        JsonNode run = named(spans, "invoke_agent calc");
        assertThat(run.path("status").path("code").asInt()).isEqualTo(2);
        assertThat(attributes(run)).containsKey("error.type");
        assertThat(spans).extracting(span -> span.path("name").asString()).contains("chat", "execute_tool convert");
        Cli.Result shown = CliProcess.run(dir, "trace", file.toString());
        assertThat(shown.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(shown.out().lines().toList().get(2)).contains("✗ failed: ");
    }

    @Test
    void theSpansAreWrittenWhenABudgetStopsTheRun() throws Exception {
        Path file = dir.resolve("run.json");

        Cli.Result result = CliProcess.run(dir, "run", "--example", "calc", "--replay", SESSION, "--max-tokens-total",
                "10", "--trace-file", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BUDGET);
        assertThat(spans(file)).extracting(span -> span.path("name").asString()).contains("invoke_agent calc");
    }

    @Test
    void theSpansAreWrittenWhenTheRunWaitsForApproval() throws Exception {
        Path notes = Files.createDirectories(dir.resolve("notes"));
        for (String name : List.of("README.md", "2025-06-02-standup.md", "2025-06-09-standup.md")) {
            Files.copy(Path.of("sample-notes", name), notes.resolve(name));
        }
        Path file = dir.resolve("run.json");

        Cli.Result result = CliProcess.run(dir, "run", "--example", "notes", "--tool-config", "files.root=" + notes,
                "--replay", ApprovalCliTest.SESSION.toString(), "--trace-file", file.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.WAITING);
        JsonNode run = named(spans(file), "invoke_agent notes");
        assertThat(attributes(run)).containsEntry("agent4j.run.waiting_for_approval", "true");
        assertThat(run.path("events").valueStream().map(event -> event.path("name").asString()).toList())
                .contains("agent4j.approval.waiting");
        Cli.Result shown = CliProcess.run(dir, "trace", file.toString());
        assertThat(shown.out()).contains("waits for approval of write_file at +");
    }

    @Test
    void aTraceFileThatIsAFolderIsAUsageError() throws Exception {
        Cli.Result result = CliProcess.run(dir, "run", "--example", "calc", "--replay", SESSION, "--trace-file",
                dir.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).containsExactly("agent4j: --trace-file " + dir + ": is a folder; "
                + "give the file to write the trace to, such as run.json (see 'agent4j run --help')");
    }
}
