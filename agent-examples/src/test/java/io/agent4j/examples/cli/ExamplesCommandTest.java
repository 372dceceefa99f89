package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agent4j.examples.Example;
import io.agent4j.examples.ExampleSessions;
import io.agent4j.examples.Examples;
import io.agent4j.mcp.testing.NodePackages;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent4j examples}: every example is listed with a description and a command, and every
 * command runs offline, exactly as printed, from the repository root: each is run by bash there,
 * with {@code bin/agent4j} standing for this build of the command line (a shell function that runs
 * {@link Main} on the test's class path, as {@code bin/agent4j} runs the jar), no {@code OPENAI_*}
 * variable, and a home folder of the test (where the sql example puts its database). The MCP
 * server of files-mcp is started by its default command, {@code npx -y PACKAGE@VERSION}, where
 * {@code npx} stands for a script that runs the pinned package on the pinned Node instead of
 * fetching it (tests never reach the registry); the server itself runs for real.
 */
class ExamplesCommandTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    static Path home;

    /** The command printed under each example, by name. */
    private static Map<String, String> printedCommands() {
        Cli.Result result = Cli.run("examples");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = result.out().lines().toList();
        Map<String, String> commands = new LinkedHashMap<>();
        for (Example example : Examples.all()) {
            int at = lines.indexOf(lines.stream().filter(line -> line.startsWith(example.name() + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("'" + example.name() + "' is not listed:\n" + result.out())));
            assertThat(lines.get(at)).endsWith("  " + example.description());
            assertThat(lines.get(at + 1)).startsWith(" ".repeat(example.name().length()));
            commands.put(example.name(), lines.get(at + 1).strip());
        }
        return commands;
    }

    @Test
    void everyExampleIsListedWithItsDescriptionAndACommandThatReplaysItsSession() {
        Map<String, String> commands = printedCommands();

        assertThat(commands.keySet()).containsExactly("calc", "files", "files-mcp", "notes", "sql", "travel", "receipt", "expenses",
                "chat");
        commands.forEach((name, command) -> {
            Example example = Examples.find(name).orElseThrow();
            assertThat(command).contains("bin/agent4j " + (example.conversational() ? "chat" : "run") + " --example "
                    + name + " ").contains(" --replay agent-examples/sessions/" + name + ".json");
            assertThat(ROOT.resolve("agent-examples/sessions/" + name + ".json")).isRegularFile();
            assertThat(example.description()).doesNotContain("\n");
        });
        assertThat(commands.get("calc")).endsWith("'" + Examples.find("calc").orElseThrow().samplePrompt() + "'");
        assertThat(commands.get("files")).contains(" --tool-config files.root=agent-examples/sample-folder ");
        assertThat(commands.get("files-mcp")).contains(" --tool-config files-mcp.root=agent-examples/sample-folder ")
                .doesNotContain("files-mcp.command");
        assertThat(commands.get("receipt")).contains(" --tool-config receipt.folder=agent-examples/sample-receipts ");
        assertThat(commands.get("notes")).contains(" --tool-config files.root=agent-examples/sample-notes ");
        assertThat(commands.get("expenses")).contains(" --tool-config files.root=agent-examples/sample-expenses ");
        assertThat(commands.get("chat")).startsWith("printf '%s\\n' 'How many days").contains(" | bin/agent4j chat ");
    }

    @Test
    void quotingSurvivesASingleQuote() {
        assertThat(ExamplesCommand.shell(List.of("bin/agent4j", "run", "What's 2+2?", "a=b")))
                .isEqualTo("bin/agent4j run 'What'\\''s 2+2?' a=b");
    }

    @TestFactory
    Stream<DynamicTest> everyPrintedCommandRunsOfflineFromTheRepositoryRootAndGivesTheRecordedAnswer() {
        assumeTrue(bash() != null, "bash is needed to run the printed commands");
        return printedCommands().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            Outcome outcome = runInBash(entry.getValue());
            if (entry.getKey().equals("notes")) {
                // it stops before its write, which only 'agent4j resume' makes (ApprovalCliTest, on a copy of the folder)
                assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.WAITING);
                assertThat(outcome.out()).isEmpty();
                assertThat(outcome.err()).contains("agent4j resume ", " --approve call_write");
                return;
            }

            assertThat(outcome.exitCode()).as("exit code of %s%nstderr: %s", entry.getValue(), outcome.err()).isZero();
            assertThat(outcome.out().strip().replace("\r\n", "\n"))
                    .isEqualTo(String.join("\n", ExampleSessions.answers(entry.getKey())));
        }));
    }

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome runInBash(String command) throws Exception {
        String launcher = "bin/agent4j() { \"$EXAMPLES_TEST_JAVA\" -Duser.home=\"$EXAMPLES_TEST_HOME\" "
                + "-cp \"$EXAMPLES_TEST_CLASSPATH\" " + Main.class.getName() + " \"$@\"; }\n";
        ProcessBuilder builder = new ProcessBuilder(bash(), "-c", launcher + command).directory(ROOT.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("OPENAI_") || name.startsWith("AGENT4J_")
                || name.equals("NO_COLOR") || name.equals("TERM"));
        environment.put("EXAMPLES_TEST_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        environment.put("EXAMPLES_TEST_HOME", home.toString());
        environment.put("EXAMPLES_TEST_CLASSPATH", classPath());
        environment.put("PATH", npxOfThePinnedPackages() + File.pathSeparator + environment.getOrDefault("PATH", ""));
        Path stderr = Files.createTempFile(home, "stderr", ".txt");
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(emptyFile()))
                .redirectError(stderr.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Outcome(process.exitValue(), out, Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** The class path of this test, with relative entries made absolute (the commands run elsewhere). */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * A folder with an {@code npx} that runs {@code npx -y PACKAGE[@VERSION] ARGS} as the pinned
     * package's {@code dist/index.js} on the pinned Node, offline.
     */
    private static String npxOfThePinnedPackages() throws Exception {
        Path bin = Files.createDirectories(home.resolve("npx-bin"));
        Path npx = bin.resolve("npx");
        Path modules = NodePackages.home().resolve("node_modules");
        Files.writeString(npx, String.join("\n", "#!/bin/sh",
                "[ \"$1\" = -y ] && shift",
                "package=\"$1\"; shift",
                "case \"$package\" in ?*@*) package=\"${package%@*}\";; esac",
                "exec '" + NodePackages.node() + "' --require '" + NodePackages.loopbackPreload() + "' '" + modules
                        + "'/\"$package\"/dist/index.js \"$@\"", ""));
        npx.toFile().setExecutable(true);
        return bin.toString();
    }

    private static File emptyFile() throws Exception {
        Path empty = home.resolve("empty-stdin");
        if (!Files.exists(empty)) {
            Files.createFile(empty);
        }
        return empty.toFile();
    }

    private static String bash() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "bash");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
