package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The weather pack of docs/tool-packs.md built as its reader builds it: {@code mvn -B package} on
 * the project exactly as the guide shows it ({@link ToolPackDocsTest} checks that the files are the
 * guide's), against the agent-core of this build, with the build-time index step included. Maven
 * runs in a process of its own, with a local repository of the test's own that holds this build's
 * agent-core and takes everything else from the build's local repository (never the network).
 */
class ToolPackTutorialIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path PROJECT = Path.of("target", "it", "weather-pack");
    private static final String INDEX = "META-INF/agent4j/schemas/com.example.weather.WeatherTools.json";

    private static String mavenOutput;
    private static Path jar;

    @BeforeAll
    static void buildThePackWithMaven() throws Exception {
        Path repository = stageAgentCore(Path.of("target", "it", "repository"));
        Path settings = settings(Path.of("target", "it", "settings.xml"));
        copyProject(ToolPackJarTest.PROJECT, PROJECT);
        Path log = PROJECT.resolveSibling("weather-pack-build.log");
        Process maven = new ProcessBuilder(Path.of(property("agent4j.mavenHome"), "bin", "mvn").toString(),
                "-B", "-s", settings.toAbsolutePath().toString(),
                "-Dmaven.repo.local=" + repository.toAbsolutePath(), "package")
                .directory(PROJECT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertThat(maven.waitFor(5, TimeUnit.MINUTES)).as("mvn package within 5 minutes, see " + log).isTrue();
        mavenOutput = Files.readString(log);
        assertThat(maven.exitValue()).as("mvn -B package of the weather pack:%n%s", mavenOutput).isZero();
        jar = PROJECT.resolve("target/weather-pack-1.0.jar");
    }

    @Test
    void theGuidesPomDependsOnThisBuildsAgentCore() throws IOException {
        assertThat(Files.readString(ToolPackJarTest.PROJECT.resolve("pom.xml")))
                .contains("<artifactId>agent-core</artifactId>\n      <version>" + property("agent4j.version")
                        + "</version>");
    }

    @Test
    void theIndexStepRunsAndItsIndexIsInTheJar() throws IOException {
        assertThat(mavenOutput).contains("agent4j: prepared the schemas of 1 tool(s) in ")
                .doesNotContain("ClassNotFoundException").doesNotContain("SLF4J");
        assertThat(PROJECT.resolve("target/classes").resolve(INDEX)).isRegularFile();
        try (JarFile built = new JarFile(jar.toFile())) {
            assertThat(built.getEntry(INDEX)).as(INDEX + " in the jar").isNotNull();
        }
    }

    @Test
    void theIndexIsWhatTheToolsSchemaIsMadeOf() throws IOException {
        JsonNode index;
        try (JarFile built = new JarFile(jar.toFile())) {
            index = JSON.readTree(built.getInputStream(built.getEntry(INDEX)));
        }
        JsonNode strict = index.path("tools").valueStream()
                .filter(tool -> tool.path("key").asString().startsWith("strict ")).findFirst().orElseThrow();

        ToolDefinition tool = Toolbox.loadJar(jar, Map.of()).definitions().get(0);

        assertThat(tool.name()).isEqualTo("highTemperature");
        assertThat(tool.parameters()).isEqualTo(strict.path("parameters"));
    }

    @Test
    void aToolboxReadsTheIndexInsteadOfMakingTheSchema() throws Exception {
        Path marked = markedCopy(jar, PROJECT.resolveSibling("weather-pack-marked.jar"));

        ToolDefinition tool = Toolbox.loadJar(marked, Map.of()).definitions().get(0);

        assertThat(tool.parameters().at("/properties/city/description").asString())
                .as("the description the index alone says").isEqualTo("City name, e.g. Seoul (from the index)");
    }

    /**
     * A copy of the jar whose index gives the city another description: the index still fits the
     * jar's classes, so a toolbox that reads it shows that description, and one that makes the
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

    /**
     * A local repository holding this build's agent-core and its parent POM as {@code mvn install}
     * would put them there, and nothing else.
     */
    private static Path stageAgentCore(Path repository) throws IOException {
        String version = property("agent4j.version");
        Path root = Path.of("..");
        Path agentCoreJar = root.resolve("agent-core/target/agent-core-" + version + ".jar");
        assertThat(agentCoreJar).as("agent-core's jar, built by the package phase of this build").isRegularFile();
        deleteRecursively(repository);
        install(repository, "agent4j-parent", version, root.resolve("pom.xml"), null);
        install(repository, "agent-core", version, root.resolve("agent-core/pom.xml"), agentCoreJar);
        return repository;
    }

    private static void install(Path repository, String artifact, String version, Path pom, Path jar)
            throws IOException {
        Path dir = Files.createDirectories(repository.resolve("io/agent4j").resolve(artifact).resolve(version));
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Settings under which every repository, Maven Central included, is the build's own local
     * repository (read as a remote one, its checksums not required), and no SNAPSHOT comes from it.
     */
    private static Path settings(Path file) throws IOException {
        String url = Path.of(property("agent4j.buildRepository")).toUri().toString();
        String repository = """
                  <id>central</id><url>%s</url>
                  <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
                  <snapshots><enabled>false</enabled></snapshots>
                """.formatted(url);
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                <settings>
                  <mirrors>
                    <mirror><id>build-local</id><mirrorOf>*,!central</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <id>build-local</id>
                      <repositories><repository>%s</repository></repositories>
                      <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>build-local</activeProfile></activeProfiles>
                </settings>
                """.formatted(url, repository, repository));
        return file;
    }

    private static void copyProject(Path from, Path to) throws IOException {
        deleteRecursively(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property %s (set by agent-examples' pom for failsafe)", name).isNotBlank();
        return value;
    }
}
