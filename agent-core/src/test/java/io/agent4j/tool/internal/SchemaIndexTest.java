package io.agent4j.tool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.tool.SchemaIndexer;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Schemas made at build time ({@link SchemaIndexer}) and read back by a fresh class loader: the
 * same schemas victools makes, used without victools, and never used once a class they were made
 * from has changed or the index does not read.
 */
class SchemaIndexTest {

    private static final String TOOLS = """
            package demo;

            import io.agent4j.tool.Param;
            import io.agent4j.tool.Tool;
            import java.util.List;

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
        Path src = classes.resolveSibling(classes.getFileName() + "-src").resolve("demo/Trips.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-parameters", "-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), src.toString());
        assertThat(status).as("javac").isZero();
        return classes;
    }
}
