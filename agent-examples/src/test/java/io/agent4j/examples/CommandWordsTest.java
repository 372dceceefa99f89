package io.agent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A command line split into words as a shell splits it, simply: the value of --mcp and files-mcp.command. */
class CommandWordsTest {

    @Test
    void wordsAreSplitAtWhitespace() {
        assertThat(CommandWords.split("  npx -y\t@modelcontextprotocol/server-everything  "))
                .containsExactly("npx", "-y", "@modelcontextprotocol/server-everything");
    }

    @Test
    void quotesKeepAWordWithSpacesTogether() {
        assertThat(CommandWords.split("node 'my server.js' \"a \\\"quoted\\\" word\" back\\ slash"))
                .containsExactly("node", "my server.js", "a \"quoted\" word", "back slash");
        assertThat(CommandWords.split("node '' x")).containsExactly("node", "", "x");
    }

    @Test
    void anOpenQuoteOrNoWordIsRefused() {
        assertThatThrownBy(() -> CommandWords.split("node \"server.js")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the double quote in 'node \"server.js' is not closed");
        assertThatThrownBy(() -> CommandWords.split("   ")).hasMessage("'   ' names no program");
    }

    @Test
    void joinedWordsSplitBackToThemselves() {
        List<String> words = List.of("/opt/node", "--require", "/a b/loopback.cjs", "it's", "", "x=1");

        assertThat(CommandWords.split(CommandWords.join(words))).isEqualTo(words);
        assertThat(CommandWords.join(List.of("npx", "-y", "@scope/pkg@1.0"))).isEqualTo("npx -y @scope/pkg@1.0");
    }
}
