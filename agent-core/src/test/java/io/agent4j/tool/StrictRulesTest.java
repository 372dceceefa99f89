package io.agent4j.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.testing.StrictSchemas;
import io.agent4j.testing.TravelTools;
import io.agent4j.tool.types.TypedTools;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** OpenAI's strict-mode rules, checked on every schema the test tools generate. */
class StrictRulesTest {

    @Test
    void everyStrictSchemaFollowsTheRules() {
        Toolbox toolbox = Toolbox.of(new TypedTools(), new TravelTools(), io.agent4j.tool.scanned.ScannedTools.class);
        assertThat(toolbox.definitions()).hasSizeGreaterThan(15);
        for (ToolDefinition definition : toolbox.definitions()) {
            assertThat(definition.strict()).as(definition.name()).isTrue();
            assertThat(StrictSchemas.violations(definition.name(), definition.parameters())).as(definition.name()).isEmpty();
        }
    }

    @Test
    void theCheckCatchesASchemaThatBreaksTheRules() {
        JsonNode lenient = Toolbox.of(new TypedTools()).lenient().definitions().stream()
                .filter(d -> d.name().equals("optionals")).findFirst().orElseThrow().parameters();
        assertThat(StrictSchemas.violations("optionals", lenient)).anyMatch(p -> p.contains("is not required"));
    }
}
