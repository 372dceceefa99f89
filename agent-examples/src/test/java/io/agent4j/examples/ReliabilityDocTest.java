package io.agent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/reliability.md names, for each guarantee, the test that proves it: every test it names
 * exists in the repository, so a renamed or deleted test cannot leave a guarantee unproven.
 */
class ReliabilityDocTest {

    private static final Path ROOT = Path.of("..");
    private static final Path GUIDE = ROOT.resolve("docs").resolve("reliability.md");
    /** {@code `SomeTest#someMethod`} or {@code `SomeTest`}, in back-quotes. */
    private static final Pattern TEST = Pattern.compile("`([A-Z][A-Za-z0-9]*(?:Test|IT))(?:#([a-z][A-Za-z0-9]*))?`");

    @Test
    void everyTestTheGuideNamesExists() throws IOException {
        Map<String, String> sources = testSources();
        List<String> missing = new ArrayList<>();
        int named = 0;
        Matcher test = TEST.matcher(Files.readString(GUIDE));
        while (test.find()) {
            named++;
            String source = sources.get(test.group(1));
            if (source == null) {
                missing.add(test.group(1) + " (no such test class)");
            } else if (test.group(2) != null
                    && !Pattern.compile("void " + test.group(2) + "\\(").matcher(source).find()) {
                missing.add(test.group(0) + " (no such method in " + test.group(1) + ")");
            }
        }

        assertThat(named).as("tests named in %s", GUIDE).isGreaterThan(100);
        assertThat(missing).as("tests named in %s that do not exist", GUIDE).isEmpty();
    }

    /** The source of every test class of every module, by simple name. */
    private static Map<String, String> testSources() throws IOException {
        Map<String, String> sources = new HashMap<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path testRoot : modules.map(module -> module.resolve("src/test/java")).filter(Files::isDirectory)
                    .toList()) {
                try (Stream<Path> files = Files.walk(testRoot)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        String name = file.getFileName().toString().replace(".java", "");
                        sources.merge(name, Files.readString(file), String::concat);
                    }
                }
            }
        }
        return sources;
    }
}
