package io.agent4j.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import org.junit.jupiter.api.Test;

/** The tool packs are discoverable by scanning their packages, and their names do not clash. */
class ToolPacksTest {

    @Test
    void scanningFindsEveryToolOfEveryPack() {
        Toolbox tools = Toolbox.scan("io.agent4j.tools");

        assertThat(tools.names()).containsExactlyInAnyOrder("evaluate", "sqrt", "percentOf", "convert");
        assertThat(tools.call("percentOf", "{\"percent\": \"17.5\", \"value\": \"2340.80\"}").content())
                .isEqualTo("409.64");
    }

    @Test
    void everyParameterIsDescribedForTheModel() {
        for (ToolDefinition tool : Toolbox.scan("io.agent4j.tools").definitions()) {
            assertThat(tool.description()).as(tool.name()).isNotBlank();
            tool.parameters().path("properties").forEach(property ->
                    assertThat(property.path("description").asString()).as(tool.name()).isNotBlank());
        }
    }
}
