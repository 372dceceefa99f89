package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of docs/cli.md and docs/testing.md that runs offline does run, and exits 0, and no command of README.md
 * or the guide leaves a file in the checkout. Each {@code sh} block is cut into commands (a line
 * ending in {@code |} or {@code \} continues), and each is run by bash in a folder of the test laid
 * out like the checkout (a copy of the shipped sessions and samples under {@code agent-examples}),
 * with {@code bin/agent4j} a shell function that runs {@link Main} on this test's class path, and
 * {@code HOME} and {@code user.home} another folder of the test. A {@code run} or {@code chat} needs
 * a live model unless it replays a shipped session ({@code --replay agent-examples/sessions/...})
 * or only shows its help or settings; those are left out, as are commands naming files only a live
 * run would make, and those that start an MCP server ({@code --mcp}, {@code --mcp-url}).
 */
class CliDocsCommandsTest {

    private static final Path GUIDE = Path.of("..", "docs", "cli.md");
    private static final Path README = Path.of("..", "README.md");
    /** The testing guide, whose {@code agent4j eval} command runs an example's eval set offline (its Maven commands are not run here). */
    private static final Path TESTING = Path.of("..", "docs", "testing.md");
    private static final Pattern SH_BLOCK = Pattern.compile("```(?:sh|bash)\\n(.*?)```", Pattern.DOTALL);
    /** The folders of agent-examples that the documented commands read. */
    private static final List<String> SAMPLES = List.of("sessions", "sample-folder", "sample-receipts",
            "sample-expenses", "sample-notes", "sample-traces", "evals");
    /**
     * Where a command writes a file: {@code --record FILE}, {@code --store FILE}, {@code --trace-file FILE}, a redirection
     * ({@code > FILE}, {@code >> FILE}) and a flight recording ({@code filename=FILE}).
     */
    private static final Pattern WRITES = Pattern.compile(
            "(?:--record\\s+|--store\\s+|--trace-file\\s+|(?<![0-9&>])>>?\\s*|StartFlightRecording:filename=)([^\\s,;|)]+)");

    private record Outcome(int exitCode, String out, String err) {
    }

    /** The commands of the guide's sh blocks, continuation lines joined. */
    static List<String> commands() throws Exception {
        return commands(GUIDE);
    }

    /** The commands of the sh blocks of one Markdown file, continuation lines joined. */
    static List<String> commands(Path markdown) throws Exception {
        List<String> commands = new ArrayList<>();
        Matcher block = SH_BLOCK.matcher(Files.readString(markdown));
        while (block.find()) {
            StringBuilder command = new StringBuilder();
            for (String line : block.group(1).lines().toList()) {
                command.append(line).append('\n');
                String code = line.replaceFirst("\\s+#.*$", "").stripTrailing();
                if (!code.endsWith("|") && !code.endsWith("\\")) {
                    if (!command.toString().isBlank()) {
                        commands.add(command.toString().strip());
                    }
                    command.setLength(0);
                }
            }
        }
        return commands;
    }

    /** Whether the command can run here: offline, and with the files it names. */
    static boolean offline(String command) {
        if (Pattern.compile("bin/agent4j eval\\b").matcher(command).find()) {
            return command.contains("--replay-dir agent-examples/evals/") || command.contains("--help");
        }
        boolean runOrChat = Pattern.compile("bin/agent4j (run|chat)\\b").matcher(command).find();
        if (runOrChat) {
            return command.contains("--replay agent-examples/sessions/") || command.contains("--show-config")
                    || command.contains("--help");
        }
        // an MCP server is a program of its own, which npx would fetch from the registry
        return !command.contains("--tools ") && !command.contains("export OPENAI_API_KEY")
                && !command.contains("--mcp");
    }

    @Test
    void theGuideHasOfflineCommandsOfEveryKind() throws Exception {
        List<String> offline = commands().stream().filter(CliDocsCommandsTest::offline).toList();

        assertThat(offline).anyMatch(c -> c.contains("--json")).anyMatch(c -> c.contains("completion"))
                .anyMatch(c -> c.contains("--show-config")).anyMatch(c -> c.contains("NO_COLOR"))
                .anyMatch(c -> c.contains("chat")).anyMatch(c -> c.contains("--max-steps 1"));
    }

    @Test
    void everyOfflineCommandRunsAndExits0AndLeavesNoFileInTheCheckout(@TempDir Path dir) throws Exception {
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "needs bash");
        Path work = checkout(dir);
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> before = files(work);
        boolean jq = new ProcessBuilder(bash.toString(), "-c", "command -v jq").start().waitFor() == 0;

