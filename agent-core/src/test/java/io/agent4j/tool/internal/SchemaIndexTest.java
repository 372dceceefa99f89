package io.agent4j.tool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.answer.AnswerType;
import io.agent4j.tool.SchemaIndexer;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Schemas made at build time ({@link SchemaIndexer}), of tools and of answer types, and read back by
 * a fresh class loader: the same schemas victools makes, used without victools, and never used once
 * a class they were made from has changed or the index does not read.
 */
class SchemaIndexTest {

    /** Tools with a record, a nested record and an enum; {@link SchemaProcessorTest} compiles them too. */
    static final String TOOLS = """
            package demo;

            import io.agent4j.tool.Param;
            import io.agent4j.tool.Tool;
            import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

            public class Trips {
                public enum Unit { KM, MILES }

                public record Leg(String from, String to, double distance) {
                }

                public record Trip(String name, int days, List<Leg> legs) {
                }

                @Tool("Plans a trip")
                public String plan(@Param("The trip") Trip trip, Unit unit) {
                    return trip.name() + " " + trip.legs().size() + " " + unit;
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aFreshJvmReadsTheSchemasInsteadOfMakingThem() throws Exception {
        Path classes = compile(dir.resolve("v1"), TOOLS);
        JsonNode strict;
        JsonNode lenient;
        try (URLClassLoader first = loader(classes)) {
            Toolbox made = Toolbox.of(first.loadClass("demo.Trips"));
            strict = parameters(made);
            lenient = parameters(made.lenient());
            Thread.currentThread().setContextClassLoader(first);
            try {
                assertThat(SchemaIndexer.index(classes)).isEqualTo(1);
            } finally {
                Thread.currentThread().setContextClassLoader(SchemaIndexTest.class.getClassLoader());
            }
        }
        assertThat(classes.resolve(SchemaIndex.FOLDER + "demo.Trips.json")).isRegularFile();

        try (URLClassLoader second = loader(classes)) {
            long before = ToolSchemas.GENERATIONS.get();
            Toolbox read = Toolbox.of(second.loadClass("demo.Trips"));
            assertThat(parameters(read)).isEqualTo(strict);
            assertThat(parameters(read.lenient())).isEqualTo(lenient);
            assertThat(ToolSchemas.GENERATIONS.get()).as("victools was not used").isEqualTo(before);
            assertThat(read.call("plan", "{\"trip\":{\"name\":\"Alps\",\"days\":3,\"legs\":[{\"from\":\"A\","
                    + "\"to\":\"B\",\"distance\":12.5}]},\"unit\":\"KM\"}", null).content()).isEqualTo("Alps 1 KM");
        }
    }

    @Test
    void anIndexMadeFromOtherClassesIsNotUsed() throws Exception {
        Path old = compile(dir.resolve("old"), TOOLS);
        index(old);
        Path changed = compile(dir.resolve("new"), TOOLS.replace("double distance", "double distance, int stops"));
        Path index = Path.of(SchemaIndex.FOLDER + "demo.Trips.json");
        Files.createDirectories(changed.resolve(index).getParent());
        Files.copy(old.resolve(index), changed.resolve(index));

        try (URLClassLoader loader = loader(changed)) {
            long before = ToolSchemas.GENERATIONS.get();
            Toolbox toolbox = Toolbox.of(loader.loadClass("demo.Trips"));
            assertThat(ToolSchemas.GENERATIONS.get()).as("the schema was made anew").isGreaterThan(before);
            assertThat(parameters(toolbox).toString()).contains("\"stops\"");
        }
    }

    private static final String SEALED_TOOLS = """
            package demo;

            import com.fasterxml.jackson.annotation.JsonTypeInfo;
            import io.agent4j.tool.Tool;

            public class Trips {
                @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
                public sealed interface Stop permits Hotel, Camp {
                }

                public record Hotel(String name) implements Stop {
                }

                public record Camp(String site) implements Stop {
                }

