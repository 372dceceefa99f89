package io.agent4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A Spring Boot 4 application (src/it/spring-boot-4): spring-boot-starter-parent, the BOM imported,
 * the agent a bean, its tool a component, the endpoint from the environment through a Spring
 * property; built with Maven into Boot's executable jar and run with {@code java -jar}.
 */
class SpringBoot4ConsumerIT {

    private final ConsumerProject app = ConsumerProject.named("spring-boot-4");

    @Test
    void answersThroughItsToolBean() {
        app.maven("package");
        try (ChatStub stub = ChatStub.toolCallThenAnswer()) {
            // the endpoint from the environment this time: application.properties defaults to OPENAI_BASE_URL
            String output = app.java(stub.environment(), "-jar", "target/spring-boot-4-consumer-1.0.jar",
                    "What is 1234 times 5678?");

            assertThat(output).contains("{\"answer\":\"" + ChatStub.ANSWER + "\",\"toolCalls\":1}");
            assertThat(stub.receivedToolResult(ChatStub.PRODUCT)).as("the tool's result went back to the model").isTrue();
            assertThat(stub.everyRequestAuthorized()).isTrue();
        }
    }
}
