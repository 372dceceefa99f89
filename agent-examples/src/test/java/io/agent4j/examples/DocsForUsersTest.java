package io.agent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md, CHANGELOG.md and docs/*.md are written for the users of agent4j: they speak of
 * agent4j, not of how it was made (no "as agreed", "this session", numbered work stops, notes kept
 * outside the repository), and every page they link to is in the repository.
 */
class DocsForUsersTest {

    private static final Path ROOT = Path.of("..");
    /** Words of the workshop, not of the product. */
    private static final Pattern WORKSHOP = Pattern.compile(
            "(?i)\\bas agreed\\b|\\bthis session\\b|(?<![-\\w])stop \\d+\\b|\\bDESIGN\\.md\\b|\\bSTYLE\\.md\\b"
                    + "|\\bdesign notes\\b");
    /** A Markdown link to a file of the repository: {@code [text](path)} or {@code [text](path#anchor)}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#:]+)(?:#[^)\\s]*)?\\)");

    @Test
    void noPageSpeaksOfHowAgent4jWasMade() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path page : pages()) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                Matcher word = WORKSHOP.matcher(lines.get(i));
                while (word.find()) {
                    found.add(ROOT.relativize(page) + ":" + (i + 1) + ": '" + word.group() + "'");
                }
            }
        }
        assertThat(found).as("words for the makers, not the users, of agent4j").isEmpty();
    }

    @Test
    void everyLinkedFileIsInTheRepository() throws IOException {
        List<String> missing = new ArrayList<>();
        int links = 0;
        for (Path page : pages()) {
            Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                links++;
                if (!Files.exists(page.getParent().resolve(link.group(1)))) {
                    missing.add(ROOT.relativize(page) + " links to " + link.group(1));
                }
            }
        }
        assertThat(links).as("links between the pages").isGreaterThan(20);
        assertThat(missing).as("links to files that are not in the repository").isEmpty();
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CHANGELOG.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }
}