                @Tool("Books a stop")
                public String book(Stop stop) {
                    return stop.getClass().getSimpleName();
                }
            }
            """;

    @Test
    void anIndexOfAnEarlierFormatIsNotUsed() throws Exception {
        Path classes = compile(dir.resolve("earlier"), SEALED_TOOLS);
        index(classes);
        Path index = classes.resolve(SchemaIndex.FOLDER + "demo.Trips.json");
        String current = Files.readString(index);
        assertThat(current).contains("\"const\" : \"Hotel\"").doesNotContain("\"const\" : \"Trips$Hotel\"");
        // what an index made before subtypes were named by their simple names looks like
        Files.writeString(index, current.replace("\"format\" : " + SchemaIndex.FORMAT, "\"format\" : 1")
                .replace("\"Hotel\"", "\"Trips$Hotel\"").replace("\"Camp\"", "\"Trips$Camp\""));

        try (URLClassLoader loader = loader(classes)) {
            long before = ToolSchemas.GENERATIONS.get();
            Toolbox toolbox = Toolbox.of(loader.loadClass("demo.Trips"));
            assertThat(ToolSchemas.GENERATIONS.get()).as("the schema was made anew").isGreaterThan(before);
            assertThat(parameters(toolbox).toString()).contains("\"Hotel\"").doesNotContain("Trips$Hotel");
            assertThat(toolbox.call("book", "{\"stop\":{\"type\":\"Hotel\",\"name\":\"Ritz\"}}", null).content())
                    .isEqualTo("Hotel");
        }
    }

    @Test
    void anIndexThatDoesNotReadIsIgnored() throws Exception {
        Path classes = compile(dir.resolve("corrupt"), TOOLS);
        Path index = classes.resolve(SchemaIndex.FOLDER + "demo.Trips.json");
        Files.createDirectories(index.getParent());
        Files.writeString(index, "{\"format\":1,\"tools\":[{\"key\":");

        try (URLClassLoader loader = loader(classes)) {
            long before = ToolSchemas.GENERATIONS.get();
            Toolbox toolbox = Toolbox.of(loader.loadClass("demo.Trips"));
            assertThat(ToolSchemas.GENERATIONS.get()).isGreaterThan(before);
            assertThat(parameters(toolbox).path("properties").has("trip")).isTrue();
        }
    }

    private static final String ANSWERS = """
            package demo;

            import com.fasterxml.jackson.annotation.JsonTypeInfo;
            import java.math.BigDecimal;
            import java.time.LocalDate;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;

            public class Billing {
                public enum Status { DRAFT, SENT, PAID }

                public record Line(String item, int quantity, BigDecimal price) {
                }

                public record Invoice(String number, LocalDate issued, List<Line> lines, Status status,
                        Optional<String> note, Map<String, Integer> tags) {
                }

                @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
                public sealed interface Payment permits Card, Transfer {
                }

                public record Card(String number) implements Payment {
                }

                public record Transfer(String iban) implements Payment {
                }

                public record Folder(String name, List<Folder> children) {
                }

                public record Page<T>(List<T> items) {
                }

                public record Anything(Object value) {
                }