        List<String> ran = new ArrayList<>();
        List<String> commands = new ArrayList<>(commands());
        commands.addAll(commands(TESTING).stream().filter(c -> c.startsWith("bin/agent4j ")).toList());
        for (String command : commands) {
            if (!offline(command) || (!jq && command.contains("| jq"))) {
                continue;
            }
            Outcome outcome = run(bash, work, home, command);
            assertThat(outcome.exitCode()).as("%s%nstdout: %s%nstderr: %s", command, outcome.out(), outcome.err())
                    .isZero();
            assertThat(outcome.err()).as(command).doesNotContain("command not found");
            if (command.contains("--max-steps 1; echo \"exit $?\"")) {
                assertThat(outcome.out()).endsWith("exit 4\n");
                assertThat(outcome.err()).contains("agent4j: the agent made 1 model call(s)");
            } else if (command.contains("--example notes ") && command.endsWith("# exit 5")) {
                assertThat(outcome.out()).endsWith("exit 5\n");
                assertThat(outcome.err()).contains("agent4j: the run waits for approval", "agent4j resume ");
            } else if (command.contains("--max-tokens-total 10; echo \"exit $?\"")) {
                assertThat(outcome.out()).endsWith("exit 9\n");
                assertThat(outcome.err()).contains("agent4j: The run reached its ");
            } else {
                assertThat(outcome.err()).as(command).doesNotContain("agent4j: ");
            }
            if (command.startsWith("bin/agent4j eval ") && !command.contains("--help")) {
                assertThat(outcome.out()).as(command).containsPattern(command.contains("--json")
                        ? "\"pass_rate\":1\\.0" : "(\\d+) of \\1 passed \\(100%\\)");
            }
            ran.add(command);
        }
        assertThat(ran).hasSizeGreaterThan(15);
        assertThat(files(work)).as("the files of the checkout after the commands").isEqualTo(before);
    }

    @Test
    void theReadmesOfflineExampleLeavesNoFileInTheCheckout(@TempDir Path dir) throws Exception {
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "needs bash");
        Path work = checkout(dir);
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> before = files(work);
        String example = commands(README).stream().filter(CliDocsCommandsTest::offline)
                .filter(c -> c.startsWith("bin/agent4j run")).findFirst().orElseThrow();

        Outcome outcome = run(bash, work, home, example);

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("409.64");
        assertThat(files(work)).isEqualTo(before);
    }

    @Test
    void noDocumentedCommandWritesANewFileIntoTheCheckout() throws Exception {
        List<Path> markdown = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(markdown::add);
        }
        List<String> relative = new ArrayList<>();
        for (Path file : markdown) {
            if (file.endsWith("tool-packs.md")) {
                continue; // its commands run in the pack's own project, not in agent4j's checkout
            }
            for (String command : commands(file)) {
                Matcher writes = WRITES.matcher(command.replaceAll("(?m)(^|\\s+)#.*$", ""));
                while (writes.find()) {
                    String target = writes.group(1).replaceAll("^[\"']|[\"']$", "");
                    boolean outside = target.startsWith("~/") || target.startsWith("/") || target.startsWith("$HOME")
                            || target.startsWith("jdbc:");
                    // re-recording a shipped session overwrites a file of the checkout on purpose; it makes none
                    boolean existing = Files.isRegularFile(Path.of("..").resolve(target));
                    if (!outside && !existing) {
                        relative.add(file.getFileName() + ": " + target + " in: " + command);
                    }
                }
            }
        }
        assertThat(relative).as("files that documented commands would create in the working folder").isEmpty();
    }

    /** A folder laid out like the checkout: copies of the folders of agent-examples that the commands read. */
    private static Path checkout(Path dir) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        for (String sample : SAMPLES) {
            Path from = Path.of(sample).toAbsolutePath();
            try (Stream<Path> all = Files.walk(from)) {
                for (Path source : all.toList()) {
                    Path target = work.resolve("agent-examples").resolve(sample).resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
        }
        return work;
    }

    /**
     * Every file and folder under {@code root}, relative to it, sorted; but for {@code target}, the build's
     * output, which git ignores (where {@code agent4j eval} writes its JUnit XML by default).
     */
    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.map(p -> root.relativize(p).toString()).filter(p -> !p.equals("target")
                    && !p.startsWith("target/")).sorted().toList();
        }
    }

    private static Outcome run(Path bash, Path work, Path home, String command) throws Exception {
        String launcher = "bin/agent4j() { \"$DOCS_TEST_JAVA\" -Duser.home=\"$HOME\" -cp \"$DOCS_TEST_CLASSPATH\" "
                + Main.class.getName() + " \"$@\"; }\n";
        ProcessBuilder builder = new ProcessBuilder(bash.toString(), "--noprofile", "--norc", "-c", launcher + command)
                .directory(work.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("OPENAI_") || name.startsWith("AGENT4J_")
                || name.equals("NO_COLOR") || name.equals("TERM"));
        environment.put("HOME", home.toString());
        environment.put("DOCS_TEST_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        environment.put("DOCS_TEST_CLASSPATH", Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator)));
        Path stderr = Files.createTempFile(home, "stderr", ".txt");
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(stderr.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Outcome(process.exitValue(), out, Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
