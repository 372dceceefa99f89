package io.agent4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The BOM pins what the build publishes, at the build's versions, and brings nothing of the build's own. */
class BomTest {

    private static final Path ROOT = Path.of(System.getProperty("agent4j.root", ".."));
    private final Pom parent = Pom.read(ROOT.resolve("pom.xml"));
    private final Pom bom = Pom.read(ROOT.resolve("agent4j-bom/pom.xml"));

    @Test
    void hasNoParentSoThatNoneOfTheBuildsDependencyManagementReachesAnApplication() {
        assertThat(bom.texts("/project/parent")).isEmpty();
        assertThat(bom.text("/project/groupId")).isEqualTo("io.agent4j");
        assertThat(bom.text("/project/artifactId")).isEqualTo("agent4j-bom");
        assertThat(bom.text("/project/version")).isEqualTo(parent.text("/project/version"));
    }

    @Test
    void pinsEveryPublishedModuleAndNothingElseOfAgent4j() {
        List<String> published = new ArrayList<>(parent.texts("/project/modules/module"));
        published.removeAll(parent.texts("//profile[id='release']//excludeArtifacts/excludeArtifact"));
        published.remove("agent4j-bom");

        assertThat(bom.texts("/project/dependencyManagement/dependencies/dependency[groupId='io.agent4j']/artifactId"))
                .containsExactlyInAnyOrderElementsOf(published);
        assertThat(bom.texts("/project/dependencyManagement/dependencies/dependency[groupId='io.agent4j']/version"))
                .containsOnly("${project.version}");
    }

    @Test
    void importsTheJacksonBomAtTheVersionTheModulesAreBuiltWith() {
        assertThat(bom.text("/project/properties/jackson.version")).isEqualTo(parent.text("/project/properties/jackson.version"));
        assertThat(bom.texts("/project/dependencyManagement/dependencies/dependency[artifactId='jackson-bom']/scope"))
                .containsExactly("import");
        // nothing else: a BOM that pinned OkHttp or slf4j would fight the application's other BOMs
        assertThat(bom.texts("/project/dependencyManagement/dependencies/dependency/artifactId"))
                .containsExactlyInAnyOrder("agent-core", "agent-tools", "agent-mcp", "agent-opentelemetry", "agent-test", "jackson-bom");
    }

    @Test
    void isPublishedLikeTheModules() {
        assertThat(bom.texts("//profile[id='release']//excludeArtifacts/excludeArtifact"))
                .isEqualTo(parent.texts("//profile[id='release']//excludeArtifacts/excludeArtifact"));
        assertThat(bom.texts("//profile[id='release']//plugin/artifactId"))
                .contains("maven-gpg-plugin", "central-publishing-maven-plugin");
        for (String element : List.of("url", "licenses/license/name", "scm/url", "developers/developer/name")) {
            assertThat(bom.texts("/project/" + element)).as(element).isEqualTo(parent.texts("/project/" + element));
        }
    }

    /** A pom.xml, queried with XPath. */
    private record Pom(Document document) {

        static Pom read(Path file) {
            try {
                return new Pom(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()));
            } catch (Exception e) {
                throw new AssertionError("cannot read " + file.toAbsolutePath(), e);
            }
        }

        String text(String path) {
            List<String> texts = texts(path);
            assertThat(texts).as(path).hasSize(1);
            return texts.get(0);
        }

        List<String> texts(String path) {
            try {
                XPath xpath = XPathFactory.newInstance().newXPath();
                NodeList nodes = (NodeList) xpath.evaluate(path, document, XPathConstants.NODESET);
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < nodes.getLength(); i++) {
                    texts.add(nodes.item(i).getTextContent().strip());
                }
                return texts;
            } catch (Exception e) {
                throw new AssertionError("bad XPath " + path, e);
            }
        }
    }
}
