package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.examples.CalcSession;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/agent4j}, the launcher of a checkout, with class-data sharing: the first {@code run}
 * archives the classes it loaded next to the jar, later runs map them from that archive, a jar
 * newer than the archive gets a new one, and stdout carries the answer alone throughout. Each test
 * lays out a checkout of its own (the launcher, and the jar that the package phase built), so that
 * the launcher finds no source newer than the jar and builds nothing.
 */
class LauncherIT {

    private static final Path JAR = Path.of("target", "agent4j.jar");
    private static final String ANSWER = CalcSession.ANSWER + "\n";

    private Path root;
    private Path jar;
    private Path archive;
    private Path home;

    private record Outcome(int exitCode, String out, String err) {
    }

    @BeforeEach
    void layOutACheckout(@TempDir Path dir) throws Exception {
        root = dir.resolve("checkout");
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("..", "bin", "agent4j"), root.resolve("bin/agent4j"));
        root.resolve("bin/agent4j").toFile().setExecutable(true);
        jar = Files.createDirectories(root.resolve("agent-examples/target")).resolve("agent4j.jar");
        Files.copy(JAR, jar);
        Files.createDirectories(root.resolve("agent-examples/sessions"));
        Files.copy(CalcSession.SHIPPED, root.resolve("agent-examples/sessions/calc.json"));
        archive = root.resolve("agent-examples/target/agent4j.jsa");
        home = Files.createDirectories(dir.resolve("home"));
    }

    private Outcome launch(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(root.resolve("bin/agent4j").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("OPENAI_") || name.startsWith("AGENT4J_"));
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + env.get("PATH"));
        env.put("AGENT4J_JAVA_OPTS", "-Duser.home=" + home);
        env.putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    private Outcome replay(Map<String, String> environment) throws Exception {
        return launch(environment, "run", "--example", "calc", "--replay", "agent-examples/sessions/calc.json", "-q");
    }

    @Test
    void theFirstRunArchivesItsClassesAndTheNextMapsThem() throws Exception {
        Outcome first = replay(Map.of());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo(ANSWER);
        assertThat(first.err()).isEmpty();
        assertThat(archive).isRegularFile();
        assertThat(Files.readString(root.resolve("agent-examples/target/agent4j.jsa.java")).strip())
                .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toRealPath().toString());

        Path classes = home.resolve("classes.log");
        Outcome second = replay(Map.of("AGENT4J_JAVA_OPTS", "-Duser.home=" + home
                + " -Xlog:class+load=info:file=" + classes));

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo(ANSWER);
        assertThat(Files.readAllLines(classes)).filteredOn(line -> line.contains(" io.agent4j.Agent "))
                .singleElement().asString().contains("source: shared objects file");
    }

    @Test
    void aJarNewerThanItsArchiveGetsANewOneAndNoMessageOnStdout() throws Exception {
        replay(Map.of());
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(120)));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));

        Outcome stale = replay(Map.of());

        assertThat(stale.exitCode()).as(stale.err()).isZero();
        assertThat(stale.out()).isEqualTo(ANSWER);
        assertThat(stale.err()).isEmpty();
        assertThat(Files.getLastModifiedTime(archive).toInstant()).isAfter(Files.getLastModifiedTime(jar).toInstant());
    }

    @Test
    void onlyACommandThatRunsAnAgentMakesTheArchiveAndItCanBeTurnedOff() throws Exception {
        Outcome examples = launch(Map.of(), "examples");
        Outcome off = replay(Map.of("AGENT4J_CDS", "0"));

        assertThat(examples.exitCode()).as(examples.err()).isZero();
        assertThat(off.out()).isEqualTo(ANSWER);
        assertThat(archive).doesNotExist();
    }
}
