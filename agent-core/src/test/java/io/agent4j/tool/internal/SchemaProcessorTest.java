package io.agent4j.tool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * javac, given agent-core on the class path and no option at all, finds {@link SchemaProcessor} and
 * writes the schema index of the classes it compiled; a fresh JVM then reads the schemas instead of
 * making them. The processor stays out of compilations without tools, and {@code -Aagent4j.schemas=false}
 * turns it off.
 */
class SchemaProcessorTest {

    private static final String TOOLS = SchemaIndexTest.TOOLS;

    private static final String NO_TOOLS = """
            package demo;

            public class Plain {
                public record Point(int x, int y) {
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void javacWritesTheIndexAndAFreshLoaderReadsItWithoutTheGenerator() throws Exception {
        Path classes = dir.resolve("classes");
        String said = compile(classes, TOOLS);

        assertThat(said).contains("agent4j: prepared the schemas of 1 tool(s) and 3 answer type(s) in " + classes);
        assertThat(classes.resolve(SchemaIndex.FOLDER + "demo.Trips.json")).isRegularFile();
        assertThat(classes.resolve(SchemaIndex.FOLDER + "demo.Trips$Trip.json")).isRegularFile();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                SchemaProcessorTest.class.getClassLoader())) {
            long before = ToolSchemas.GENERATIONS.get();
            Toolbox tools = Toolbox.of(loader.loadClass("demo.Trips"));
            List<ToolDefinition> definitions = tools.definitions();
            JsonNode parameters = definitions.get(0).parameters();

            assertThat(ToolSchemas.GENERATIONS.get()).as("victools was not used").isEqualTo(before);
            assertThat(parameters.at("/properties/trip/properties/legs/items/properties/distance/type").asString())
                    .isEqualTo("number");
            assertThat(tools.call("plan", "{\"trip\":{\"name\":\"Alps\",\"days\":3,\"legs\":[]},\"unit\":\"KM\"}",
                    null).content()).isEqualTo("Alps 0 KM");
        }
    }

    @Test
    void aCompilationWithoutToolsIsLeftAlone() throws Exception {
        Path classes = dir.resolve("classes");
        String said = compile(classes, NO_TOOLS);

        assertThat(said).doesNotContain("agent4j");
        assertThat(classes.resolve(SchemaIndex.FOLDER)).doesNotExist();
    }

    @Test
    void theOptionTurnsItOff() throws Exception {
        Path classes = dir.resolve("classes");
        String said = compile(classes, TOOLS, "-Aagent4j.schemas=false");

        assertThat(said).doesNotContain("agent4j");
        assertThat(classes.resolve(SchemaIndex.FOLDER)).doesNotExist();
        assertThat(classes.resolve("demo/Trips.class")).isRegularFile();
    }

    /** Compiles {@code source} with javac's defaults and agent-core on the class path; returns what javac said. */
    private static String compile(Path classes, String source, String... options) throws IOException {
        Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
        assertThat(name.find()).as("a public class").isTrue();
        Path src = classes.resolveSibling("src").resolve("demo/" + name.group(1) + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Files.createDirectories(classes);
        List<String> arguments = new ArrayList<>(List.of(options));
        arguments.addAll(List.of("-parameters", "-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), src.toString()));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = javac.run(null, null, err, arguments.toArray(String[]::new));
        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(status).as("javac: " + said).isZero();
        return said;
    }
}
