package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.examples.CalcSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

/** docs/cli.md shows what the command line really prints, and names every option of run and chat. */
class CliDocsTest {

    private static final Path GUIDE = Path.of("..", "docs", "cli.md");
    private static final String SESSION = CalcSession.SHIPPED.toString();

    private static String guide() throws Exception {
        return Files.readString(GUIDE);
    }

    /** The synopsis block that follows the heading of {@code command}. */
    private static String synopsis(String command) throws Exception {
        Matcher block = Pattern.compile("## `agent4j " + command + "`\\n\\n```\\n(.*?)```", Pattern.DOTALL)
                .matcher(guide());
        assertThat(block.find()).as("a synopsis of agent4j " + command).isTrue();
        return block.group(1);
    }

    @Test
    void theSynopsesNameEveryOption() throws Exception {
        for (String command : new String[] {"run", "chat"}) {
            String synopsis = synopsis(command);
            for (OptionSpec option : Main.commandLine().getSubcommands().get(command).getCommandSpec().options()) {
                if (!option.usageHelp() && !option.versionHelp()) {
                    assertThat(synopsis).as(command).containsPattern(Pattern.quote(option.longestName()) + "(?![-a-z])");
                }
            }
        }
    }

    @Test
    void theUsageLinesShownAreThoseTheShippedSessionPrints(@TempDir Path dir) throws Exception {
        Path prices = Files.writeString(dir.resolve("prices.properties"),
                "date=2025-08-07\nscripted = 0.15, 0.075, 0.60\n");
        Cli.Result plain = Cli.run("run", "--example", "calc", "--replay", SESSION);
        Cli.Result priced = Cli.run("run", "--example", "calc", "--replay", SESSION, "--prices", prices.toString());

        String guide = guide();
        assertThat(guide).contains("printf 'date=2025-08-07\\nscripted = 0.15, 0.075, 0.60\\n' > prices.properties");
        assertThat(plain.errLines()).singleElement().satisfies(line -> assertThat(guide).contains("\n" + line + "\n"));
        assertThat(priced.errLines()).singleElement().satisfies(line -> assertThat(guide)
                .contains("\n# stderr: " + line + "\n").contains("\n" + line + "\n"));
    }
}
