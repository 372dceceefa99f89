package io.agent4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A Gradle application (src/it/gradle), built by the {@code gradle} on the PATH against the installed
 * agent4j (Maven local), with Gradle failing on any version conflict, and run through the start script
 * its {@code installDist} task writes.
 */
class GradleConsumerIT {

    private final ConsumerProject app = ConsumerProject.named("gradle");

    @Test
    void answersThroughItsTool() throws IOException {
        assumeTrue(gradleOnPath(), "no gradle on the PATH: install it (Debian: apt-get install gradle) to build the "
                + "Gradle consumer; .ci/run does");
        String build = app.gradle("installDist");
        assertThat(build).contains("BUILD SUCCESSFUL");
        try (Stream<Path> lib = Files.list(app.dir.resolve("build/install/gradle-consumer/lib"))) {
            assertThat(lib.map(jar -> jar.getFileName().toString()))
                    .contains("agent-core-" + ConsumerProject.agent4jVersion() + ".jar")
                    .noneMatch(jar -> jar.contains("yaml"));
        }

        try (ChatStub stub = ChatStub.toolCallThenAnswer()) {
            String output = app.program(stub.environment(), app.dir.resolve("build/install/gradle-consumer/bin/gradle-consumer"),
                    "What is 1234 times 5678?");

            assertThat(output).contains("answer: " + ChatStub.ANSWER).contains("multiply ran 1 time(s)");
            assertThat(stub.receivedToolResult(ChatStub.PRODUCT)).as("the tool's result went back to the model").isTrue();
            assertThat(stub.everyRequestAuthorized()).isTrue();
        }
    }

    private static boolean gradleOnPath() {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "gradle")));
    }
}
