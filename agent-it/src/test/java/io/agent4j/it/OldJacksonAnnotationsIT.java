package io.agent4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An application that pins jackson-annotations at 2.19.2, as Spring Boot 3.5's dependency
 * management does, without agent4j's BOM (src/it/old-annotations): the first agent4j object it
 * makes fails, and the error says why and what to do instead of only naming a missing class.
 */
class OldJacksonAnnotationsIT {

    @Test
    void theErrorNamesTheVersionFoundTheVersionNeededAndTheBom() {
        ConsumerProject app = ConsumerProject.named("old-annotations");
        app.maven("package");

        String output = app.javaFailing(Map.of("OPENAI_API_KEY", ChatStub.KEY), "-jar", "target/app.jar");

        assertThat(output).contains("java.lang.NoClassDefFoundError: com/fasterxml/jackson/annotation/JsonSerializeAs")
                .contains("jackson-annotations 2.21 or newer")
                .contains("has 2.19.2")
                .contains("io.agent4j:agent4j-bom")
                .doesNotContain("model: ");
    }
}
