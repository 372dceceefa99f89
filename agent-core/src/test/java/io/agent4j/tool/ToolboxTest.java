package io.agent4j.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.testing.TravelTools;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ToolboxTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final TravelTools travel = new TravelTools();
    private final Toolbox toolbox = Toolbox.of(travel);

    private Map<String, ToolDefinition> byName() {
        return toolbox.definitions().stream().collect(Collectors.toMap(ToolDefinition::name, d -> d));
    }

    @Test
    void onlyAnnotatedMethodsBecomeTools() {
        assertThat(toolbox.names()).containsExactlyInAnyOrder("weather", "localTime", "add", "tripHours",
                "book", "explode", "clearCache");
        assertThat(toolbox.call("notATool", "{}").content()).contains("there is no tool named 'notATool'");
    }

    @Test
    void schemaDescribesParametersWithDescriptionsAndStrictShape() {
        JsonNode schema = byName().get("weather").parameters();
        assertThat(schema.path("type").asString()).isEqualTo("object");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.path("required").toString()).isEqualTo("[\"city\",\"unit\"]");
        assertThat(schema.path("properties").path("city").path("type").asString()).isEqualTo("string");
        assertThat(schema.path("properties").path("city").path("description").asString())
                .isEqualTo("City name, e.g. Seoul");
        assertThat(schema.path("properties").path("unit").path("enum").toString())
                .isEqualTo("[\"CELSIUS\",\"FAHRENHEIT\"]");
        assertThat(byName().get("weather").description()).isEqualTo("Current weather for a city");
        assertThat(byName().get("weather").strict()).isTrue();
    }

    @Test
    void nestedRecordsAndListsAreClosedObjects() {
        JsonNode trip = byName().get("tripHours").parameters().path("properties").path("trip");
        assertThat(trip.path("type").asString()).isEqualTo("object");
        assertThat(trip.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(trip.path("required").toString()).contains("from", "to", "legs");
        JsonNode leg = trip.path("properties").path("legs").path("items");
        assertThat(leg.path("properties").path("hours").path("type").asString()).isEqualTo("number");
        assertThat(leg.path("required").toString()).isEqualTo("[\"mode\",\"hours\"]");
        assertThat(trip.path("description").asString()).isEqualTo("The trip");
    }

    @Test
    void toolWithoutParametersHasAnEmptyObjectSchema() {
        JsonNode schema = byName().get("clearCache").parameters();
        assertThat(schema.path("type").asString()).isEqualTo("object");
        assertThat(schema.path("properties").isObject()).isTrue();
        assertThat(schema.path("properties").isEmpty()).isTrue();
    }

    @Test
    void optionalParameterIsNullableAndMayBeLeftOut() {
        JsonNode time = byName().get("book").parameters().path("properties").path("time");
        assertThat(time.path("anyOf").toString()).contains("{\"type\":\"null\"}", "\"string\"");
        assertThat(toolbox.call("book", "{\"restaurant\":\"Mingles\"}").content()).isEqualTo("Mingles at any time");
        assertThat(toolbox.call("book", "{\"restaurant\":\"Mingles\",\"time\":\"19:00\"}").content())
                .isEqualTo("Mingles at 19:00");
    }

    @Test
    void recordArgumentsBindToTheirTypes() {
        ToolResult result = toolbox.call("tripHours",
                "{\"trip\":{\"from\":\"Seoul\",\"to\":\"Busan\",\"legs\":[{\"mode\":\"train\",\"hours\":2.5},"
                        + "{\"mode\":\"taxi\",\"hours\":0.25}]}}");
        assertThat(result.failed()).isFalse();
        assertThat(result.content()).isEqualTo("2.75");
    }

    @Test
    void returnValuesAreRenderedForTheModel() {
        assertThat(toolbox.call("localTime", "{\"city\":\"Oslo\"}").content()).isEqualTo("14:05 in Oslo");
        assertThat(toolbox.call("weather", "{\"city\":\"Oslo\",\"unit\":\"CELSIUS\"}").content())
                .isEqualTo("{\"city\":\"Oslo\",\"temperature\":21,\"unit\":\"CELSIUS\",\"conditions\":[\"sunny\"]}");
        assertThat(toolbox.call("clearCache", "").content()).isEqualTo("Done: clearCache completed.");
        assertThat(travel.calls).contains("weather:Oslo", "clearCache");
    }

    @Test
    void malformedArgumentsAreExplainedNotThrown() {
        ToolResult result = toolbox.call("add", "{\"a\": 1, \"b\": ");
        assertThat(result.failed()).isTrue();
        assertThat(result.content()).contains("not valid JSON").contains("[a, b]");
    }

    @Test
    void wrongArgumentTypeNamesTheArgument() {
        ToolResult result = toolbox.call("add", "{\"a\": \"one\", \"b\": 2}");
        assertThat(result.failed()).isTrue();
        assertThat(result.content()).contains("do not match the tool's schema: $.a: string found, integer expected");
    }

    @Test
    void missingPrimitiveIsAnErrorNotZero() {
        ToolResult result = toolbox.call("add", "{\"a\": 1}");
        assertThat(result.failed()).isTrue();
        assertThat(result.content()).contains("$: required property 'b' not found");
    }

    @Test
    void unknownArgumentIsReported() {
        ToolResult result = toolbox.call("add", "{\"a\": 1, \"b\": 2, \"c\": 3}");
        assertThat(result.content()).contains("$: property 'c' is not defined in the schema");
    }

    @Test
    void argumentsThatAreNotAnObjectAreReported() {
        assertThat(toolbox.call("add", "[1,2]").content()).contains("must be a JSON object");
    }

    @Test
    void throwingToolIsReportedWithItsException() {
        ToolResult result = toolbox.call("explode", "{\"reason\":\"test\"}");
        assertThat(result.failed()).isTrue();
        assertThat(result.content()).isEqualTo("Error: tool 'explode' failed: IllegalStateException: boom: test");
    }

    @Test
    void emptyArgumentsMeanAnEmptyObject() {
        assertThat(toolbox.call("clearCache", "").failed()).isFalse();
        assertThat(toolbox.call("clearCache", "  ").failed()).isFalse();
    }

    @Test
    void duplicateNamesFailNamingBothMethods() {
        assertThatThrownBy(() -> Toolbox.of(new TravelTools(), new Duplicate()))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("'add' is used twice")
                .hasMessageContaining("TravelTools.add(int, int)")
                .hasMessageContaining("Duplicate.plus(int, int)");
    }

    @Test
    void invalidNameFailsAtRegistration() {
        assertThatThrownBy(() -> Toolbox.of(new BadName()))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("'bad name!'")
                .hasMessageContaining("^[a-zA-Z0-9_-]{1,64}$");
    }

    @Test
    void nonPublicToolFailsAtRegistration() {
        assertThatThrownBy(() -> Toolbox.of(new Hidden()))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("must be public");
    }

    @Test
    void registeringTheSameObjectTwiceIsHarmless() {
        Toolbox twice = toolbox.with(Toolbox.of(travel));
        assertThat(twice.names()).hasSize(toolbox.names().size());
    }

    @Test
    void scanningFindsAndInstantiatesToolClasses() {
        Toolbox scanned = Toolbox.scan("io.agent4j.tool.scanned");
        assertThat(scanned.names()).containsExactlyInAnyOrder("hello", "twice");
        assertThat(scanned.call("hello", "{\"name\":\"Ada\"}").content()).isEqualTo("hello Ada");
        assertThat(scanned.call("twice", "{\"value\":21}").content()).isEqualTo("42");
    }

    @Test
    void classIsInstantiatedForItsTools() {
        Toolbox fromClass = Toolbox.of(io.agent4j.tool.scanned.ScannedTools.class);
        assertThat(fromClass.names()).containsExactlyInAnyOrder("hello", "twice");
        assertThat(fromClass.call("hello", "{\"name\":\"Bo\"}").content()).isEqualTo("hello Bo");
    }

    @Test
    void overridingAToolKeepsItsAnnotationsAndRunsTheOverride() {
        Toolbox overridden = Toolbox.of(new TravelTools() {
            @Override
            public String localTime(String city) {
                return "09:00 in " + city;
            }
        });
        ToolDefinition localTime = overridden.definitions().stream().filter(d -> d.name().equals("localTime"))
                .findFirst().orElseThrow();
        assertThat(localTime.description()).isEqualTo("Local time in a city");
        assertThat(localTime.parameters().path("properties").path("city").path("description").asString())
                .isEqualTo("City name");
        assertThat(overridden.call("localTime", "{\"city\":\"Lima\"}").content()).isEqualTo("09:00 in Lima");
    }

    public static class Duplicate {
        @Tool(value = "Adds", name = "add")
        public int plus(int a, int b) {
            return a + b;
        }
    }

    public static class BadName {
        @Tool(value = "Bad", name = "bad name!")
        public void run() {
        }
    }

    public static class Hidden {
        @Tool("Hidden")
        void secret() {
        }
    }
}
