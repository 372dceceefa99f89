package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.examples.Example;
import io.agent4j.examples.ExampleSessions;
import io.agent4j.examples.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/examples.md shows what the command line prints: the listing of {@code agent4j examples},
 * and for each example its command (with {@code --verbose}) and the answer it prints on stdout.
 */
class ExamplesDocsTest {

    private static final Path GUIDE = Path.of("..", "docs", "examples.md");

    @Test
    void theListingShownIsWhatAgent4jExamplesPrints() throws Exception {
        Cli.Result result = Cli.run("examples");

        assertThat(Files.readString(GUIDE)).contains("```\n$ bin/agent4j examples\n" + result.out() + "```\n");
    }

    @Test
    void eachExampleShowsItsCommandWithVerboseAndTheAnswerItPrints() throws Exception {
        String guide = Files.readString(GUIDE);
        for (Example example : Examples.all()) {
            String command = ExamplesCommand.replayCommand(example);
            String verbose = command.replace("bin/agent4j run ", "bin/agent4j run --verbose ")
                    .replace("bin/agent4j chat ", "bin/agent4j chat --verbose ");
            int at = guide.indexOf("\n$ " + verbose + "\n");
            assertThat(at).as("the command of %s in %s", example.name(), GUIDE).isPositive();
            String stdout = "stdout:\n\n```\n" + String.join("\n", ExampleSessions.answers(example.name())) + "\n```\n";
            assertThat(guide.indexOf(stdout, at)).as("the answer of %s after its command", example.name())
                    .isGreaterThan(at);
            assertThat(guide).contains("## `" + example.name() + "`");
        }
    }
}
