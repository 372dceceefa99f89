package io.agent4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/logging.md lists every logger of the library modules (agent-core, agent-tools, agent-mcp),
 * each with exactly the levels its class logs at, and no logger that does not exist: the sources are read for
 * {@code LoggerFactory.getLogger(...)} and {@code log.debug/info/warn/error(...)}.
 */
class LoggingDocTest {

    private static final Path GUIDE = Path.of("..", "docs", "logging.md");
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "agent-tools", "src", "main", "java"), Path.of("..", "agent-mcp", "src", "main", "java"));
    private static final Pattern GET_LOGGER = Pattern.compile("LoggerFactory\\.getLogger\\(([^)]+)\\)");
    private static final Pattern CALL = Pattern.compile("\\blog\\.(trace|debug|info|warn|error)\\(");
    private static final Pattern ROW = Pattern.compile("^\\| `(io\\.agent4j[^`]*)` \\| ([A-Z]+) \\|", Pattern.MULTILINE);

    /** Each logger of the sources, with the levels it logs at. */
    private static Map<String, Set<String>> loggersInTheCode() throws Exception {
        Map<String, Set<String>> loggers = new TreeMap<>();
        for (Path root : SOURCES) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    Matcher logger = GET_LOGGER.matcher(source);
                    if (!logger.find()) {
                        continue;
                    }
                    Set<String> levels = new TreeSet<>();
                    Matcher call = CALL.matcher(source);
                    while (call.find()) {
                        levels.add(call.group(1).toUpperCase(java.util.Locale.ROOT));
                    }
                    loggers.put(name(root, file, source, logger.group(1).strip()), levels);
                }
            }
        }
        return loggers;
    }

    /** A logger's name: that of the class, or of the string constant it is given. */
    private static String name(Path root, Path file, String source, String argument) {
        if (argument.endsWith(".class")) {
            String pkg = root.relativize(file.getParent()).toString().replace(java.io.File.separatorChar, '.');
            return pkg + "." + argument.substring(0, argument.length() - ".class".length());
        }
        if (argument.startsWith("\"")) {
            return argument.substring(1, argument.length() - 1);
        }
        Matcher constant = Pattern.compile("String " + Pattern.quote(argument) + " = \"([^\"]+)\"").matcher(source);
        assertThat(constant.find()).as("the constant %s in %s", argument, file).isTrue();
        return constant.group(1);
    }

    private static Map<String, Set<String>> loggersInTheGuide() throws Exception {
        Map<String, Set<String>> loggers = new TreeMap<>();
        Matcher row = ROW.matcher(Files.readString(GUIDE));
        while (row.find()) {
            loggers.computeIfAbsent(row.group(1), name -> new TreeSet<>()).add(row.group(2));
        }
        return loggers;
    }

    @Test
    void theGuideListsEveryLoggerWithTheLevelsItLogsAt() throws Exception {
        Map<String, Set<String>> code = loggersInTheCode();

        assertThat(code).containsKeys("io.agent4j.openai.wire", "io.agent4j.openai.OpenAiChatModel", "io.agent4j.Agent");
        assertThat(loggersInTheGuide()).isEqualTo(code);
    }
}
