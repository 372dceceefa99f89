package io.agent4j.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The names an MCP server's tools are offered under, and the short name of a server. */
class ToolNamesTest {

    @Test
    void aFreeNameIsKeptAndCharactersTheModelRefusesBecomeUnderscores() {
        assertThat(Connection.freeName("files", "read_file", Set.of())).isEqualTo("read_file");
        assertThat(Connection.freeName("files", "notes.search v2", Set.of())).isEqualTo("notes_search_v2");
    }

    @Test
    void aTakenNameIsPrefixedThenNumbered() {
        assertThat(Connection.freeName("files", "read_file", Set.of("read_file"))).isEqualTo("files_read_file");
        assertThat(Connection.freeName("files", "read_file", Set.of("read_file", "files_read_file")))
                .isEqualTo("files_read_file_2");
    }

    @Test
    void aNameStaysWithinTheModelsSixtyFourCharacters() {
        String longName = "x".repeat(70);

        assertThat(Connection.freeName("files", longName, Set.of())).hasSize(64);
        assertThat(Connection.freeName("files", longName, Set.of("x".repeat(64)))).hasSize(64)
                .startsWith("files_");
        assertThat(Connection.freeName("files", longName, Set.of("x".repeat(64), ("files_" + longName)
                .substring(0, 64)))).hasSize(64).endsWith("_2");
    }

    @Test
    void theShortNameOfAServerLeavesOutItsScopeAndTheGenericWords() {
        assertThat(Connection.derivedName("secure-filesystem-server")).isEqualTo("secure_filesystem");
        assertThat(Connection.derivedName("mcp-servers/everything")).isEqualTo("everything");
        assertThat(Connection.derivedName("MCP Server")).isEqualTo("mcp");
        assertThat(Connection.derivedName(null)).isEqualTo("mcp");
    }
}
