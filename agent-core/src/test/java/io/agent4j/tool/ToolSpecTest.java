package io.agent4j.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.testing.TravelTools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tools defined at run time with {@link ToolSpec}: the caller's schema, sent as given and checked
 * at registration; strict only when it meets strict mode's rules; arguments validated like any
 * other tool's; names checked and clashes refused like annotated tools'.
 */
class ToolSpecTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String ORDER_SCHEMA = """
            {"type": "object",
             "properties": {"order_id": {"type": "string", "description": "The order's id, e.g. A-1001"},
                            "detail": {"type": "string", "enum": ["status", "items"]}},
             "required": ["order_id", "detail"],
             "additionalProperties": false}
            """;

    private static ToolSpec order(String schema) {
        return ToolSpec.of("lookup_order", "Looks an order up by its id", schema,
                (arguments, context) -> "order " + arguments.path("order_id").asString());
    }

    private static boolean strict(String schema) {
        return order(schema).definition().strict();
    }

    @Test
    void theDefinitionCarriesTheCallersSchemaAsGiven() {
        ToolDefinition definition = Toolbox.of(order(ORDER_SCHEMA)).definitions().get(0);

        assertThat(definition.name()).isEqualTo("lookup_order");
        assertThat(definition.description()).isEqualTo("Looks an order up by its id");
        assertThat(definition.parameters()).isEqualTo(JSON.readTree(ORDER_SCHEMA));
    }

    @Test
    void aSchemaAsATreeIsTheSameAsTheSchemaAsText() {
        ToolSpec fromTree = ToolSpec.of("lookup_order", "Looks an order up by its id", JSON.readTree(ORDER_SCHEMA),
                (arguments, context) -> "");

        assertThat(fromTree.definition()).isEqualTo(order(ORDER_SCHEMA).definition());
    }

    @Test
    void theSpecKeepsItsOwnCopyOfATreeSchema() {
        var tree = (tools.jackson.databind.node.ObjectNode) JSON.readTree(ORDER_SCHEMA);
        ToolSpec spec = ToolSpec.of("lookup_order", "Looks an order up", tree, (arguments, context) -> "");

        tree.put("additionalProperties", true);

        assertThat(spec.definition().parameters().path("additionalProperties").asBoolean()).isFalse();
    }

    @Test
    void aSchemaThatMeetsStrictModesRulesIsSentStrict() {
        assertThat(strict(ORDER_SCHEMA)).isTrue();
        assertThat(strict("""
                {"type": "object", "properties": {"note": {"type": ["string", "null"]},
                 "at": {"anyOf": [{"$ref": "#/$defs/time"}, {"type": "null"}]}},
                 "required": ["note", "at"], "additionalProperties": false,
                 "$defs": {"time": {"type": "object", "properties": {"hour": {"type": "integer"}},
                                    "required": ["hour"], "additionalProperties": false}}}
                """)).isTrue();
        assertThat(strict("""
                {"type": "object", "properties": {}, "required": [], "additionalProperties": false}
                """)).isTrue();
    }

    @Test
    void aSchemaOutsideStrictModesRulesIsSentNotStrict() {
        assertThat(strict("""
                {"type": "object", "properties": {"order_id": {"type": "string"}}, "additionalProperties": false}
                """)).as("a property left out of required").isFalse();
        assertThat(strict("""
                {"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]}
                """)).as("additionalProperties not false").isFalse();
        assertThat(strict("""
                {"type": "object", "properties": {"line": {"type": "object", "properties": {"n": {"type": "integer"}},
                 "required": ["n"]}}, "required": ["line"], "additionalProperties": false}
                """)).as("a nested object left open").isFalse();
        assertThat(strict("""
                {"type": "object", "properties": {"order_id": {"type": "string", "minLength": 3}},
                 "required": ["order_id"], "additionalProperties": false}
                """)).as("a keyword strict mode rejects").isFalse();
        assertThat(strict("""
                {"type": "object", "properties": {"site": {"type": "string", "format": "uri"}},
                 "required": ["site"], "additionalProperties": false}
                """)).as("a format strict mode rejects").isFalse();
        assertThat(strict("""
                {"type": "object", "properties": {"tags": {"type": "object", "additionalProperties": {"type": "string"}}},
                 "required": ["tags"], "additionalProperties": false}
                """)).as("an open map").isFalse();
    }

    @Test
    void aLenientToolboxSendsEveryRunTimeToolNotStrict() {
        assertThat(Toolbox.of(order(ORDER_SCHEMA)).lenient().definitions().get(0).strict()).isFalse();
    }

    @Test
    void theArgumentsAreValidatedAgainstTheCallersSchemaBeforeTheHandlerRuns() {
        List<JsonNode> seen = new ArrayList<>();
        Toolbox tools = Toolbox.of(ToolSpec.of("lookup_order", "Looks an order up", ORDER_SCHEMA, (arguments, context) -> {
            seen.add(arguments);
            return "found";
        }));

        ToolResult wrong = tools.call("lookup_order", "{\"order_id\": 1001, \"detail\": \"colour\"}");
        ToolResult missing = tools.call("lookup_order", "{\"order_id\": \"A-1\"}");
        ToolResult notJson = tools.call("lookup_order", "{order_id: A-1}");
        ToolResult right = tools.call("lookup_order", "{\"order_id\": \"A-1\", \"detail\": \"items\"}");

        assertThat(wrong.failed()).isTrue();
        assertThat(wrong.content()).startsWith("Error: the call to tool 'lookup_order' was not run: the arguments do "
                + "not match the tool's schema: ").contains("$.order_id: integer found, string expected")
                .contains("$.detail").endsWith("Fix them and call again.");
        assertThat(missing.content()).contains("required property 'detail' not found");
        assertThat(notJson.content()).contains("the arguments are not valid JSON")
                .contains("the properties [order_id, detail]");
        assertThat(right).isEqualTo(ToolResult.success("found"));
        assertThat(seen).containsExactly(JSON.readTree("{\"order_id\": \"A-1\", \"detail\": \"items\"}"));
    }

    @Test
    void theHandlerGetsTheCallsContext() {
        List<ToolContext> seen = new ArrayList<>();
        Toolbox tools = Toolbox.of(ToolSpec.of("whoami", "Says who calls", "{\"type\":\"object\"}",
                (arguments, context) -> {
                    seen.add(context);
                    return context.toolCallId();
                }));

        ToolResult result = tools.call("whoami", "", new ToolContext("conversation-1", "call_7"));

        assertThat(result.content()).isEqualTo("call_7");
        assertThat(seen).containsExactly(new ToolContext("conversation-1", "call_7"));
    }

    public record Order(String id, List<String> items) {
    }

    @Test
    void resultsAreRenderedLikeThoseOfAnnotatedTools() {
        String schema = "{\"type\":\"object\",\"properties\":{},\"required\":[],\"additionalProperties\":false}";
        Toolbox tools = Toolbox.of(
                ToolSpec.of("text", "Text", schema, (arguments, context) -> "plain text"),
                ToolSpec.of("record", "A record", schema, (arguments, context) -> new Order("A-1", List.of("tea"))),
                ToolSpec.of("tree", "A tree", schema, (arguments, context) -> JSON.readTree("{\"ok\": true}")),
                ToolSpec.of("nothing", "Nothing", schema, (arguments, context) -> null),
                ToolSpec.of("given", "A result", schema, (arguments, context) -> ToolResult.failure("no such order")),
                ToolSpec.of("broken", "Throws", schema, (arguments, context) -> {
                    throw new java.io.IOException("the order service is down");
                }));

        assertThat(tools.call("text", "{}").content()).isEqualTo("plain text");
        assertThat(tools.call("record", "{}").content()).isEqualTo("{\"id\":\"A-1\",\"items\":[\"tea\"]}");
        assertThat(tools.call("tree", "{}").content()).isEqualTo("{\"ok\":true}");
        assertThat(tools.call("nothing", "{}").content()).isEqualTo("Done: nothing completed.");
        assertThat(tools.call("given", "{}")).isEqualTo(ToolResult.failure("no such order"));
        assertThat(tools.call("broken", "{}")).isEqualTo(
                ToolResult.failure("Error: tool 'broken' failed: IOException: the order service is down"));
    }

    @Test
    void aTimeoutIsTheToolboxsTimeoutOfTheTool() {
        Toolbox tools = Toolbox.of(order(ORDER_SCHEMA).withTimeout(Duration.ofMillis(250)));

        assertThat(tools.timeout("lookup_order")).contains(Duration.ofMillis(250));
        assertThat(tools.inline("lookup_order")).isFalse();
        assertThat(Toolbox.of(order(ORDER_SCHEMA).withTimeout(Duration.ZERO)).timeout("lookup_order"))
                .contains(Duration.ZERO);
        assertThatThrownBy(() -> order(ORDER_SCHEMA).withTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(ToolRegistrationException.class).hasMessageContaining("0 (no limit) or positive");
    }

    @Test
    void nameAndDescriptionAreCheckedLikeThoseOfAnnotatedTools() {
        assertThatThrownBy(() -> ToolSpec.of("lookup order", "Looks an order up", ORDER_SCHEMA, (a, c) -> ""))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("Tool name 'lookup order'").hasMessageContaining("^[a-zA-Z0-9_-]{1,64}$");
        assertThatThrownBy(() -> ToolSpec.of("lookup_order", " ", ORDER_SCHEMA, (a, c) -> ""))
                .isInstanceOf(ToolRegistrationException.class).hasMessageContaining("needs a description");
        assertThatThrownBy(() -> ToolSpec.of("lookup_order", "Looks an order up", ORDER_SCHEMA, null))
                .isInstanceOf(ToolRegistrationException.class).hasMessageContaining("handler");
    }

    @Test
    void aSchemaThatIsNoJsonObjectSchemaIsRefusedSayingWhy() {
        assertThatThrownBy(() -> order("{\"type\": \"object\""))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("ToolSpec 'lookup_order'").hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> order("{\"type\": \"string\"}"))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("\"type\": \"object\"");
        assertThatThrownBy(() -> order("[]"))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("\"type\": \"object\"");
        assertThatThrownBy(() -> order("""
                {"type": "object", "properties": {"order_id": {"type": "strin"}}}
                """))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("not a valid JSON schema").hasMessageContaining("$.properties.order_id.type");
    }

    @Test
    void aSchemaThatRefersOutsideItselfIsRefused() {
        assertThatThrownBy(() -> order("""
                {"type": "object", "properties": {"order": {"$ref": "https://schemas.example.com/order.json"}}}
                """))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("https://schemas.example.com/order.json")
                .hasMessageContaining("$defs");
    }

    @Test
    void twoToolsOfOneNameAreRefusedNamingBoth() {
        ToolSpec first = order(ORDER_SCHEMA);
        ToolSpec second = ToolSpec.of("lookup_order", "Another lookup", ORDER_SCHEMA, (a, c) -> "");
        ToolSpec weather = ToolSpec.of("weather", "Weather again", "{\"type\":\"object\"}", (a, c) -> "");

        assertThatThrownBy(() -> Toolbox.of(first, second))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("'lookup_order' is used twice")
                .hasMessageContaining("Looks an order up by its id").hasMessageContaining("Another lookup");
        assertThatThrownBy(() -> Toolbox.of(new TravelTools(), weather))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("'weather' is used twice")
                .hasMessageContaining("TravelTools.weather(String, Unit)")
                .hasMessageContaining("ToolSpec 'weather'");
        assertThat(Toolbox.of(first).with(Toolbox.of(first)).names()).containsExactly("lookup_order");
    }
}
