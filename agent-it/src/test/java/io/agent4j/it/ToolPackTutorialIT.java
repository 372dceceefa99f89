package io.agent4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The weather pack of docs/tool-packs.md built as its reader builds it: {@code mvn -B package} on
 * the project exactly as the guide shows it (agent-examples' {@code ToolPackDocsTest} checks that
 * its files are the guide's), against the installed agent-core, with the build-time schema index
 * step included; then the jar loaded as {@code --tools} loads it.
 */
class ToolPackTutorialIT {

    /** The guide's project, as agent-examples' tests keep it. */
    private static final Path TUTORIAL = Path.of("..", "agent-examples", "src", "test", "resources", "toolpack");
    private static final String INDEX = "META-INF/agent4j/schemas/com.example.weather.WeatherTools.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConsumerProject pack;
    private static String build;
    private static Path jar;

    @BeforeAll
    static void buildThePackAsTheGuideSays() {
        pack = ConsumerProject.copyOf(TUTORIAL, "weather-pack");
        build = pack.maven("package");
        jar = pack.dir.resolve("target/weather-pack-1.0.jar");
    }

    @Test
    void theGuidesPomDependsOnTheAgentCoreOfThisBuild() throws IOException {
        assertThat(Files.readString(pack.dir.resolve("pom.xml"))).contains("<artifactId>agent-core</artifactId>\n"
                + "      <version>" + ConsumerProject.agent4jVersion() + "</version>\n      <scope>provided</scope>");
    }

    @Test
    void theIndexStepRunsQuietlyAndItsIndexIsInTheJar() throws IOException {
        assertThat(build).contains("agent4j: prepared the schemas of 1 tool(s) and 0 answer type(s) in ")
                .doesNotContain("ClassNotFoundException").doesNotContain("SLF4J");
        assertThat(pack.dir.resolve("target/classes").resolve(INDEX)).isRegularFile();
        try (JarFile built = new JarFile(jar.toFile())) {
            assertThat(built.getEntry(INDEX)).as(INDEX + " in the jar").isNotNull();
        }
    }

    @Test
    void theToolsSchemaIsTheIndexs() throws IOException {
        JsonNode strict;
        try (JarFile built = new JarFile(jar.toFile())) {
            strict = JSON.readTree(built.getInputStream(built.getEntry(INDEX))).path("tools").valueStream()
                    .filter(tool -> tool.path("key").asString().startsWith("strict ")).findFirst().orElseThrow();
        }

        ToolDefinition tool = Toolbox.loadJar(jar, Map.of()).definitions().get(0);

        assertThat(tool.name()).isEqualTo("highTemperature");
        assertThat(tool.parameters()).isEqualTo(strict.path("parameters"));
    }

    @Test
    void aToolboxReadsTheIndexInsteadOfMakingTheSchema() throws IOException {
        Path marked = markedCopy(jar, pack.dir.resolve("target/weather-pack-marked.jar"));

        ToolDefinition tool = Toolbox.loadJar(marked, Map.of("weather.units", "imperial")).definitions().get(0);

        assertThat(tool.parameters().at("/properties/city/description").asString())
                .as("the description only the index has").isEqualTo("City name, e.g. Seoul (from the index)");
    }

    /**
     * A copy of the jar whose index gives the city another description: the index still fits the
     * jar's classes, so a toolbox that reads it shows that description, and one that made the
     * schema anew would not.
     */
    private static Path markedCopy(Path jar, Path copy) throws IOException {
        try (JarFile in = new JarFile(jar.toFile());
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy), in.getManifest())) {
            for (JarEntry entry : Collections.list(in.entries())) {
                if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                if (entry.getName().equals(INDEX)) {
                    ObjectNode index = (ObjectNode) JSON.readTree(in.getInputStream(entry));
                    index.path("tools").forEach(tool -> ((ObjectNode) tool.at("/parameters/properties/city"))
                            .put("description", "City name, e.g. Seoul (from the index)"));
                    out.write(JSON.writeValueAsBytes(index));
                } else {
                    in.getInputStream(entry).transferTo(out);
                }
                out.closeEntry();
            }
        }
        return copy;
    }
}