                public static class Plain {
                    public String name;
                }
            }
            """;

    /** The answer types of {@link #ANSWERS} that have a schema, as the index names them. */
    private static final List<String> ANSWER_TYPES = List.of("demo.Billing$Invoice", "demo.Billing$Line",
            "demo.Billing$Status", "demo.Billing$Payment", "demo.Billing$Card", "demo.Billing$Transfer",
            "demo.Billing$Folder");

    private static final String INVOICE = """
            {"number":"A-17","issued":"2025-03-14","lines":[{"item":"bolts","quantity":100,"price":0.25}],
             "status":"SENT","note":null,"tags":[{"key":"urgent","value":1}]}""";

    @Test
    void aFreshJvmReadsAnAnswerTypesSchemaInsteadOfMakingIt() throws Exception {
        Path classes = compile(dir.resolve("answers"), ANSWERS);
        Map<String, String> made = new LinkedHashMap<>();
        try (URLClassLoader first = loader(classes)) {
            for (String name : ANSWER_TYPES) {
                AnswerType<?> type = AnswerType.of(first.loadClass(name));
                made.put("strict " + name, type.schema().toString());
                made.put("lenient " + name, type.lenient().schema().toString());
            }
        }
        index(classes);
        for (String name : ANSWER_TYPES) {
            assertThat(classes.resolve(SchemaIndex.FOLDER + name + ".json")).isRegularFile();
        }

        try (URLClassLoader second = loader(classes)) {
            long before = ToolSchemas.GENERATIONS.get();
            Map<String, String> read = new LinkedHashMap<>();
            for (String name : ANSWER_TYPES) {
                AnswerType<?> type = AnswerType.of(second.loadClass(name));
                read.put("strict " + name, type.schema().toString());
                read.put("lenient " + name, type.lenient().schema().toString());
            }
            assertThat(ToolSchemas.GENERATIONS.get()).as("victools was not used").isEqualTo(before);
            assertThat(read).isEqualTo(made);
            AnswerType.Checked<?> invoice = AnswerType.of(second.loadClass("demo.Billing$Invoice")).check(INVOICE);
            assertThat(invoice.problems()).isEmpty();
            assertThat(invoice.value().getClass().getClassLoader()).isSameAs(second);
            assertThat(invoice.value()).hasToString("Invoice[number=A-17, issued=2025-03-14, lines=[Line[item=bolts, "
                    + "quantity=100, price=0.25]], status=SENT, note=Optional.empty, tags={urgent=1}]");
        }
    }

    @Test
    void anIndexedAnswerSchemaIsByteForByteTheOneGenerationMakes() throws Exception {
        Path classes = compile(dir.resolve("bytes"), ANSWERS);
        index(classes);
        try (URLClassLoader loader = loader(classes)) {
            for (String name : ANSWER_TYPES) {
                JsonNode answers = Json.MAPPER.readTree(classes.resolve(SchemaIndex.FOLDER + name + ".json").toFile())
                        .path("answers");
                assertThat(answers).as(name).hasSize(2);
                for (JsonNode entry : answers) {
                    boolean strict = entry.path("key").asString().startsWith("strict ");
                    Class<?> type = loader.loadClass(name);
                    assertThat(entry.path("key").asString()).isEqualTo(SchemaIndex.answerKey(type, strict));
                    String generated = Json.MAPPER.writeValueAsString(
                            ToolSchemas.parametersSchema(List.of(ToolParameter.answer(type)), strict));
                    assertThat(Json.MAPPER.writeValueAsString(entry.path("schema"))).as(entry.path("key").asString())
                            .isEqualTo(generated);
                }
            }
        }
    }

    @Test
    void anAnswerTypesIndexIsNotUsedOnceAClassItWasMadeFromChanged() throws Exception {
        Path old = compile(dir.resolve("answers-old"), ANSWERS);
        index(old);
        Path changed = compile(dir.resolve("answers-new"), ANSWERS.replace("BigDecimal price)", "BigDecimal price, "
                + "String unit)"));
        Path folder = Path.of(SchemaIndex.FOLDER);
        Files.createDirectories(changed.resolve(folder));
        try (var files = Files.list(old.resolve(folder))) {
            for (Path file : files.toList()) {
                Files.copy(file, changed.resolve(folder).resolve(file.getFileName()));
            }
        }

        try (URLClassLoader loader = loader(changed)) {
            long before = ToolSchemas.GENERATIONS.get();
            AnswerType<?> invoice = AnswerType.of(loader.loadClass("demo.Billing$Invoice"));
            assertThat(ToolSchemas.GENERATIONS.get()).as("the schema was made anew").isGreaterThan(before);
            assertThat(invoice.schema().path("properties").path("lines").path("items").path("properties")
                    .has("unit")).isTrue();
        }
    }

    @Test
    void onlyTypesAnswersAreMadeOfAreIndexedAndOnesWithoutASchemaAreLeftOut() throws Exception {
        Path classes = compile(dir.resolve("kinds"), ANSWERS);
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = loader(classes)) {
            Thread.currentThread().setContextClassLoader(loader);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            SchemaIndexer.main(new String[] {classes.toString()});
        } finally {
            System.setOut(out);
            Thread.currentThread().setContextClassLoader(SchemaIndexTest.class.getClassLoader());
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("agent4j: prepared the schemas of 0 tool(s) and "
                + ANSWER_TYPES.size() + " answer type(s) in " + classes + System.lineSeparator());
        try (var files = Files.list(classes.resolve(SchemaIndex.FOLDER))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrderElementsOf(
                    ANSWER_TYPES.stream().map(name -> name + ".json").toList());
        }
    }

    @Test
    void theGeneratorsFingerprintCoversClassesThatExist() {
        assertThat(SchemaIndex.GENERATOR).contains(ToolSchemas.class.getName(), SchemaGenerators.class.getName())
                .allSatisfy(name -> assertThat(SchemaIndex.class.getClassLoader()
                        .getResource(name.replace('.', '/') + ".class")).as(name).isNotNull());
    }

    @Test
    void theIndexerSaysWhatItNeeds() {
        assertThatThrownBy(() -> SchemaIndexer.main(new String[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Usage: SchemaIndexer CLASSES_FOLDER (e.g. target/classes)");
        assertThatThrownBy(() -> SchemaIndexer.index(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("missing is not a folder of "
                        + "compiled classes");
    }

    private static JsonNode parameters(Toolbox toolbox) {
        List<ToolDefinition> definitions = toolbox.definitions();
        assertThat(definitions).hasSize(1);
        return definitions.get(0).parameters();
    }

    private static void index(Path classes) throws Exception {
        try (URLClassLoader loader = loader(classes)) {
            Thread.currentThread().setContextClassLoader(loader);
            SchemaIndexer.index(classes);
        } finally {
            Thread.currentThread().setContextClassLoader(SchemaIndexTest.class.getClassLoader());
        }
    }

    private static URLClassLoader loader(Path classes) throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, SchemaIndexTest.class.getClassLoader());
    }

    private static Path compile(Path classes, String source) throws IOException {
        Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
        assertThat(name.find()).as("a public class").isTrue();
        Path src = classes.resolveSibling(classes.getFileName() + "-src").resolve("demo/" + name.group(1) + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        // -proc:none: these tests make their indexes themselves; SchemaProcessorTest has javac make them
        int status = javac.run(null, null, null, "-proc:none", "-parameters", "-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), src.toString());
        assertThat(status).as("javac").isZero();
        return classes;
    }
}
