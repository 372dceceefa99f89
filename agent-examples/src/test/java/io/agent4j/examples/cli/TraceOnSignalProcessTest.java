package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A stop signal in the middle of a tool: the run's spans are in the trace file all the same. */
class TraceOnSignalProcessTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    Path dir;

    @Test
    void aRunStoppedInTheMiddleOfAToolStillWritesItsSpans() throws Exception {
        Path jar = GateTool.jar(dir);
        Path marker = dir.resolve("entered");
        Path file = dir.resolve("run.json");
        FakeOpenAi.script(server, FakeOpenAi.toolCalls(new String[] {"g1", "waitHere", "{}"}),
                FakeOpenAi.answer("Done."));
        Process process = CliProcess.start(dir, GateTool.environment(marker), "",
                dir.resolve("stderr.txt"), "run", "--base-url", FakeOpenAi.baseUrl(server), "--api-key",
                FakeOpenAi.KEY, "--tools", jar.toString(), "--trace-file", file.toString(), "--quiet", "Wait, please.");
        GateTool.awaitEntered(process, marker);
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.TERMINATED);

        List<JsonNode> spans = TraceFileProcessTest.spans(file);
        assertThat(spans).extracting(span -> span.path("name").asString()).contains("invoke_agent agent4j",
                "execute_tool waitHere");
        JsonNode run = spans.stream().filter(span -> span.path("name").asString().equals("invoke_agent agent4j"))
                .findFirst().orElseThrow();
        assertThat(run.path("status").path("code").asInt()).isEqualTo(2);
    }
}
