package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/tool-packs.md shows the weather pack's files exactly as the tests build them: every block
 * headed by a file name in bold is that file of {@code src/test/resources/toolpack}, and every file
 * there is shown.
 */
class ToolPackDocsTest {

    private static final Path GUIDE = Path.of("..", "docs", "tool-packs.md");
    private static final Pattern FILE_BLOCK = Pattern.compile("\\*\\*`([^`]+)`\\*\\*\\n\\n```[a-z]*\\n(.*?)```",
            Pattern.DOTALL);

    @Test
    void theGuideShowsEveryFileOfThePackAsTheTestsBuildIt() throws Exception {
        Map<String, String> shown = new TreeMap<>();
        Matcher block = FILE_BLOCK.matcher(Files.readString(GUIDE));
        while (block.find()) {
            shown.put(block.group(1), block.group(2));
        }

        Map<String, String> built = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ToolPackJarTest.PROJECT)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                built.put(ToolPackJarTest.PROJECT.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        assertThat(shown).isEqualTo(built);
    }
}
