package io.agent4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A plain Maven application (src/it/plain-maven) that imports the BOM, built with Maven against the
 * installed agent4j and run with {@code java -jar}, its class path the jars Maven resolved for it.
 */
class PlainMavenConsumerIT {

    private final ConsumerProject app = ConsumerProject.named("plain-maven");

    @Test
    void answersThroughItsToolWithTheArgumentsValidatedAndNoYamlOnTheClassPath() throws IOException {
        String build = app.maven("package");

        // javac found agent-core's SchemaProcessor by itself: the tool's schema was made while compiling
        assertThat(build).contains("agent4j: prepared the schemas of 1 tool(s)");
        try (Stream<Path> index = Files.list(app.dir.resolve("target/classes/META-INF/agent4j/schemas"))) {
            assertThat(index.map(p -> p.getFileName().toString())).isNotEmpty().allMatch(n -> n.endsWith(".json"));
        }
        try (Stream<Path> lib = Files.list(app.dir.resolve("target/lib"))) {
            List<String> jars = lib.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(jars).contains("agent-core-" + ConsumerProject.agent4jVersion() + ".jar",
                    "json-schema-validator-" + ConsumerProject.version("networknt") + ".jar");
            assertThat(jars).noneMatch(jar -> jar.contains("yaml"));
        }

        try (ChatStub stub = ChatStub.invalidCallThenValidCallThenAnswer()) {
            String output = app.java(stub.environment(), "-jar", "target/app.jar", "What is 1234 times 5678?");

            assertThat(output).contains("answer: " + ChatStub.ANSWER).contains("multiply ran 1 time(s)");
            List<String> requests = stub.requests();
            assertThat(requests).hasSize(3);
            // networknt checked the first call's arguments against the tool's schema, and the tool did not run
            assertThat(requests.get(1)).contains("call_invalid").contains("$.a").doesNotContain(ChatStub.PRODUCT);
            assertThat(stub.receivedToolResult(ChatStub.PRODUCT)).as("the tool's result went back to the model").isTrue();
            assertThat(stub.everyRequestAuthorized()).isTrue();
        }
    }

    @Test
    void itsDependencyTreeConvergesWithTheBom() {
        // the consumer's pom runs the enforcer's dependencyConvergence in the validate phase
        assertThat(app.maven("validate")).contains("Rule 0: org.apache.maven.enforcer.rules.dependency.DependencyConvergence passed");
    }

    @Test
    void theTreeOfEveryLibraryModuleConvergesWithoutTheBom() throws IOException {
        ConsumerProject noBom = ConsumerProject.named("no-bom");
        String output = noBom.maven("validate", "dependency:list", "-DoutputFile=dependencies.txt", "-DincludeScope=runtime");
        assertThat(output).contains("DependencyConvergence passed");
        String dependencies = Files.readString(noBom.dir.resolve("dependencies.txt"));
        String jackson = ConsumerProject.version("jackson");
        assertThat(dependencies).contains("tools.jackson.core:jackson-databind:jar:" + jackson,
                "tools.jackson.core:jackson-core:jar:" + jackson,
                "com.networknt:json-schema-validator:jar:" + ConsumerProject.version("networknt"));
        assertThat(dependencies).doesNotContain("yaml");
    }
}
