package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one-line signatures of {@code agent4j tools}, read off the schemas the model is sent. */
class ToolSignatureTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Tools with one parameter type of each kind. */
    public static class Sample {

        /** A unit, an enum in the schema. */
        public enum Unit { CELSIUS, FAHRENHEIT }

        /** A leg of a trip, an object in the schema. */
        public record Leg(String mode, double hours) {
        }

        @Tool("Current weather")
        public String weather(@Param("City") String city, @Param("Unit") Unit unit) {
            return city + unit;
        }

        @Tool("Hours of a trip")
        public double trip(@Param("Legs") List<Leg> legs, @Param("Round trip") boolean roundTrip) {
            return 0;
        }

        @Tool("Books a table")
        public String book(@Param("Restaurant") String restaurant, @Param("Time") Optional<String> time) {
            return restaurant;
        }

        @Tool("Counts")
        public int count(@Param("Values") int[] values, @Param("Tags") Map<String, Integer> tags) {
            return values.length;
        }

        @Tool("No parameters")
        public String now() {
            return "now";
        }
    }

    private static Map<String, String> signatures(Toolbox tools) {
        return tools.definitions().stream().collect(Collectors.toMap(ToolDefinition::name, ToolSignature::of));
    }

    @Test
    void showsEachParameterWithItsSchemaType() {
        assertThat(signatures(Toolbox.of(new Sample()))).containsOnly(
                Map.entry("weather", "weather(city: string, unit: CELSIUS|FAHRENHEIT)"),
                Map.entry("trip", "trip(legs: object[], roundTrip: boolean)"),
                Map.entry("book", "book(restaurant: string, time: string?)"),
                Map.entry("count", "count(values: integer[], tags: object[])"),
                Map.entry("now", "now()"));
    }

    @Test
    void marksParametersTheModelMayLeaveOut() {
        ObjectNode schema = JSON.createObjectNode();
        schema.putObject("properties").putObject("note").put("type", "string");
        schema.putArray("required");

        assertThat(ToolSignature.of(new ToolDefinition("jot", "Jots", schema, false))).isEqualTo("jot(note: string?)");
    }

    @Test
    void readsUnionsReferencesAndNullableArrays() {
        assertThat(type("{\"type\":[\"string\",\"null\"]}")).isEqualTo("string?");
        assertThat(type("{\"$ref\":\"#/$defs/Leg\"}")).isEqualTo("Leg");
        assertThat(type("{\"anyOf\":[{\"$ref\":\"#/$defs/Leg\"},{\"type\":\"null\"}]}")).isEqualTo("Leg?");
        assertThat(type("{\"type\":[\"array\",\"null\"],\"items\":{\"type\":\"number\"}}"))
                .isEqualTo("number[]?");
        assertThat(type("{\"enum\":[\"a\",\"b\",null]}")).isEqualTo("a|b?");
        assertThat(type("{\"description\":\"anything\"}")).isEqualTo("any");
    }

    private static String type(String schema) {
        return ToolSignature.type(JSON.readTree(schema));
    }
}
