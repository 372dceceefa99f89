package io.agent4j.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ResponseFormat;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.openai.internal.RequestBodies;
import io.agent4j.testing.OpenAiSchemas;
import io.agent4j.testing.StrictSchemas;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every kind of type a tool parameter may be, as the type of an answer: its schema (one OpenAI
 * takes in strict mode), a good answer bound to the exact value, and bad answers reported at the
 * JSON path of what is wrong.
 */
class AnswerTypeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public enum Status { DRAFT, SENT, PAID }

    public record Party(String name, String country) {
    }

    public record Line(String item, int quantity, BigDecimal price) {
    }

    public record Invoice(String number, LocalDate issued, Party customer, List<Line> lines, Status status) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    public sealed interface Payment permits Card, Transfer {
    }

    public record Card(String number) implements Payment {
    }

    public record Transfer(String iban) implements Payment {
    }

    public record Meeting(LocalDate day, Instant booked, OffsetDateTime starts, Duration length, ZoneId zone) {
    }

    public record Folder(String name, List<Folder> children) {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @interface Nullable {
    }

    public record Contact(String name, @Nullable String email, Optional<String> phone) {
    }

    public record Page<T>(List<T> items, int total) {
    }

    private static final Invoice INVOICE = new Invoice("A-17", LocalDate.of(2025, 3, 14), new Party("ACME", "KR"),
            List.of(new Line("bolts", 100, new BigDecimal("0.25")), new Line("nuts", 50, new BigDecimal("0.10"))),
            Status.SENT);
    private static final String INVOICE_JSON = """
            {"number":"A-17","issued":"2025-03-14","customer":{"name":"ACME","country":"KR"},
             "lines":[{"item":"bolts","quantity":100,"price":0.25},{"item":"nuts","quantity":50,"price":0.10}],
             "status":"SENT"}""";

    /** Each kind of type, with a good answer and the value it must bind to. */
    static Stream<Arguments> kinds() {
        Map<String, Integer> stock = new LinkedHashMap<>();
        stock.put("pears", 5);
        stock.put("apples", 3);
        return Stream.of(
                kind("record with nested records", AnswerType.of(Invoice.class), INVOICE_JSON, INVOICE),
                kind("enum", AnswerType.of(Status.class), "{\"value\":\"PAID\"}", Status.PAID),
                kind("list of records", AnswerType.of(new TypeRef<List<Line>>() {}),
                        "{\"value\":[{\"item\":\"bolts\",\"quantity\":100,\"price\":0.25}]}",
                        List.of(new Line("bolts", 100, new BigDecimal("0.25")))),
                kind("optional record", AnswerType.of(new TypeRef<Optional<Party>>() {}),
                        "{\"value\":{\"name\":\"ACME\",\"country\":\"KR\"}}", Optional.of(new Party("ACME", "KR"))),
                kind("optional string", AnswerType.of(new TypeRef<Optional<String>>() {}), "{\"value\":\"hi\"}",
                        Optional.of("hi")),
                kind("sealed interface", AnswerType.of(Payment.class),
                        "{\"value\":{\"type\":\"Transfer\",\"iban\":\"DE02\"}}", new Transfer("DE02")),
                kind("java.time values", AnswerType.of(Meeting.class), """
                        {"day":"2025-03-14","booked":"2025-03-01T08:00:00Z","starts":"2025-03-14T09:30:00+09:00",
                         "length":"PT1H30M","zone":"Asia/Seoul"}""",
                        new Meeting(LocalDate.of(2025, 3, 14), Instant.parse("2025-03-01T08:00:00Z"),
                                OffsetDateTime.of(2025, 3, 14, 9, 30, 0, 0, ZoneOffset.ofHours(9)),
                                Duration.ofMinutes(90), ZoneId.of("Asia/Seoul"))),
                kind("LocalDate", AnswerType.of(LocalDate.class), "{\"value\":\"2024-02-29\"}", LocalDate.of(2024, 2, 29)),
                kind("Instant", AnswerType.of(Instant.class), "{\"value\":\"2025-03-01T08:00:00Z\"}",
                        Instant.parse("2025-03-01T08:00:00Z")),
                kind("OffsetDateTime", AnswerType.of(OffsetDateTime.class), "{\"value\":\"2025-03-14T09:30:00-05:00\"}",
                        OffsetDateTime.of(2025, 3, 14, 9, 30, 0, 0, ZoneOffset.ofHours(-5))),
                kind("Duration", AnswerType.of(Duration.class), "{\"value\":\"P2DT3H\"}", Duration.ofHours(51)),
                kind("ZoneId", AnswerType.of(ZoneId.class), "{\"value\":\"Europe/Paris\"}", ZoneId.of("Europe/Paris")),
                kind("BigDecimal", AnswerType.of(BigDecimal.class), "{\"value\":1.23456789012345678901234}",
                        new BigDecimal("1.23456789012345678901234")),
                kind("map", AnswerType.of(new TypeRef<Map<String, Integer>>() {}),
                        "{\"value\":[{\"key\":\"pears\",\"value\":5},{\"key\":\"apples\",\"value\":3}]}", stock),
                kind("recursive record", AnswerType.of(Folder.class), """
                        {"name":"root","children":[{"name":"a","children":[{"name":"deep","children":[]}]}]}""",
                        new Folder("root", List.of(new Folder("a", List.of(new Folder("deep", List.of())))))),
                kind("String", AnswerType.of(String.class), "{\"value\":\"h\u00e9llo\"}", "h\u00e9llo"),
                kind("int", AnswerType.of(int.class), "{\"value\":42}", 42),
                kind("Integer", AnswerType.of(Integer.class), "{\"value\":-7}", -7),
                kind("record with nullable fields", AnswerType.of(Contact.class),
                        "{\"name\":\"Kim\",\"email\":null,\"phone\":\"+82 2 123\"}",
                        new Contact("Kim", null, Optional.of("+82 2 123"))),
                kind("generic record", AnswerType.of(new TypeRef<Page<Party>>() {}),
                        "{\"items\":[{\"name\":\"ACME\",\"country\":\"KR\"}],\"total\":1}",
                        new Page<>(List.of(new Party("ACME", "KR")), 1)));
    }

    private static Arguments kind(String kind, AnswerType<?> type, String good, Object value) {
        return Arguments.of(kind, type, good, value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyKindHasAStrictSchemaThatOpenAiTakes(String kind, AnswerType<?> type, String good, Object value) {
        assertThat(type.strict()).isTrue();
        assertThat(type.name()).matches("^[a-zA-Z0-9_-]{1,64}$");
        assertThat(StrictSchemas.answerViolations(type.schema())).isEmpty();
        ChatOptions options = ChatOptions.builder().model("gpt-4o")
                .responseFormat(ResponseFormat.jsonSchema(type.name(), type.schema(), type.strict())).build();
        JsonNode body = JSON.readTree(JSON.writeValueAsString(RequestBodies.body(new ChatRequest(
                List.of(UserMessage.of("Answer.")), List.of(), options), options, false, false)));
        assertThat(body.path("response_format").path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(body.path("response_format").path("json_schema").path("schema")).isEqualTo(type.schema());
        assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", body)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aGoodAnswerBindsToTheExactValue(String kind, AnswerType<?> type, String good, Object value) {
        AnswerType.Checked<?> checked = type.check(good);
        assertThat(checked.problems()).isEmpty();
        assertThat(checked.ok()).isTrue();
        assertThat(checked.value()).isEqualTo(value);
    }

    // ---------------------------------------------------------------- schemas

    @Test
    void aRecordIsTheRootObjectWithItsNestedRecordsInside() {
        assertThat(AnswerType.of(Invoice.class).schema()).isEqualTo(JSON.readTree("""
                {"type":"object","properties":{
                  "number":{"type":"string"},
                  "issued":{"type":"string","format":"date"},
                  "customer":{"type":"object","properties":{"name":{"type":"string"},"country":{"type":"string"}},
                    "required":["name","country"],"additionalProperties":false},
                  "lines":{"type":"array","items":{"type":"object","properties":{"item":{"type":"string"},
                    "quantity":{"type":"integer"},"price":{"type":"number"}},
                    "required":["item","quantity","price"],"additionalProperties":false}},
                  "status":{"type":"string","enum":["DRAFT","SENT","PAID"]}},
                 "required":["number","issued","customer","lines","status"],"additionalProperties":false}
                """));
        assertThat(AnswerType.of(Invoice.class).name()).isEqualTo("Invoice");
    }

    @Test
    void aValueThatIsNoObjectIsThePropertyValueOfOne() {
        assertThat(AnswerType.of(Status.class).schema()).isEqualTo(JSON.readTree("""
                {"type":"object","properties":{"value":{"type":"string","enum":["DRAFT","SENT","PAID"]}},
                 "required":["value"],"additionalProperties":false}
                """));
        for (AnswerType<?> type : List.of(AnswerType.of(String.class), AnswerType.of(int.class),
                AnswerType.of(BigDecimal.class), AnswerType.of(LocalDate.class), AnswerType.of(Payment.class),
                AnswerType.of(new TypeRef<List<Line>>() {}), AnswerType.of(new TypeRef<Optional<Party>>() {}))) {
            assertThat(type.schema().path("properties").propertyNames()).as(type.toString()).containsExactly("value");
        }
    }

    @Test
    void aSealedInterfaceIsTheAnyOfOfItsSubtypesEachNamedByItsDiscriminator() {
        JsonNode value = AnswerType.of(Payment.class).schema().path("properties").path("value");
        assertThat(value.path("anyOf")).hasSize(2);
        assertThat(value.path("anyOf").get(0).path("properties").path("type")).isEqualTo(JSON.readTree("{\"const\":\"Card\"}"));
        assertThat(value.path("anyOf").get(1).path("properties").path("type"))
                .isEqualTo(JSON.readTree("{\"const\":\"Transfer\"}"));
    }

    @Test
    void javaTimeValuesAreStringsOfTheirFormats() {
        JsonNode properties = AnswerType.of(Meeting.class).schema().path("properties");
        assertThat(properties.path("day").path("format").asString()).isEqualTo("date");
        assertThat(properties.path("booked").path("format").asString()).isEqualTo("date-time");
        assertThat(properties.path("starts").path("format").asString()).isEqualTo("date-time");
        assertThat(properties.path("length").path("format").asString()).isEqualTo("duration");
        assertThat(properties.path("zone").path("type").asString()).isEqualTo("string");
    }

    @Test
    void aRecursiveRecordIsTheRootObjectToo() {
        ObjectNode schema = AnswerType.of(Folder.class).schema();
        assertThat(schema).isEqualTo(JSON.readTree("""
                {"type":"object","properties":{"name":{"type":"string"},
                  "children":{"type":"array","items":{"$ref":"#/$defs/Folder"}}},
                 "required":["name","children"],"additionalProperties":false,
                 "$defs":{"Folder":{"type":"object","properties":{"name":{"type":"string"},
                  "children":{"type":"array","items":{"$ref":"#/$defs/Folder"}}},
                  "required":["name","children"],"additionalProperties":false}}}
                """));
        assertThat(AnswerType.of(Folder.class).check("{\"name\":\"root\",\"children\":[{\"name\":\"a\","
                + "\"children\":[{\"name\":\"deep\"}]}]}").problems())
                .containsExactly("$.children[0].children[0]: required property 'children' not found");
        assertThat(AnswerType.of(new TypeRef<Optional<Folder>>() {}).schema().path("properties").propertyNames())
                .containsExactly("value");
    }

    @Test
    void aMapIsAnArrayOfEntriesInStrictModeAndAnOpenObjectWhenLenient() {
        AnswerType<Map<String, Integer>> map = AnswerType.of(new TypeRef<Map<String, Integer>>() {});
        JsonNode value = map.schema().path("properties").path("value");
        assertThat(value.path("type").asString()).isEqualTo("array");
        assertThat(value.path("items").path("properties").propertyNames()).containsExactly("key", "value");
        JsonNode open = map.lenient().schema().path("properties").path("value");
        assertThat(open).isEqualTo(JSON.readTree("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}"));
        assertThat(map.lenient().check("{\"value\":{\"pears\":5}}").value()).isEqualTo(Map.of("pears", 5));
    }

    @Test
    void aNullableFieldIsRequiredAndAdmitsNull() {
        ObjectNode schema = AnswerType.of(Contact.class).schema();
        assertThat(schema.path("required")).isEqualTo(JSON.readTree("[\"name\",\"email\",\"phone\"]"));
        assertThat(schema.path("properties").path("email")).isEqualTo(JSON.readTree("{\"type\":[\"string\",\"null\"]}"));
        assertThat(schema.path("properties").path("phone")).isEqualTo(JSON.readTree("{\"type\":[\"string\",\"null\"]}"));
        assertThat(AnswerType.of(Contact.class).check("{\"name\":\"Kim\",\"email\":null,\"phone\":null}").value())
                .isEqualTo(new Contact("Kim", null, Optional.empty()));
    }

    @Test
    void anOptionalAnswerMayBeNull() {
        AnswerType<Optional<Party>> party = AnswerType.of(new TypeRef<Optional<Party>>() {});
        assertThat(party.schema().path("properties").path("value").path("anyOf").get(1))
                .isEqualTo(JSON.readTree("{\"type\":\"null\"}"));
        AnswerType.Checked<Optional<Party>> none = party.check("{\"value\":null}");
        assertThat(none.problems()).isEmpty();
        assertThat(none.value()).isEmpty();
        assertThat(AnswerType.of(new TypeRef<Optional<String>>() {}).check("{\"value\":null}").value()).isEmpty();
        AnswerType.Checked<Optional<Party>> leftOut = party.check("{}");
        assertThat(leftOut.problems()).isEmpty();
        assertThat(leftOut.value()).isEmpty();
        assertThat(leftOut.json()).as("the JSON the value was bound from").isEqualTo(JSON.readTree("null"));
    }

    @Test
    void aGenericTypeIsDescribedWithItsTypeArguments() {
        AnswerType<Page<Party>> page = AnswerType.of(new TypeRef<Page<Party>>() {});
        assertThat(page.type().getTypeName()).isEqualTo("io.agent4j.answer.AnswerTypeTest$Page<io.agent4j.answer.AnswerTypeTest$Party>");
        assertThat(page.name()).isEqualTo("Page_Party");
        assertThat(page.schema().path("properties").path("items").path("items").path("properties").propertyNames())
                .containsExactly("name", "country");
        assertThat(AnswerType.of(new TypeRef<List<Line>>() {}).name()).isEqualTo("List_Line");
    }

    // ---------------------------------------------------------------- bad answers

    @Test
    void aValueOfTheWrongTypeIsReportedAtItsPath() {
        assertThat(AnswerType.of(Invoice.class).check(INVOICE_JSON.replace("\"quantity\":50", "\"quantity\":\"fifty\""))
                .problems()).containsExactly("$.lines[1].quantity: string found, integer expected");
        assertThat(AnswerType.of(new TypeRef<List<Line>>() {})
                .check("{\"value\":[{\"item\":\"bolts\",\"quantity\":2.5,\"price\":1}]}").problems())
                .containsExactly("$.value[0].quantity: number found, integer expected");
        assertThat(AnswerType.of(Integer.class).check("{\"value\":null}").problems())
                .containsExactly("$.value: null found, integer expected");
    }

    @Test
    void aMissingPropertyIsReportedAtItsObject() {
        AnswerType.Checked<Invoice> checked = AnswerType.of(Invoice.class)
                .check(INVOICE_JSON.replace("\"country\":\"KR\"", "\"country\":null").replace(",\"price\":0.10", ""));
        assertThat(checked.ok()).isFalse();
        assertThat(checked.value()).isNull();
        assertThat(checked.problems()).containsExactlyInAnyOrder("$.customer.country: null found, string expected",
                "$.lines[1]: required property 'price' not found");
        assertThat(AnswerType.of(Status.class).check("{}").problems()).containsExactly("$: required property 'value' not found");
    }

    @Test
    void anUnknownPropertyIsReportedAtItsObject() {
        assertThat(AnswerType.of(Invoice.class).check(INVOICE_JSON.replace("\"status\"", "\"currency\":\"KRW\",\"status\""))
                .problems()).containsExactly("$: property 'currency' is not defined in the schema and the schema does "
                        + "not allow additional properties");
        assertThat(AnswerType.of(Invoice.class).lenient()
                .check(INVOICE_JSON.replace("\"status\"", "\"currency\":\"KRW\",\"status\"")).problems())
                .singleElement().asString().startsWith("$.currency: Unrecognized property \"currency\"");
    }

    @Test
    void aValueOutsideTheEnumIsReported() {
        assertThat(AnswerType.of(Invoice.class).check(INVOICE_JSON.replace("SENT", "LOST")).problems())
                .containsExactly("$.status: does not have a value in the enumeration [\"DRAFT\", \"SENT\", \"PAID\"]");
        assertThat(AnswerType.of(Status.class).check("{\"value\":\"sent\"}").problems())
                .containsExactly("$.value: does not have a value in the enumeration [\"DRAFT\", \"SENT\", \"PAID\"]");
        assertThat(AnswerType.of(Payment.class).check("{\"value\":{\"type\":\"Cash\",\"iban\":\"DE02\"}}").problems())
                .contains("$.value.type: must be the constant value 'Transfer'");
    }

    @Test
    void aDateThatIsNoDateIsReportedAtItsPathWithTheParsersReason() {
        AnswerType.Checked<Invoice> checked = AnswerType.of(Invoice.class).check(INVOICE_JSON.replace("2025-03-14", "2025-02-30"));
        assertThat(checked.value()).isNull();
        assertThat(checked.problems()).singleElement().asString().startsWith("$.issued: ")
                .contains("2025-02-30").contains("Invalid date 'FEBRUARY 30'");
        assertThat(AnswerType.of(LocalDate.class).check("{\"value\":\"14 March 2025\"}").problems())
                .singleElement().asString().startsWith("$.value: ").contains("'14 March 2025' could not be parsed");
        assertThat(AnswerType.of(Meeting.class).check("""
                {"day":"2025-03-14","booked":"yesterday","starts":"2025-03-14T09:30:00+09:00","length":"PT1H",
                 "zone":"Asia/Seoul"}""").problems()).singleElement().asString().startsWith("$.booked: ");
        assertThat(AnswerType.of(ZoneId.class).check("{\"value\":\"Mars/Olympus\"}").problems())
                .singleElement().asString().startsWith("$.value: ").contains("Unknown time-zone ID: Mars/Olympus");
    }

    @Test
    void aJsonThatIsNoObjectIsRefused() {
        assertThat(AnswerType.of(Invoice.class).check("[" + INVOICE_JSON + "]").problems())
                .containsExactly("$: the answer must be one JSON object, not array");
        assertThat(AnswerType.of(Status.class).check("\"PAID\"").problems())
                .containsExactly("$: the answer must be one JSON object, not string");
        assertThat(AnswerType.of(int.class).check("42").problems())
                .containsExactly("$: the answer must be one JSON object, not number");
    }

    @Test
    void aTruncatedAnswerIsReportedWhereItBreaksOff() {
        String truncated = INVOICE_JSON.substring(0, INVOICE_JSON.indexOf("\"nuts\""));
        assertThat(AnswerType.of(Invoice.class).check(truncated).problems()).containsExactly("$.lines[1].item: the answer is "
                + "not valid JSON (Unexpected end-of-input within/between Object entries); answer with one JSON object "
                + "that matches the schema, and nothing else");
        assertThat(AnswerType.of(new TypeRef<List<Line>>() {}).check("{\"value\":[{\"item\":\"bolts\",\"quantity\":1},")
                .problems()).singleElement().asString().startsWith("$.value[1]: the answer is not valid JSON (Unexpected "
                        + "end-of-input");
    }

    @Test
    void anEmptyAnswerIsReported() {
        for (String empty : new String[] {"", " \n ", null}) {
            assertThat(AnswerType.of(Invoice.class).check(empty).problems())
                    .containsExactly("$: the answer is empty; answer with one JSON object that matches the schema");
        }
    }

    @Test
    void proseAroundTheJsonIsReported() {
        assertThat(AnswerType.of(Invoice.class).check("Here is the invoice: " + INVOICE_JSON).problems())
                .containsExactly("$: the answer is not valid JSON (Unrecognized token 'Here': was expecting (JSON String, "
                        + "Number, Array, Object or token 'null', 'true' or 'false')); answer with one JSON object that "
                        + "matches the schema, and nothing else");
        assertThat(AnswerType.of(Invoice.class).check("Sure!\n```json\n" + INVOICE_JSON + "\n```").problems())
                .singleElement().asString().startsWith("$: the answer is not valid JSON (Unrecognized token 'Sure'");
        for (String after : new String[] {" I hope this helps.", "\n{\"note\":\"a second object\"}"}) {
            assertThat(AnswerType.of(Invoice.class).check(INVOICE_JSON + after).problems()).containsExactly("$: the answer "
                    + "goes on after its JSON object; answer with the JSON object alone, nothing before or after it");
        }
    }

    @Test
    void aPropertyGivenTwiceIsReportedRatherThanOneOfItsValuesTaken() {
        assertThat(AnswerType.of(Invoice.class).check(INVOICE_JSON.replace("\"status\":\"SENT\"",
                "\"status\":\"SENT\",\"status\":\"PAID\"")).problems()).containsExactly("$.status: the answer is not "
                        + "valid JSON (Duplicate Object property \"status\"); answer with one JSON object that matches the "
                        + "schema, and nothing else");
    }

    @Test
    void aMapKeyGivenTwiceIsReportedRatherThanOneOfItsValuesDropped() {
        assertThat(AnswerType.of(new TypeRef<Map<String, Integer>>() {})
                .check("{\"value\":[{\"key\":\"pears\",\"value\":5},{\"key\":\"pears\",\"value\":3}]}").problems())
                .containsExactly("$.value: the key \"pears\" is in two entries of the map; give each key once");
    }

    @Test
    void aCodeFenceAroundTheJsonIsStripped() {
        assertThat(AnswerType.of(Invoice.class).check("```json\n" + INVOICE_JSON + "\n```").value()).isEqualTo(INVOICE);
        assertThat(AnswerType.of(Invoice.class).check("```\n" + INVOICE_JSON + "```").value()).isEqualTo(INVOICE);
    }

    // ---------------------------------------------------------------- types that cannot be answers

    @Test
    void aTypeRefWithoutATypeArgumentIsRefused() {
        assertThatThrownBy(() -> new TypeRef() {}).isInstanceOf(IllegalStateException.class)
                .hasMessage("a TypeRef needs its type argument, as in new TypeRef<List<Item>>() {}");
    }

    @Test
    void aTypeWithoutASchemaIsRefusedSayingWhy() {
        assertThatThrownBy(() -> AnswerType.of(Object.class)).isInstanceOf(ToolRegistrationException.class)
                .hasMessage("Cannot use java.lang.Object as the type of an answer: parameter 'value': a value of type "
                        + "Object has no schema; use a concrete type (a record, String, a Map<String, V> ...)");
        assertThatThrownBy(() -> AnswerType.of(new TypeRef<List<?>>() {})).isInstanceOf(ToolRegistrationException.class)
                .hasMessageStartingWith("Cannot use java.util.List<?> as the type of an answer: ");
        assertThatThrownBy(AnswerTypeTest::ofTypeVariable).isInstanceOf(ToolRegistrationException.class)
                .hasMessageStartingWith("Cannot use T as the type of an answer: ");
    }

    @Test
    void anInterfaceOrAbstractClassNoAnswerCanBeMadeOfIsRefused() {
        assertThatThrownBy(() -> AnswerType.of(Runnable.class)).isInstanceOf(ToolRegistrationException.class)
                .hasMessage("Cannot use java.lang.Runnable as the type of an answer: it is an interface no answer can "
                        + "be made of; use a record or another concrete type, or a sealed type (or one with "
                        + "@JsonTypeInfo) naming its subtypes");
        assertThatThrownBy(() -> AnswerType.of(java.io.InputStream.class)).hasMessageContaining("an abstract class");
        assertThat(AnswerType.of(new TypeRef<List<String>>() {}).type().getTypeName())
                .isEqualTo("java.util.List<java.lang.String>");
        assertThat(AnswerType.of(Number.class).name()).isEqualTo("Number");
        assertThatThrownBy(() -> AnswerType.of(Shape.class)).hasMessageContaining("an interface no answer can be made of");
    }

    /** An application's interface that names no subtypes. */
    public interface Shape {
        double area();
    }

    private static <T> AnswerType<T> ofTypeVariable() {
        return AnswerType.of(new TypeRef<T>() {});
    }

    // ---------------------------------------------------------------- schemas given as such

    private static final String CITY = """
            {"type":"object","properties":{"city":{"type":"string"},"population":{"type":"integer","minimum":0}},
             "required":["city","population"],"additionalProperties":false}""";

    @Test
    void aSchemaGivenAsSuchIsSentAndAppliedExactly() {
        AnswerType<JsonNode> city = AnswerType.ofSchema("city", (ObjectNode) JSON.readTree(CITY));
        assertThat(city.schema()).isEqualTo(JSON.readTree(CITY));
        assertThat(city.strict()).isTrue();
        assertThat(city.type()).isEqualTo(JsonNode.class);
        assertThat(city.check("{\"city\":\"Seoul\",\"population\":9400000}").value())
                .isEqualTo(JSON.readTree("{\"city\":\"Seoul\",\"population\":9400000}"));
        assertThat(city.check("{\"city\":\"Seoul\",\"population\":-1}").problems())
                .containsExactly("$.population: must have a minimum value of 0");
        assertThat(city.check("{\"city\":\"Seoul\"}").problems()).containsExactly("$: required property 'population' not found");
    }

    @Test
    void aSchemaThatStrictModeDoesNotTakeIsSentAsNotStrict() {
        AnswerType<JsonNode> open = AnswerType.ofSchema("city", (ObjectNode) JSON.readTree(
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"));
        assertThat(open.strict()).isFalse();
        assertThat(open.check("{}").ok()).isTrue();
    }

    @Test
    void aSchemaGivenAsSuchIsNotStrictWhenLenient() {
        AnswerType<JsonNode> lenient = AnswerType.ofSchema("city", (ObjectNode) JSON.readTree(CITY)).lenient();
        assertThat(lenient.strict()).isFalse();
        assertThat(lenient.schema()).isEqualTo(JSON.readTree(CITY));
        assertThat(lenient.name()).isEqualTo("city");
        assertThat(lenient.check("{\"city\":\"Seoul\"}").problems())
                .containsExactly("$: required property 'population' not found");
    }

    @Test
    void anInvalidSchemaIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> AnswerType.ofSchema("city", (ObjectNode) JSON.readTree(
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"text\"}},\"required\":\"city\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the answer schema is not a valid JSON schema: ")
                .hasMessageContaining("$.properties.city.type: does not have a value in the enumeration")
                .hasMessageContaining("$.required: string found, array expected");
    }

    @Test
    void aSchemaWhoseRootIsNoObjectIsRefused() {
        for (String schema : List.of("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}",
                "{\"anyOf\":[{\"type\":\"object\"},{\"type\":\"null\"}]}")) {
            assertThatThrownBy(() -> AnswerType.ofSchema("list", (ObjectNode) JSON.readTree(schema)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("the answer schema must describe an object "
                            + "at its root (\"type\": \"object\"), as the model's structured answers are objects; wrap "
                            + "any other value in a property");
        }
    }

    @Test
    void aSchemaNeedsAUsableName() {
        assertThatThrownBy(() -> AnswerType.ofSchema("the city", (ObjectNode) JSON.readTree(CITY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the name of an answer schema must match ^[a-zA-Z0-9_-]{1,64}$, was the city");
    }

    // ---------------------------------------------------------------- lenient

    @Test
    void aLenientTypeMayLeaveOptionalPropertiesOut() {
        AnswerType<Contact> lenient = AnswerType.of(Contact.class).lenient();
        assertThat(lenient.strict()).isFalse();
        assertThat(lenient.schema().path("required")).isEqualTo(JSON.readTree("[\"name\"]"));
        assertThat(lenient.check("{\"name\":\"Kim\"}").value()).isEqualTo(new Contact("Kim", null, Optional.empty()));
        assertThat(lenient.lenient().schema()).isEqualTo(lenient.schema());
        assertThat(lenient.toString()).isEqualTo("AnswerType[io.agent4j.answer.AnswerTypeTest$Contact]");
        assertThat(AnswerType.of(Contact.class).toString()).isEqualTo("AnswerType[io.agent4j.answer.AnswerTypeTest$Contact, strict]");
    }
}
