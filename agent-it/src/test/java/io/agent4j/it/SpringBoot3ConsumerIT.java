package io.agent4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Spring Boot 3.5 application (src/it/spring-boot-3): spring-boot-starter-parent, the BOM imported,
 * the agent a bean, its tool a component, the endpoint from a Spring property; built with Maven into
 * Boot's executable jar and run with {@code java -jar}.
 */
class SpringBoot3ConsumerIT {

    private final ConsumerProject app = ConsumerProject.named("spring-boot-3");

    @Test
    void answersThroughItsToolBean() {
        app.maven("package");
        try (ChatStub stub = ChatStub.toolCallThenAnswer()) {
            String output = app.java(Map.of("OPENAI_API_KEY", ChatStub.KEY),
                    "-jar", "target/spring-boot-3-consumer-1.0.jar", "--openai.base-url=" + stub.baseUrl(),
                    "What is 1234 times 5678?");

            assertThat(output).contains("{\"answer\":\"" + ChatStub.ANSWER + "\",\"toolCalls\":1}");
            assertThat(stub.receivedToolResult(ChatStub.PRODUCT)).as("the tool's result went back to the model").isTrue();
            assertThat(stub.everyRequestAuthorized()).isTrue();
        }
    }
}
