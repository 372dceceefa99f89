package io.agent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.AgentResult;
import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.Toolbox;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The files example: its shipped session, and its sandbox. */
class FilesSessionTest {

    @Test
    void shippedSessionMatchesAFreshScriptedRun(@TempDir Path dir) throws Exception {
        FilesSession.SESSION.assertShippedMatchesAFreshRun(FilesSession.SHIPPED, dir);
    }

    @Test
    void theSessionListsTheSampleFolderThenSearchesTheNotes() throws Exception {
        JsonNode exchanges = ScriptedSession.read(FilesSession.SHIPPED).path("exchanges");

        assertThat(exchanges).hasSize(3);
        assertThat(ScriptedSession.toolNames(exchanges.get(0))).containsExactly("list_files", "read_file", "search_files");
        assertThat(exchanges.at("/0/response/message/tool_calls/0/function/name").asString()).isEqualTo("list_files");
        assertThat(exchanges.at("/1/request/messages/3/content").asString())
                .contains("{\"name\":\"README.md\",\"type\":\"file\",\"size\":449}");
        assertThat(exchanges.at("/1/response/message/tool_calls/0/function/name").asString()).isEqualTo("search_files");
        assertThat(exchanges.at("/2/response/message/content").asString()).isEqualTo(FilesSession.ANSWER);
    }

    @Test
    void aPathAboveTheFolderIsRefusedInTheToolMessage(@TempDir Path dir) throws Exception {
        AgentResult result = FilesSession.OUTSIDE.write(dir.resolve("outside.json")).get(0);

        assertThat(ScriptedSession.toolResults(result)).singleElement().asString()
                .startsWith("Error: tool 'read_file' failed: IllegalArgumentException: Refused path '../pom.xml': "
                        + "it leads outside the root directory");
        assertThat(result.text()).isEqualTo(FilesSession.OUTSIDE_ANSWER);
    }

    @Test
    void absolutePathsAndWritesAreOutOfReach() {
        Toolbox tools = FilesExample.tools(Map.of(FilesExample.ROOT, FilesSession.FOLDER.toString()));

        assertThat(tools.names()).containsExactlyInAnyOrder("list_files", "read_file", "search_files");
        assertThat(tools.call("read_file", "{\"path\":\"/etc/passwd\"}").content())
                .contains("Refused path '/etc/passwd': absolute paths are not accepted");
        assertThat(tools.call("list_files", "{\"path\":\"notes/../..\"}").content())
                .contains("Refused path 'notes/../..'");
        assertThat(tools.call("write_file", "{\"path\":\"x.txt\",\"content\":\"x\"}").content())
                .startsWith("Error: there is no tool named 'write_file'");
    }

    @Test
    void theExampleRefusesToBeMadeWritable() {
        assertThatThrownBy(() -> FilesExample.tools(Map.of(FilesExample.ROOT, ".", "files.writable", "true")))
                .isInstanceOf(ToolRegistrationException.class).hasMessageContaining("read-only");
    }

    @Test
    void theFolderDefaultsToTheCurrentDirectory() {
        Toolbox tools = Examples.find("files").orElseThrow().tools();

        assertThat(tools.call("list_files", "{\"path\":\".\"}").content()).contains("\"name\":\"sample-folder\"");
    }

    @Test
    void aMissingFolderFailsWithTheSetting() {
        assertThatThrownBy(() -> FilesExample.tools(Map.of(FilesExample.ROOT, "no-such-folder")))
                .isInstanceOf(ToolRegistrationException.class).hasMessageContaining("files.root");
    }

    @Test
    void theOtherSettingsAreLeftAlone() {
        assertThat(FilesExample.tools(Map.of(FilesExample.ROOT, ".", "sql.dir", "x", "http.allow", "y")).names())
                .hasSize(3);
        assertThat(Path.of("..", FilesExample.SAMPLE_FOLDER).normalize()).isEqualTo(Path.of("..", "agent-examples")
                .resolve(FilesSession.FOLDER).normalize());
    }
}
