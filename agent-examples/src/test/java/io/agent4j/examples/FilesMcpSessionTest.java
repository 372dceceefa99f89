package io.agent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.ToolSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The files-mcp example: its shipped session, made with the real filesystem server, and its settings. */
class FilesMcpSessionTest {

    @Test
    void shippedSessionMatchesAFreshScriptedRunWithTheRealServer(@TempDir Path dir) throws Exception {
        FilesMcpSession.session().assertShippedMatchesAFreshRun(FilesMcpSession.SHIPPED, dir);
    }

    @Test
    void theSessionOffersOnlyTheServersReadingToolsAndReadsBothNotes() throws Exception {
        JsonNode exchanges = ScriptedSession.read(FilesMcpSession.SHIPPED).path("exchanges");

        assertThat(exchanges).hasSize(3);
        assertThat(ScriptedSession.toolNames(exchanges.get(0))).containsExactlyInAnyOrderElementsOf(
                FilesMcpExample.TOOLS);
        assertThat(exchanges.at("/1/request/messages/3/content").asString())
                .isEqualTo("[FILE] 2025-03-04-planning.md\n[FILE] 2025-03-18-workday-prep.md");
        assertThat(exchanges.at("/2/request/messages/5/content").asString())
                .startsWith("notes/2025-03-04-planning.md:\n# Committee meeting, 2025-03-04");
        assertThat(exchanges.at("/2/response/message/content").asString()).isEqualTo(FilesMcpSession.ANSWER);
    }

    @Test
    void theServerIsStartedByTheCommandSettingWithTheFolderLast() {
        List<ToolSource> sources = FilesMcpExample.tools(Map.of(FilesMcpExample.ROOT, "sample-folder",
                FilesMcpExample.COMMAND, "npx -y '@modelcontextprotocol/server-filesystem@2026.8.31'"));

        assertThat(sources).singleElement().hasToString(
                "McpTools[npx -y @modelcontextprotocol/server-filesystem@2026.8.31 .]");
        sources.forEach(ToolSource::close);
    }

    @Test
    void theDefaultCommandIsThePinnedServerFetchedByNpx() {
        List<ToolSource> sources = FilesMcpExample.tools(Map.of());

        assertThat(sources).singleElement().hasToString("McpTools[" + FilesMcpExample.DEFAULT_COMMAND + " .]");
        sources.forEach(ToolSource::close);
    }

    @Test
    void badSettingsAreRefusedSayingWhich() {
        assertThatThrownBy(() -> FilesMcpExample.tools(Map.of("files-mcp.folder", ".")))
                .isInstanceOf(ToolRegistrationException.class).hasMessageContaining("Unknown setting [files-mcp.folder]")
                .hasMessageContaining("files-mcp.command, files-mcp.root");
        assertThatThrownBy(() -> FilesMcpExample.tools(Map.of(FilesMcpExample.ROOT, "no-such-folder")))
                .isInstanceOf(ToolRegistrationException.class).hasMessageContaining("no-such-folder");
        assertThatThrownBy(() -> FilesMcpExample.tools(Map.of(FilesMcpExample.COMMAND, "node 'unclosed")))
                .isInstanceOf(ToolRegistrationException.class).hasMessageContaining("files-mcp.command: the single "
                        + "quote");
    }
}
