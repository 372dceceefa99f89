package io.agent4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The code docs/spring.md shows is the code of the Spring Boot consumers, which
 * SpringBoot3ConsumerIT and SpringBoot4ConsumerIT compile and run: its Java blocks (marked
 * {@code java {spring}}, as they need Spring to compile) are their source files, whole.
 */
class SpringDocTest {

    private static final Path ROOT = Path.of(System.getProperty("agent4j.root", ".."));
    private static final Path BOOT_3 = ROOT.resolve("agent-it/src/it/spring-boot-3/src/main");
    private static final Path BOOT_4 = ROOT.resolve("agent-it/src/it/spring-boot-4/src/main");

    @Test
    void itsJavaBlocksAreTheBootConsumersSourceFiles() throws IOException {
        List<String> blocks = blocks("java {spring}");
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0)).isEqualTo(Files.readString(BOOT_3.resolve("java/com/example/boot/Calculator.java")));
        assertThat(blocks.get(1)).isEqualTo(Files.readString(BOOT_3.resolve("java/com/example/boot/AgentConfiguration.java")));
    }

    @Test
    void itsPropertiesAreTheBootConsumersApplicationProperties() throws IOException {
        assertThat(blocks("properties")).containsExactly(Files.readString(BOOT_3.resolve("resources/application.properties")));
    }

    @Test
    void theSameCodeRunsOnSpringBoot4() throws IOException {
        for (String file : List.of("java/com/example/boot/Calculator.java", "java/com/example/boot/AgentConfiguration.java",
                "resources/application.properties")) {
            assertThat(Files.readString(BOOT_4.resolve(file))).as(file).isEqualTo(Files.readString(BOOT_3.resolve(file)));
        }
    }

    private static List<String> blocks(String info) throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/spring.md"));
        Matcher block = Pattern.compile("(?ms)^```" + Pattern.quote(info) + "\\n(.*?)^```$").matcher(doc);
        List<String> blocks = new ArrayList<>();
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }
}
