package io.agent4j.tool.types;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.ToolMessage;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.OpenAiSchemas;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Every supported parameter type: its schema, and a round trip through a run against a scripted
 * server (the model's arguments, bound to Java values, reported back by the tool).
 */
class TypesTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    private static final Map<String, String> ARGUMENTS = new LinkedHashMap<>();
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    private static void row(String tool, String arguments, String expected) {
        ARGUMENTS.put(tool, arguments);
        EXPECTED.put(tool, expected);
    }

    @BeforeAll
    static void rows() {
        row("primitives", "{\"i\":1,\"l\":9007199254740993,\"d\":2.5,\"b\":true,\"boxed\":7}",
                "1,9007199254740993,2.5,true,7");
        row("text", "{\"s\":\"h\u00e9\",\"c\":\"x\"}", "h\u00e9|x");
        row("exact", "{\"amount\":1.23456789012345678901234,\"count\":123456789012345678901234567890}",
                "1.23456789012345678901234 123456789012345678901234567890");
        row("enums", "{\"priority\":\"high\",\"size\":\"l\"}", "HIGH LARGE");
        row("records", "{\"line\":{\"from\":{\"x\":0,\"y\":0},\"to\":{\"x\":3,\"y\":4}},"
                + "\"box\":{\"content\":{\"x\":1,\"y\":2},\"label\":\"p\"},"
                + "\"folder\":{\"name\":\"root\",\"children\":[{\"name\":\"a\",\"children\":[{\"name\":\"deep\",\"children\":[]}]}]}}",
                "3.0 Point p deep");
        row("subtypes", "{\"shape\":{\"kind\":\"square\",\"side\":2},\"payment\":{\"type\":\"Transfer\",\"iban\":\"DE02\"}}",
                "Square Transfer");
        row("deliveries", "{\"delivery\":{\"method\":\"Courier\",\"address\":\"1 Main St\",\"note\":null}}",
                "courier to 1 Main St");
        row("lastPayment", "{}", "{\"type\":\"Card\",\"number\":\"4111\"}");
        row("collections", "{\"points\":[{\"x\":1,\"y\":2}],\"priorities\":[\"low\"],\"sizes\":[\"s\"],"
                + "\"array\":[{\"x\":0,\"y\":0},{\"x\":5,\"y\":6}],\"flags\":[\"low\",\"high\"]}",
                "Point Priority SMALL 6.0 2");
        row("maps", "{\"stock\":[{\"key\":\"pears\",\"value\":5},{\"key\":\"apples\",\"value\":3}],"
                + "\"places\":[{\"key\":\"high\",\"value\":{\"x\":1,\"y\":1}}]}", "apples=3,pears=5 Point");
        row("optionals", "{\"note\":null,\"limit\":null,\"settings\":{\"retries\":2,\"proxy\":null}}", "none null 2 direct");
        row("times", "{\"date\":\"2025-03-14\",\"local\":\"2025-03-14T09:30:00\",\"offset\":\"2025-03-14T09:30:00+09:00\","
                + "\"instant\":\"2025-03-14T00:00:00Z\",\"duration\":\"PT1H30M\",\"zone\":\"Asia/Seoul\"}",
                "2025-03-15 9 +09:00 1741910400 90 Asia/Seoul");
        row("identifiers", "{\"id\":\"123e4567-e89b-42d3-a456-556642440000\",\"link\":\"https://example.com/x\"}",
                "4 example.com");
        row("context", "{\"value\":\"v\"}", "v call_context true");
    }

    private static final Map<String, ToolDefinition> DEFINITIONS = Toolbox.of(new TypedTools()).definitions().stream()
            .collect(Collectors.toMap(ToolDefinition::name, d -> d));

    private static JsonNode property(String tool, String name) {
        return DEFINITIONS.get(tool).parameters().path("properties").path(name);
    }

    private static JsonNode definition(String tool, String name) {
        return DEFINITIONS.get(tool).parameters().path("$defs").path(name);
    }

    @Test
    void everyTypeRoundTripsThroughARun() {
        String[][] calls = ARGUMENTS.entrySet().stream()
                .map(e -> new String[] {"call_" + e.getKey(), e.getKey(), e.getValue()})
                .toArray(String[][]::new);
        script(server, toolCalls(calls), answer("done"));

        AgentResult result = Agent.builder().model(ChatServer.model(server).build()).tools(new TypedTools()).build()
                .run("exercise every type");

        Map<String, String> results = result.messages().stream().filter(ToolMessage.class::isInstance)
                .map(ToolMessage.class::cast)
                .collect(Collectors.toMap(ToolMessage::toolName, ToolMessage::content));
        assertThat(results).containsExactlyInAnyOrderEntriesOf(EXPECTED);
        for (JsonNode body : requests(server)) {
            assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", body)).isEmpty();
        }
    }

    @Test
    void primitivesAndBoxesAreRequiredNumbersAndBooleans() {
        assertThat(property("primitives", "i").path("type").asString()).isEqualTo("integer");
        assertThat(property("primitives", "d").path("type").asString()).isEqualTo("number");
        assertThat(property("primitives", "b").path("type").asString()).isEqualTo("boolean");
        assertThat(property("primitives", "boxed").path("type").asString()).isEqualTo("integer");
        assertThat(DEFINITIONS.get("primitives").parameters().path("required")).hasSize(5);
    }

    @Test
    void charIsOneCharacterStringWithTheLimitInTheDescription() {
        assertThat(property("text", "c").path("type").asString()).isEqualTo("string");
        assertThat(property("text", "c").has("maxLength")).isFalse();
        assertThat(property("text", "c").path("description").asString()).contains("maxLength: 1");
    }

    @Test
    void bigNumbersAreNumberAndInteger() {
        assertThat(property("exact", "amount").path("type").asString()).isEqualTo("number");
        assertThat(property("exact", "count").path("type").asString()).isEqualTo("integer");
    }

    @Test
    void enumsUseTheNamesJacksonReadsAndWrites() {
        assertThat(property("enums", "priority").path("enum").toString()).isEqualTo("[\"low\",\"high\"]");
        assertThat(property("enums", "size").path("enum").toString()).isEqualTo("[\"s\",\"l\"]");
    }

    @Test
    void recordsAreClosedObjectsAndRecursionGoesThroughDefs() {
        JsonNode line = property("records", "line");
        assertThat(line.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(line.path("properties").path("to").path("$ref").asString()).isEqualTo("#/$defs/Point");
        assertThat(definition("records", "Point").path("description").asString()).isEqualTo("A point on a plane");
        assertThat(definition("records", "Point").path("properties").path("x").path("description").asString())
                .isEqualTo("Horizontal position");
        assertThat(property("records", "box").path("properties").path("content").path("$ref").asString())
                .isEqualTo("#/$defs/Point");
        assertThat(property("records", "folder").path("$ref").asString()).isEqualTo("#/$defs/Folder");
        assertThat(definition("records", "Folder").path("properties").path("children").path("items").path("$ref")
                .asString()).isEqualTo("#/$defs/Folder");
    }

    @Test
    void subtypesAreAnyOfWithADiscriminator() {
        JsonNode shape = property("subtypes", "shape");
        assertThat(shape.path("anyOf")).hasSize(2);
        assertThat(shape.path("anyOf").get(1).path("properties").path("kind").path("const").asString()).isEqualTo("square");
        assertThat(shape.path("anyOf").get(1).path("required").toString()).contains("\"kind\"");
        JsonNode payment = property("subtypes", "payment");
        assertThat(payment.path("anyOf")).hasSize(2);
        assertThat(payment.has("properties")).isFalse();
        assertThat(payment.path("anyOf").get(0).path("properties").path("type").path("const").asString())
                .isEqualTo("Card");
    }

    @Test
    void sealedSubtypesAreNamedByTheirSimpleNameOrTheirJsonTypeName() {
        JsonNode delivery = property("deliveries", "delivery");

        assertThat(delivery.path("anyOf").valueStream().map(option -> option.at("/properties/method/const").asString()))
                .containsExactly("pickup", "Courier");
        assertThat(DEFINITIONS.get("deliveries").parameters().toString()).doesNotContain("TypedTools$");
        Toolbox tools = Toolbox.of(new TypedTools());
        assertThat(tools.call("deliveries", "{\"delivery\":{\"method\":\"pickup\",\"shop\":\"Soho\"}}").content())
                .isEqualTo("pickup at Soho");
        assertThat(tools.call("deliveries", "{\"delivery\":{\"method\":\"TypedTools$Pickup\",\"shop\":\"Soho\"}}")
                .content()).contains("do not match the tool's schema");
    }

    @Test
    void aSealedResultIsWrittenWithTheSameNames() {
        assertThat(Toolbox.of(new TypedTools()).call("lastPayment", "{}").content())
                .isEqualTo("{\"type\":\"Card\",\"number\":\"4111\"}");
    }

    @Test
    void collectionsAndArraysAreArraysOfTheirElements() {
        for (String name : List.of("points", "array")) {
            assertThat(property("collections", name).path("type").asString()).isEqualTo("array");
            assertThat(property("collections", name).path("items").path("$ref").asString()).isEqualTo("#/$defs/Point");
        }
        assertThat(property("collections", "sizes").path("items").path("enum").toString()).isEqualTo("[\"s\",\"l\"]");
    }

    @Test
    void mapsAreArraysOfEntriesInStrictModeAndOpenObjectsOtherwise() {
        JsonNode stock = property("maps", "stock");
        assertThat(stock.path("type").asString()).isEqualTo("array");
        assertThat(stock.path("items").path("required").toString()).isEqualTo("[\"key\",\"value\"]");
        assertThat(stock.path("items").path("properties").path("value").path("type").asString()).isEqualTo("integer");
        assertThat(property("maps", "places").path("items").path("properties").path("key").path("enum").toString())
                .isEqualTo("[\"low\",\"high\"]");

        JsonNode lenient = Toolbox.of(new TypedTools()).lenient().definitions().stream()
                .filter(d -> d.name().equals("maps")).findFirst().orElseThrow().parameters();
        assertThat(lenient.path("properties").path("stock").path("type").asString()).isEqualTo("object");
        assertThat(lenient.path("properties").path("stock").path("additionalProperties").path("type").asString())
                .isEqualTo("integer");
        assertThat(Toolbox.of(new TypedTools()).lenient().call("maps",
                "{\"stock\":{\"kiwis\":1},\"places\":{\"high\":{\"x\":0,\"y\":0}}}").content()).isEqualTo("kiwis=1 Point");
    }

    @Test
    void aMapKeyGivenTwiceInTheEntriesIsRefusedRatherThanOneValueDropped() {
        assertThat(Toolbox.of(new TypedTools()).call("maps", "{\"stock\":[{\"key\":\"pears\",\"value\":5},"
                + "{\"key\":\"pears\",\"value\":3}],\"places\":[{\"key\":\"high\",\"value\":{\"x\":1,\"y\":1}}]}")
                .content())
                .isEqualTo("Error: the call to tool 'maps' was not run: argument 'stock' is not a valid Map: the key "
                        + "\"pears\" is in two entries of the map; give each key once. The parameters are [stock, places].");
    }

    @Test
    void optionalValuesAreNullableAndMayBeLeftOut() {
        assertThat(property("optionals", "note").path("anyOf").get(1).path("type").asString()).isEqualTo("null");
        assertThat(property("optionals", "limit").path("anyOf").get(0).path("type").asString()).isEqualTo("integer");
        JsonNode settings = property("optionals", "settings");
        assertThat(settings.path("properties").path("proxy").path("type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(settings.path("required").toString()).isEqualTo("[\"retries\",\"proxy\"]");
        assertThat(settings.path("properties").path("retries").path("description").asString()).contains("default");
        assertThat(Toolbox.of(new TypedTools()).call("optionals", "{\"settings\":{\"retries\":1}}").content())
                .isEqualTo("none null 1 direct");
    }

    @Test
    void timesAreStringsInTheFormatsJacksonReads() {
        assertThat(property("times", "date").path("format").asString()).isEqualTo("date");
        assertThat(property("times", "offset").path("format").asString()).isEqualTo("date-time");
        assertThat(property("times", "instant").path("format").asString()).isEqualTo("date-time");
        assertThat(property("times", "duration").path("format").asString()).isEqualTo("duration");
        assertThat(property("times", "local").path("description").asString()).contains("2025-03-14T09:30:00");
        assertThat(property("times", "zone").path("description").asString()).contains("Europe/Paris");
    }

    @Test
    void identifiersAreStringsAndUnsupportedFormatsMoveToTheDescription() {
        assertThat(property("identifiers", "id").path("format").asString()).isEqualTo("uuid");
        assertThat(property("identifiers", "link").has("format")).isFalse();
        assertThat(property("identifiers", "link").path("description").asString()).contains("uri");
    }

    @Test
    void toolContextIsNotPartOfTheSchema() {
        assertThat(DEFINITIONS.get("context").parameters().path("properties").propertyNames()).containsExactly("value");
    }
}
