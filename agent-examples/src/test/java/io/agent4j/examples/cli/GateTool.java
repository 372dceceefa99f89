package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A tool jar whose one tool, {@code waitHere}, writes a marker file (named by the variable
 * {@code GATE_MARKER}) and then waits a minute, so that a test can stop a command in the middle of
 * a tool call.
 */
final class GateTool {

    private static final String SOURCE = """
            package gate;

            import io.agent4j.tool.Tool;
            import java.nio.file.Files;
            import java.nio.file.Path;

            public class Gate {
                @Tool("Waits a minute")
                public String waitHere() throws Exception {
                    Files.writeString(Path.of(System.getenv("GATE_MARKER")), "entered");
                    Thread.sleep(60_000);
                    return "waited";
                }
            }
            """;

    private GateTool() {
    }

    /** The jar, built in {@code dir}. */
    static Path jar(Path dir) throws Exception {
        return TestJars.ofClass(dir.resolve("gate.jar"), "gate.Gate", SOURCE);
    }

    /** The variables that tell the tool where its marker goes. */
    static Map<String, String> environment(Path marker) {
        return Map.of("GATE_MARKER", marker.toString());
    }

    /** Waits (up to 30 s) until the tool has been entered, the process running all the while. */
    static void awaitEntered(Process process, Path marker) throws InterruptedException {
        for (int i = 0; i < 600 && !Files.exists(marker); i++) {
            assertThat(process.isAlive()).as("the command is running").isTrue();
            Thread.sleep(50);
        }
        assertThat(marker).exists();
    }
}
