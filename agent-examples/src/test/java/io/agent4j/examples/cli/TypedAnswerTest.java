package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code run --output-schema FILE} and {@code --output-type CLASS}: the answer is checked against
 * its schema (bound, for a class), repaired when it does not fit, and printed as JSON; the model is
 * a scripted server on 127.0.0.1, and the class comes from a {@code --tools} jar compiled here.
 */
class TypedAnswerTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    static Path dir;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NL = System.lineSeparator();

    private static Path schema;
    private static Path invoiceJar;

    private static final String SCHEMA = """
            {
              "type": "object",
              "properties": {
                "number": {"type": "string"},
                "total": {"type": "number"}
              },
              "required": ["number", "total"],
              "additionalProperties": false
            }
            """;

    private static final String INVOICE = """
            package com.acme;

            import java.math.BigDecimal;
            import java.time.LocalDate;

            public record Invoice(String number, LocalDate date, BigDecimal total) {
            }
            """;

    private static final String INVOICES = """
            package com.acme;

            import io.agent4j.tool.Param;
            import io.agent4j.tool.Tool;

            public class Invoices {
                @Tool("The text of an invoice, by its number")
                public String invoice(@Param("The invoice number, e.g. A-17") String number) {
                    return "Invoice " + number + " of 2025-03-04, total 12.50 EUR";
                }
            }
            """;

    private static final String LOOSE = """
            package com.acme;

            public record Loose(Object anything) {
            }
            """;

    @BeforeAll
    static void files() throws Exception {
        schema = Files.writeString(dir.resolve("invoice.schema.json"), SCHEMA);
        Path sources = Files.createDirectories(dir.resolve("invoices-src/com/acme"));
        Files.writeString(sources.resolve("Invoice.java"), INVOICE);
        Files.writeString(sources.resolve("Invoices.java"), INVOICES);
        Files.writeString(sources.resolve("Loose.java"), LOOSE);
        invoiceJar = TestJars.build(dir.resolve("invoices.jar"), dir.resolve("invoices-src"), null);
    }

    private static Cli.Result run(String... options) {
        List<String> args = new ArrayList<>(List.of("run", "--base-url", FakeOpenAi.baseUrl(server), "--api-key", "k"));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aSchemaFileGivesTheCheckedJsonPrettyOnStdoutAndIsSentAsResponseFormat() throws Exception {
        FakeOpenAi.script(server, FakeOpenAi.answer("{\"number\":\"A-17\",\"total\":12.50}"));

        Cli.Result result = run("--output-schema", schema.toString(), "--quiet", "Extract the invoice.");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("{" + NL + "  \"number\": \"A-17\"," + NL + "  \"total\": 12.50" + NL
                + "}" + NL);
        assertThat(result.err()).isEmpty();
        JsonNode format = FakeOpenAi.requests(server).get(0).path("response_format");
        assertThat(format.path("type").asString()).isEqualTo("json_schema");
        assertThat(format.at("/json_schema/name").asString()).isEqualTo("invoice");
        assertThat(format.at("/json_schema/strict").asBoolean()).isTrue();
        assertThat(format.at("/json_schema/schema")).isEqualTo(JSON.readTree(SCHEMA));
    }

    @Test
    void anOutputTypeFromAToolsJarIsBoundAfterTheJarsToolRan() {
        FakeOpenAi.script(server,
                FakeOpenAi.toolCalls(new String[] {"call_1", "invoice", "{\"number\":\"A-17\"}"}),
                FakeOpenAi.answer("{\"number\":\"A-17\",\"date\":\"2025-03-04\",\"total\":12.50}"));

        Cli.Result result = run("--tools", invoiceJar.toString(), "--output-type", "com.acme.Invoice",
                "Extract invoice A-17.");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("{" + NL + "  \"number\": \"A-17\"," + NL + "  \"date\": \"2025-03-04\","
                + NL + "  \"total\": 12.50" + NL + "}" + NL);
        assertThat(result.errLines().get(0)).contains("invoice {\"number\":\"A-17\"}");
        List<JsonNode> requests = FakeOpenAi.requests(server);
        assertThat(requests).hasSize(2);
        for (JsonNode request : requests) {
            assertThat(request.at("/response_format/json_schema/name").asString()).isEqualTo("Invoice");
            assertThat(request.at("/response_format/json_schema/schema/properties/date/format").asString())
                    .isEqualTo("date");
            assertThat(request.at("/tools/0/function/name").asString()).isEqualTo("invoice");
        }
        assertThat(requests.get(1).at("/messages/3/content").asString())
                .isEqualTo("Invoice A-17 of 2025-03-04, total 12.50 EUR");
    }

    @Test
    void withJsonTheCheckedJsonIsTheValueBesideTheUsualFields() throws Exception {
        FakeOpenAi.script(server, FakeOpenAi.answer("```json\n{\"number\":\"A-17\",\"total\":12.50}\n```"));

        Cli.Result result = run("--output-schema", schema.toString(), "--json", "Extract the invoice.");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        JsonNode answer = JsonOutputTest.onlyObject(result.out());
        assertThat(answer.path("value")).isEqualTo(JSON.readTree("{\"number\":\"A-17\",\"total\":12.50}"));
        assertThat(answer.path("answer").asString()).isEqualTo("```json\n{\"number\":\"A-17\",\"total\":12.50}\n```");
        assertThat(answer.propertyNames()).containsExactly("answer", "model", "steps", "finishReason", "truncated",
                "toolCalls", "usage", "usageKnown", "cost", "costKnown", "refusal", "value");
    }

    @Test
    void anAnswerInTextHasANullValueInJson() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Hello!"));

        JsonNode answer = JsonOutputTest.onlyObject(run("--json", "Hi").out());

        assertThat(answer.has("value")).isTrue();
        assertThat(answer.path("value").isNull()).isTrue();
    }

    @Test
    void anAnswerThatDoesNotFitIsRepairedAndTheRepairIsShownOnStderr() {
        FakeOpenAi.script(server,
                FakeOpenAi.answer("{\"number\":\"A-17\",\"date\":\"04.03.2025\",\"total\":12.50}"),
                FakeOpenAi.answer("{\"number\":\"A-17\",\"date\":\"2025-03-04\",\"total\":12.50}"));

        Cli.Result result = run("--tools", invoiceJar.toString(), "--output-type", "com.acme.Invoice",
                "Extract invoice A-17.");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("\"date\": \"2025-03-04\"").doesNotContain("04.03.2025");
        assertThat(result.errLines().get(0)).startsWith("  " + Style.PLAIN.retry() + " the answer does not fit its "
                + "schema: $.date: Cannot deserialize value of type `java.time.LocalDate` from String \"04.03.2025\"")
                .endsWith("; asking for a repair (1 of 2)");
        assertThat(result.errLines().get(1)).startsWith("[240 tokens: 200 prompt");
        List<JsonNode> requests = FakeOpenAi.requests(server);
        assertThat(requests).hasSize(2);
        JsonNode messages = requests.get(1).path("messages");
        assertThat(messages.get(2).path("content").asString()).contains("04.03.2025");
        String repair = messages.get(3).path("content").asString();
        assertThat(messages.get(3).path("role").asString()).isEqualTo("user");
        assertThat(repair).startsWith("Your answer was not accepted: it does not match the required JSON schema.\n"
                + "- $.date: Cannot deserialize value of type `java.time.LocalDate` from String \"04.03.2025\"")
                .endsWith("\nAnswer again with only the corrected JSON object.");
    }

    @Test
    void withVerboseTheRepairIsALineOfTheTraceAndNotARepairLine() {
        FakeOpenAi.script(server, FakeOpenAi.answer("{\"number\":\"A-17\"}"),
                FakeOpenAi.answer("{\"number\":\"A-17\",\"total\":12.50}"));

        Cli.Result result = run("--output-schema", schema.toString(), "--verbose", "Extract the invoice.");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.errLines()).containsOnlyOnce(
                "[step 1] guardrail answer-schema asks for a RETRY of the answer: $: required property 'total' not found");
        assertThat(result.err()).doesNotContain("asking for a repair");
        assertThat(result.out()).contains("\"total\": 12.50");
    }

    @Test
    void withJsonTheRepairsAreStepsOfTheObject() {
        FakeOpenAi.script(server, FakeOpenAi.answer("{\"number\":\"A-17\"}"),
                FakeOpenAi.answer("{\"number\":\"A-17\",\"total\":12.50}"));

        Cli.Result result = run("--output-schema", schema.toString(), "--json", "Extract the invoice.");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        JsonNode answer = JsonOutputTest.onlyObject(result.out());
        assertThat(answer.path("steps").asInt()).isEqualTo(2);
        assertThat(answer.at("/usage/total").asLong()).isEqualTo(240);
        assertThat(answer.at("/value/total").decimalValue()).isEqualByComparingTo("12.50");
    }

    @Test
    void anAnswerThatNeverFitsExits7WithItsProblemsAndTheLastAnswerOnStderr() {
        FakeOpenAi.script(server, FakeOpenAi.answer("{\"number\":\"A-17\"}"), FakeOpenAi.answer("{\"total\":\"12\"}"));

        Cli.Result result = run("--output-schema", schema.toString(), "--max-repairs", "1", "Extract the invoice.");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_ANSWER);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).containsExactly(
                "  " + Style.PLAIN.retry() + " the answer does not fit its schema: $: required property 'total' not "
                        + "found; asking for a repair (1 of 1)",
                "agent4j: the model's answer still did not fit its schema after 1 repair(s); raise --max-repairs, or "
                        + "simplify the schema or type. The problems of its last answer:",
                "  - $.total: string found, number expected",
                "  - $: required property 'number' not found",
                "agent4j: the model's last answer, as it wrote it:",
                "{\"total\":\"12\"}");
        assertThat(FakeOpenAi.requests(server)).hasSize(2);
    }

    @Test
    void maxRepairs0AsksForNoRepair() {
        FakeOpenAi.script(server, FakeOpenAi.answer("{\"number\":\"A-17\"}"));

        Cli.Result result = run("--output-schema", schema.toString(), "--max-repairs", "0", "Extract the invoice.");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_ANSWER);
        assertThat(result.errLines().get(0)).startsWith("agent4j: the model's answer still did not fit its schema "
                + "after 0 repair(s)");
        assertThat(FakeOpenAi.requests(server)).hasSize(1);
    }

    @Test
    void aRefusalOfATypedAnswerExits6() {
        FakeOpenAi.script(server, FakeOpenAi.refusal("I cannot help with that."));

        Cli.Result plain = run("--output-schema", schema.toString(), "Extract the invoice.");
        Cli.Result json = run("--output-schema", schema.toString(), "--json", "Extract the invoice.");

        assertThat(plain.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(plain.out()).isEmpty();
        assertThat(plain.errLines()).containsExactly("agent4j: the model refused to answer: I cannot help with that.");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.REFUSED);
        JsonNode answer = JsonOutputTest.onlyObject(json.out());
        assertThat(answer.path("refusal").asString()).isEqualTo("I cannot help with that.");
        assertThat(answer.path("value").isNull()).isTrue();
        assertThat(answer.path("steps").asInt()).isEqualTo(1);
        assertThat(json.errLines()).containsExactly("agent4j: the model refused to answer: I cannot help with that.");
    }

    @Test
    void jsonObjectPutsTheSchemaInTheSystemMessageAndAsksForJsonMode() {
        FakeOpenAi.script(server, FakeOpenAi.answer("{\"number\":\"A-17\",\"total\":12.50}"));

        Cli.Result result = run("--output-schema", schema.toString(), "--structured-output", "json_object",
                "Extract the invoice.");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        JsonNode request = FakeOpenAi.requests(server).get(0);
        assertThat(request.at("/response_format/type").asString()).isEqualTo("json_object");
        assertThat(request.at("/messages/0/content").asString()).startsWith(RunCommand.GENERIC_INSTRUCTIONS)
                .contains("Answer with one JSON object that matches this JSON schema")
                .contains("\"required\":[\"number\",\"total\"]");
    }

    @Test
    void instructionsSendsNoResponseFormat() {
        FakeOpenAi.script(server, FakeOpenAi.answer("{\"number\":\"A-17\",\"total\":12.50}"));

        Cli.Result result = run("--output-schema", schema.toString(), "--structured-output", "INSTRUCTIONS",
                "Extract the invoice.");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        JsonNode request = FakeOpenAi.requests(server).get(0);
        assertThat(request.has("response_format")).isFalse();
        assertThat(request.at("/messages/0/content").asString()).contains("matches this JSON schema");
    }

    @Test
    void aRecordingMadeInJsonObjectModeReplaysWithTheSameFlag() {
        FakeOpenAi.script(server, FakeOpenAi.answer("{\"number\":\"A-17\",\"total\":12.50}"));
        Path recording = dir.resolve("json-object.json");
        Cli.Result live = run("--output-schema", schema.toString(), "--structured-output", "json_object", "--record",
                recording.toString(), "Extract the invoice.");
        server.resetAll();

        Cli.Result replay = Cli.run("run", "--output-schema", schema.toString(), "--structured-output", "json_object",
                "--replay", recording.toString(), "Extract the invoice.");
        Cli.Result otherMode = Cli.run("run", "--output-schema", schema.toString(), "--replay", recording.toString(),
                "Extract the invoice.");

        assertThat(live.exitCode()).as(live.err()).isEqualTo(ExitCodes.OK);
        assertThat(replay.exitCode()).as(replay.err()).isEqualTo(ExitCodes.OK);
        assertThat(replay.out()).isEqualTo(live.out());
        assertThat(otherMode.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(otherMode.err()).contains("diverged at step 1: message 1 (system) differs in 'content'");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void aWrongStructuredOutputIsAUsageError() {
        Cli.Result result = run("--output-schema", schema.toString(), "--structured-output", "grammar", "Hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString().isEqualTo("agent4j: --structured-output grammar: must "
                + "be json_schema, json_object or instructions (json_object or instructions for a server without "
                + "response_format json_schema) (see 'agent4j run --help')");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void bothOutputFlagsAreAUsageError() {
        Cli.Result result = run("--output-schema", schema.toString(), "--output-type", "com.acme.Invoice", "Hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString().startsWith("agent4j: ")
                .contains("--output-schema=FILE", "--output-type=CLASS", "mutually exclusive");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void aMissingSchemaFileOrAFolderIsAUsageError() {
        Path missing = dir.resolve("missing.json");

        assertUsage(run("--output-schema", missing.toString(), "Hi"),
                "--output-schema " + missing + ": no such file; give a JSON schema file");
        assertUsage(run("--output-schema", dir.toString(), "Hi"),
                "--output-schema " + dir + ": is a folder, not a JSON schema file");
    }

    @Test
    void aSchemaFileThatIsNoJsonSaysWhere() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\n  \"type\": \"object\",\n}\n");
        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
        Path empty = Files.writeString(dir.resolve("empty.json"), "");

        assertUsage(run("--output-schema", broken.toString(), "Hi"), "--output-schema " + broken
                + ": is not JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start property "
                + "name (line 3, column 1)");
        assertUsage(run("--output-schema", array.toString(), "Hi"), "--output-schema " + array
                + ": holds a JSON array, not a JSON schema (an object)");
        assertUsage(run("--output-schema", empty.toString(), "Hi"), "--output-schema " + empty
                + ": is empty; put a JSON schema in it, such as {\"type\": \"object\", \"properties\": {...}}");
    }

    @Test
    void anInvalidSchemaSaysWhatIsWrongAndWhere() throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.json"),
                "{\"type\": \"object\", \"properties\": {\"total\": {\"type\": \"numbr\"}}}");
        Path list = Files.writeString(dir.resolve("list.json"), "{\"type\": \"array\", \"items\": {\"type\": \"string\"}}");

        assertUsage(run("--output-schema", typo.toString(), "Hi"), "--output-schema " + typo
                + ": the answer schema is not a valid JSON schema: $.properties.total.type: does not have a value in "
                + "the enumeration [\"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\", \"string\"]; "
                + "$.properties.total.type: string found, array expected");
        assertUsage(run("--output-schema", list.toString(), "Hi"), "--output-schema " + list
                + ": the answer schema must describe an object at its root (\"type\": \"object\"), as the model's "
                + "structured answers are objects; wrap any other value in a property");
    }

    @Test
    void anUnreadableSchemaFileIsAUsageError() throws Exception {
        Path locked = Files.writeString(dir.resolve("locked.json"), SCHEMA);
        org.junit.jupiter.api.Assumptions.assumeTrue(locked.toFile().setReadable(false, false)
                && !Files.isReadable(locked), "the file system lets this user read a file without read permission");
        try {
            assertUsage(run("--output-schema", locked.toString(), "Hi"),
                    "--output-schema " + locked + ": cannot be read (permission denied)");
        } finally {
            locked.toFile().setReadable(true, false);
        }
    }

    @Test
    void aClassThatIsNotFoundSaysWhereItWasLookedFor() {
        assertUsage(run("--output-type", "com.acme.Invoce", "Hi"), "--output-type com.acme.Invoce: no such class on "
                + "the class path of agent4j or in a --tools jar (none was given); give the class's full name, as in "
                + "com.acme.Invoice, or com.acme.Invoice$Line for a nested class, and the jar that holds it with --tools");
        assertUsage(run("--tools", invoiceJar.toString(), "--output-type", "com.acme.Invoce", "Hi"),
                "--output-type com.acme.Invoce: no such class on the class path of agent4j or in the --tools jars ("
                        + invoiceJar + "); give the class's full name, as in com.acme.Invoice, or com.acme.Invoice$Line "
                        + "for a nested class, and the jar that holds it with --tools");
    }

    @Test
    void aTypeThatCanHaveNoSchemaIsAUsageError() {
        assertUsage(run("--tools", invoiceJar.toString(), "--output-type", "com.acme.Loose", "Hi"),
                "--output-type com.acme.Loose: Cannot use com.acme.Loose as the type of an answer: parameter 'value': "
                        + "a value of type Object has no schema; use a concrete type (a record, String, a Map<String, "
                        + "V> ...)");
    }

    @Test
    void jsonModeWithASchemaIsAUsageError() {
        assertUsage(run("--output-schema", schema.toString(), "--json-mode", "Hi"), "--json-mode asks for any JSON "
                + "object, but the answer has a schema (--output-schema or --output-type), which is sent instead; leave "
                + "out --json-mode, and for a server without json_schema give --structured-output json_object");
        assertUsage(run("--example", "expenses", "--json-mode", "Hi"), "--json-mode asks for any JSON object, but the "
                + "answer has a schema (the example's answer type), which is sent instead; leave out --json-mode, and "
                + "for a server without json_schema give --structured-output json_object");
    }

    @Test
    void aNegativeMaxRepairsIsAUsageError() {
        assertUsage(run("--output-schema", schema.toString(), "--max-repairs", "-1", "Hi"),
                "--max-repairs must be 0 or more, was -1");
    }

    private static void assertUsage(Cli.Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).containsExactly("agent4j: " + message + " (see 'agent4j run --help')");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }
}
