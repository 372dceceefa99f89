package io.agent4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The libraries' messages speak to a library user: they name builder settings and API types, never a
 * flag of the command line (the command line rewrites them in its own terms). Every string literal of the
 * library modules' sources is read.
 */
class LibraryMessagesTest {

    private static final List<String> LIBRARIES = List.of("agent-core", "agent-tools", "agent-mcp",
            "agent-opentelemetry", "agent-test");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\n]|\\\\.)*)\"");
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z-]+");

    @Test
    void noLibraryStringNamesACommandLineFlag() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> flagged;
        try (Stream<Path> sources = LIBRARIES.stream().map(m -> root.resolve(m).resolve("src/main/java"))
                .filter(Files::isDirectory).flatMap(LibraryMessagesTest::javaFiles)) {
            flagged = sources.flatMap(LibraryMessagesTest::flagsIn).toList();
        }

        assertThat(flagged).isEmpty();
    }

    @Test
    void theCheckFindsAFlagInALiteral() {
        assertThat(flagsIn("x", "throw new E(\"Check --base-url and your network.\");")).hasSize(1);
        assertThat(flagsIn("x", "perms(\"rw-r--r--\"); // --record")).isEmpty();
    }

    private static Stream<Path> javaFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> flagsIn(Path file) {
        try {
            return flagsIn(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> flagsIn(String file, String source) {
        Stream.Builder<String> found = Stream.builder();
        Matcher literal = LITERAL.matcher(source);
        while (literal.find()) {
            Matcher flag = FLAG.matcher(literal.group(1));
            while (flag.find()) {
                found.add(file + ": " + flag.group() + " in \"" + literal.group(1) + "\"");
            }
        }
        return found.build();
    }
}
