package io.agent4j;

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
 * docs/architecture.md states the package rules of agent-core that {@link ArchitectureTest}
 * enforces, each under the name of its rule: a rule added, renamed or dropped in one and not the
 * other fails here.
 */
class ArchitectureDocTest {

    private static final Path PAGE = Path.of("..", "docs", "architecture.md");
    private static final Pattern RULE = Pattern.compile("(?m)^- `(\\w+)`: ");

    @Test
    void thePageListsExactlyTheRulesOfTheTest() throws IOException {
        assertThat(documentedRules(PAGE, "Rules `ArchitectureTest` enforces"))
                .as("the rules docs/architecture.md lists for agent-core")
                .containsExactlyInAnyOrderElementsOf(rules(ArchitectureTest.class));
    }

    /** The names of a test class's {@code @ArchTest} rules. */
    static List<String> rules(Class<?> test) {
        List<String> names = Stream.of(test.getDeclaredFields()).filter(f -> f.isAnnotationPresent(ArchTest.class))
                .map(Field::getName).toList();
        assertThat(names).as("@ArchTest rules of " + test.getName()).isNotEmpty();
        return names;
    }

    /** The rule names of the list that follows the paragraph starting with {@code heading}, up to the next heading. */
    static List<String> documentedRules(Path page, String heading) throws IOException {
        String text = Files.readString(page);
        int start = text.indexOf("\n" + heading);
        assertThat(start).as("'%s' in %s", heading, page).isNotNegative();
        int end = text.indexOf("\n#", start + 1);
        String section = text.substring(start, end < 0 ? text.length() : end);
        List<String> names = new ArrayList<>();
        Matcher rule = RULE.matcher(section);
        while (rule.find()) {
            names.add(rule.group(1));
        }
        return names;
    }
}
