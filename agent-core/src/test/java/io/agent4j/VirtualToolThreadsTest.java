package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolMessage;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.testing.ChatServer;
import io.agent4j.tool.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On Java 21 and later the shared executor runs each tool call on a virtual thread of its own, and
 * a call past its timeout is still interrupted and abandoned. The build runs on Java 17, so the
 * run happens in a JVM of a Java 21+ found on this machine ({@code JAVA_21_HOME}, Temurin 25, or
 * any {@code /usr/lib/jvm/*-2[1-9]*}), with this JVM's class path; without one the test is skipped.
 */
class VirtualToolThreadsTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    @TempDir
    Path dir;

    @Test
    void onJava21AToolCallRunsOnAVirtualThreadAndATimedOutOneIsInterruptedAndAbandoned() throws Exception {
        Optional<Path> java = java21();
        assumeTrue(java.isPresent(), "no Java 21 or later found (set JAVA_21_HOME to one)");
        script(server, toolCalls(new String[] {"c1", "where", "{}"}, new String[] {"c2", "stuck", "{}"}),
                answer("Done."));

        Path log = dir.resolve("run.err");
        Process process = new ProcessBuilder(java.get().toString(), "-cp", System.getProperty("java.class.path"),
                Run.class.getName(), ChatServer.baseUrl(server)).redirectError(log.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as("exit code; stdout:%n%s%nstderr:%n%s", out, Files.readString(log))
                .isZero();
        assertThat(out.lines()).contains("executor ThreadPerCall",
                "where: virtual true, agent4j-tool thread true",
                "stuck: Error: tool 'stuck' did not finish within 200 ms and was abandoned. Try simpler arguments, "
                        + "or answer without this result.",
                "interrupted: virtual true",
                "answer: Done.");
    }

    /** A Java 21 or later: this JVM's, {@code JAVA_21_HOME}, Temurin 25, or any {@code /usr/lib/jvm/*-2[1-9]*}. */
    static Optional<Path> java21() throws IOException {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        String env = System.getenv("JAVA_21_HOME");
        if (env != null && !env.isBlank()) {
            homes.add(Path.of(env));
        }
        homes.add(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> all = Files.list(jvms)) {
                all.filter(p -> p.getFileName().toString().matches(".*-2[1-9].*")).sorted().forEach(homes::add);
            }
        }
        for (Path home : homes) {
            Path java = home.resolve("bin").resolve("java");
            if (Files.isExecutable(java) && feature(home) >= 21) {
                return Optional.of(java);
            }
        }
        return Optional.empty();
    }

    /** The feature release a JDK's {@code release} file names; 0 when it names none. */
    private static int feature(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        Properties properties = new Properties();
        try (var in = Files.newInputStream(release)) {
            properties.load(in);
        }
        String version = properties.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
        try {
            return Integer.parseInt(version.split("[.+-]")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * {@code Run BASE_URL}: one run whose model calls {@code where} (tells what thread it ran on) and
     * {@code stuck} (ignores the interruption of its timeout until the run is over), then answers;
     * prints what the test checks, one line each.
     */
    static final class Run {

        /** The tools; {@code stuck} returns only once the run ended. */
        public static final class Tools {
            final CountDownLatch runEnded = new CountDownLatch(1);

            /** What thread the call runs on: with a timeout of its own, the executor's, not the run's. */
            @Tool(value = "Tells where it runs", timeoutMillis = 10_000)
            public String where() {
                return "virtual " + isVirtual() + ", agent4j-tool thread "
                        + Thread.currentThread().getName().startsWith(ToolThreads.NAME);
            }

            /** Ignores the interruption its timeout sends, says it came, and waits for the end of the run. */
            @Tool(value = "Never returns in time", timeoutMillis = 200)
            public String stuck() {
                while (true) {
                    try {
                        if (runEnded.await(30, TimeUnit.SECONDS)) {
                            return "too late";
                        }
                    } catch (InterruptedException e) {
                        System.out.println("interrupted: virtual " + isVirtual());
                    }
                }
            }
        }

        private Run() {
        }

        public static void main(String[] args) {
            Tools tools = new Tools();
            Agent agent = Agent.builder()
                    .model(OpenAiChatModel.builder().apiKey(ChatServer.KEY).baseUrl(args[0]).build())
                    .tools(tools)
                    .build();
            System.out.println("executor " + agent.executor.getClass().getSimpleName());
            AgentResult result = agent.run("Where do tools run?");
            tools.runEnded.countDown();
            for (Message message : result.messages()) {
                if (message instanceof ToolMessage tool) {
                    System.out.println(tool.toolName() + ": " + tool.content());
                }
            }
            System.out.println("answer: " + result.text());
            System.out.flush();
            System.exit(0);
        }

        private static boolean isVirtual() {
            try {
                return (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("Thread.isVirtual is missing on Java " + Runtime.version(), e);
            }
        }
    }
}
