package io.agent4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import org.junit.jupiter.api.Test;

/**
 * A modular application (src/it/modular, with a module-info that requires {@code io.agent4j.core}
 * and {@code io.agent4j.tools}), built with Maven against the installed agent4j and run from a
 * module path: agent4j's jars are named modules there, its tools are called by reflection in the
 * application's opened package, and the tool packs are found as services. Automatic modules name
 * none of the modules they need, so the application resolves them all ({@code --add-modules
 * ALL-MODULE-PATH}), as docs/architecture.md says.
 */
class ModularConsumerIT {

    private final ConsumerProject app = ConsumerProject.named("modular");

    @Test
    void answersThroughItsToolFromAModulePath() {
        app.maven("package");

        try (ChatStub stub = ChatStub.toolCallThenAnswer()) {
            String output = app.java(stub.environment(), "--module-path",
                    "target/app.jar" + File.pathSeparator + "target/lib", "--add-modules", "ALL-MODULE-PATH",
                    "--module", "com.example.modular/com.example.App", "What is 1234 times 5678?");

            assertThat(output).contains("answer: " + ChatStub.ANSWER).contains("multiply ran 1 time(s)")
                    .contains("modules: io.agent4j.core io.agent4j.tools com.example.modular");
            assertThat(output).containsPattern("packs: \\[.*math.*\\]");
            assertThat(stub.receivedToolResult(ChatStub.PRODUCT)).as("the tool's result went back to the model").isTrue();
        }
    }
}
