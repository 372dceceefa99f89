package io.agent4j.tool.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI's documented strict-mode limits, on synthetic schemas at and past each limit. */
class StrictModeTest {

    private static ObjectNode objectWith(int properties) {
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode props = schema.putObject("properties");
        for (int i = 0; i < properties; i++) {
            props.putObject("p" + i).put("type", "string");
        }
        return schema;
    }

    private static ObjectNode enumOf(int values, int length) {
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode e = schema.putObject("properties").putObject("e").put("type", "string");
        ArrayNode array = e.putArray("enum");
        for (int i = 0; i < values; i++) {
            array.add(String.format("%0" + length + "d", i));
        }
        return schema;
    }

    @Test
    void propertiesAreCountedAcrossTheSchema() {
        assertThatCode(() -> StrictMode.checkLimits(objectWith(4999), "t")).doesNotThrowAnyException();
        assertThatThrownBy(() -> StrictMode.checkLimits(objectWith(5001), "wide"))
                .hasMessageContaining("Tool 'wide' has 5001 properties").hasMessageContaining("at most 5000");
    }

    @Test
    void enumValuesAreCounted() {
        assertThatCode(() -> StrictMode.checkLimits(enumOf(1000, 4), "t")).doesNotThrowAnyException();
        assertThatThrownBy(() -> StrictMode.checkLimits(enumOf(1001, 4), "t")).hasMessageContaining("1001 enum values");
    }

    @Test
    void aLargeEnumHasItsOwnCharacterBudget() {
        assertThatCode(() -> StrictMode.checkLimits(enumOf(300, 50), "t")).doesNotThrowAnyException();
        assertThatThrownBy(() -> StrictMode.checkLimits(enumOf(300, 51), "t"))
                .hasMessageContaining("an enum of more than 250 values with 15300 characters");
    }

    @Test
    void theStringBudgetCoversNamesAndValues() {
        ObjectNode schema = objectWith(1);
        ObjectNode props = (ObjectNode) schema.get("properties");
        for (int i = 0; i < 4; i++) {
            ArrayNode values = props.putObject("e" + i).put("type", "string").putArray("enum");
            for (int j = 0; j < 200; j++) {
                values.add("v".repeat(150) + j);
            }
        }
        assertThatThrownBy(() -> StrictMode.checkLimits(schema, "t")).hasMessageContaining("characters of property names");
    }

    @Test
    void unsupportedKeywordsMoveIntoTheDescription() {
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "string").put("description", "A code")
                .put("minLength", 2).put("format", "uri");
        StrictMode.moveUnsupportedKeywords(schema);
        org.assertj.core.api.Assertions.assertThat(schema.toString())
                .isEqualTo("{\"type\":\"string\",\"description\":\"A code (minLength: 2; format: \\\"uri\\\")\"}");
    }
}
