package io.agent4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One of the applications under {@code src/it}, copied to {@code target/it} with agent4j's version
 * written into its build file, built and run as separate processes the way its users build and run
 * it. Each process's output goes to a log file beside the project and is returned.
 */
final class ConsumerProject {

    /** Generous: on a machine with an empty cache a consumer's first build downloads its framework. */
    private static final long TIMEOUT_MINUTES = 10;

    final Path dir;

    private ConsumerProject(Path dir) {
        this.dir = dir;
    }

    static ConsumerProject named(String name) {
        Path dir = Path.of(property("it.projects")).resolve(name);
        assertThat(dir).as("consumer project %s (copied by the pre-integration-test phase)", name).isDirectory();
        return new ConsumerProject(dir);
    }

    /**
     * A copy of the project in {@code source} (files as they are, nothing written into them) as
     * {@code target/it/<name>}, made anew.
     */
    static ConsumerProject copyOf(Path source, String name) {
        Path dir = Path.of(property("it.projects")).resolve(name);
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    for (Path file : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path copy = dir.resolve(source.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("could not copy " + source + " to " + dir, e);
        }
        return new ConsumerProject(dir);
    }

    /** The agent4j version the consumers are built against. */
    static String agent4jVersion() {
        return property("it.agent4jVersion");
    }

    /** The version of a dependency that agent4j's build uses: {@code jackson}, {@code networknt}. */
    static String version(String library) {
        return property("it.version." + library);
    }

    /**
     * Runs Maven in the project, with the tests' local repository (agent4j installed into it) and
     * settings that take what it lacks from the build's own local repository or Maven Central.
     */
    String maven(String... goals) {
        List<String> command = new ArrayList<>(List.of(Path.of(property("it.mavenHome"), "bin", "mvn").toString(),
                "-B", "-s", dir.resolveSibling("settings.xml").toString(),
                "-Dmaven.repo.local=" + property("it.repo")));
        command.addAll(List.of(goals));
        return run("mvn-" + String.join("-", goals).replace(':', '_'), Map.of(), command);
    }

    /** Runs {@code gradle} from the PATH in the project, with the tests' local repository as Maven local. */
    String gradle(String... tasks) {
        List<String> command = new ArrayList<>(List.of("gradle", "--no-daemon", "--console=plain",
                "--project-cache-dir", dir.resolve(".gradle-cache").toString(),
                "-Dmaven.repo.local=" + property("it.repo")));
        command.addAll(List.of(tasks));
        return run("gradle-" + String.join("-", tasks), Map.of(), command);
    }

    /** Runs the built application with this Java and these environment variables; returns what it printed. */
    String java(Map<String, String> env, String... arguments) {
        return run("app", env, javaCommand(arguments));
    }

    /** Runs the built application, which must fail; returns what it printed. */
    String javaFailing(Map<String, String> env, String... arguments) {
        return run("app", env, javaCommand(arguments), false);
    }

    private static List<String> javaCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Runs a program the build made (a start script), with these environment variables. */
    String program(Map<String, String> env, Path program, String... arguments) {
        List<String> command = new ArrayList<>(List.of(program.toString()));
        command.addAll(List.of(arguments));
        return run("app", env, command);
    }

    private String run(String name, Map<String, String> env, List<String> command) {
        return run(name, env, command, true);
    }

    private String run(String name, Map<String, String> env, List<String> command, boolean succeeds) {
        Path log = dir.resolve(name + ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().remove("OPENAI_API_KEY");
            builder.environment().remove("OPENAI_BASE_URL");
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within " + TIMEOUT_MINUTES
                        + " minutes; its output is in " + log);
            }
            String output = Files.readString(log);
            if (succeeds) {
                assertThat(process.exitValue())
                        .as("exit code of %s in %s; its output:%n%s", String.join(" ", command), dir, tail(output))
                        .isZero();
            } else {
                assertThat(process.exitValue())
                        .as("exit code of %s in %s; its output:%n%s", String.join(" ", command), dir, tail(output))
                        .isNotZero();
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", command) + " in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String tail(String output) {
        return output.length() <= 6_000 ? output : "…" + output.substring(output.length() - 6_000);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property %s (set by agent-it's pom for failsafe)", name).isNotBlank();
        return value;
    }
}
