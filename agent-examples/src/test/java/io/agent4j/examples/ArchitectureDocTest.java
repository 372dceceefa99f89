package io.agent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.junit.ArchTest;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md states the rules that {@link ArchitectureTest} enforces for agent-examples, each
 * under the name of its rule: a rule added, renamed or dropped in one and not the other fails here.
 */
class ArchitectureDocTest {

    private static final Path PAGE = Path.of("..", "docs", "architecture.md");
    private static final String HEADING = "Rules the `ArchitectureTest` of every other module enforces";

    @Test
    void thePageListsExactlyTheRulesOfTheTest() throws IOException {
        String text = Files.readString(PAGE);
        int start = text.indexOf("\n" + HEADING);
        assertThat(start).as("'%s' in %s", HEADING, PAGE).isNotNegative();
        int end = text.indexOf("\n#", start + 1);
        List<String> documented = new ArrayList<>();
        Matcher rule = Pattern.compile("(?m)^- `(\\w+)`: ").matcher(text.substring(start, end < 0 ? text.length() : end));
        while (rule.find()) {
            documented.add(rule.group(1));
        }
        List<String> rules = Stream.of(ArchitectureTest.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(ArchTest.class)).map(Field::getName).toList();

        assertThat(rules).isNotEmpty();
        assertThat(documented).as("the rules docs/architecture.md lists for agent-examples")
                .containsExactlyInAnyOrderElementsOf(rules);
    }
}
