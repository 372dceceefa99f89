package io.agent4j.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.testing.TravelTools;
import io.agent4j.tool.types.TypedTools;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** OpenAI's strict-mode rules, checked on every schema the test tools generate. */
class StrictRulesTest {

    private static final Set<String> ALLOWED = Set.of("type", "properties", "required", "additionalProperties",
            "items", "anyOf", "enum", "const", "$ref", "$defs", "description", "title", "pattern", "format",
            "multipleOf", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems");

    static List<String> violations(String path, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        for (String keyword : schema.propertyNames()) {
            if (!ALLOWED.contains(keyword)) {
                problems.add(path + ": keyword '" + keyword + "' is not allowed in strict mode");
            }
        }
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean()) {
                problems.add(path + ": an object without additionalProperties: false");
            }
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(r -> required.add(r.asString()));
            for (String name : properties.propertyNames()) {
                if (!required.contains(name)) {
                    problems.add(path + ": property '" + name + "' is not required");
                }
                problems.addAll(violations(path + ".properties." + name, properties.get(name)));
            }
        }
        if (schema.has("items")) {
            problems.addAll(violations(path + ".items", schema.get("items")));
        }
        int i = 0;
        for (JsonNode option : schema.path("anyOf")) {
            problems.addAll(violations(path + ".anyOf[" + i++ + "]", option));
        }
        for (String name : schema.path("$defs").propertyNames()) {
            problems.addAll(violations(path + ".$defs." + name, schema.path("$defs").get(name)));
        }
        return problems;
    }

    @Test
    void everyStrictSchemaFollowsTheRules() {
        Toolbox toolbox = Toolbox.of(new TypedTools(), new TravelTools(), io.agent4j.tool.scanned.ScannedTools.class);
        assertThat(toolbox.definitions()).hasSizeGreaterThan(15);
        for (ToolDefinition definition : toolbox.definitions()) {
            assertThat(definition.strict()).as(definition.name()).isTrue();
            assertThat(violations(definition.name(), definition.parameters())).as(definition.name()).isEmpty();
        }
    }

    @Test
    void theCheckCatchesASchemaThatBreaksTheRules() {
        JsonNode lenient = Toolbox.of(new TypedTools()).lenient().definitions().stream()
                .filter(d -> d.name().equals("optionals")).findFirst().orElseThrow().parameters();
        assertThat(violations("optionals", lenient)).anyMatch(p -> p.contains("is not required"));
    }
}
