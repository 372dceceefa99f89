package io.agent4j.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.mcp.testing.NodePackages;
import io.agent4j.mcp.testing.TestServers;
import io.agent4j.tool.Tool;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.Toolbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference server {@code @modelcontextprotocol/server-filesystem} over stdio on a folder: its
 * files read, its refusals (isError) read as failed calls, and its tools renamed where another tool
 * of the agent has their name.
 */
@NodePackages.Needed
class FilesystemServerTest {

    @TempDir
    static Path folder;
    private static McpTools files;

    /** A local tool with the name of one of the server's. */
    public static class LocalFiles {

        @Tool("Reads a local file")
        public String read_file(String path) {
            return "local " + path;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(folder.resolve("notes.md"), "# Notes\nThe budget is due on Friday.\n");
        files = McpTools.builder().stdio(TestServers.filesystem(folder.toRealPath())).build();
    }

    @AfterAll
    static void stop() {
        if (files != null) {
            files.close();
        }
    }

    @Test
    void aFileOfTheFolderIsRead() throws Exception {
        ToolResult result = files.tools().call("read_text_file",
                "{\"path\": \"" + folder.toRealPath().resolve("notes.md") + "\"}");

        assertThat(result.failed()).isFalse();
        assertThat(result.content()).isEqualTo("# Notes\nThe budget is due on Friday.\n");
    }

    @Test
    void aPathOutsideTheFolderIsTheServersRefusalAsAFailedCall() {
        ToolResult result = files.tools().call("read_text_file", "{\"path\": \"/etc/hostname\"}");

        assertThat(result.failed()).isTrue();
        assertThat(result.content()).startsWith("Error: tool 'read_text_file' failed: ")
                .contains("Access denied - path outside allowed directories");
    }

    @Test
    void aToolWhoseNameIsTakenIsPrefixedWithTheServersName() {
        Toolbox local = Toolbox.of(new LocalFiles());

        Toolbox offered = files.tools(local.names());

        assertThat(files.name()).isEqualTo("secure_filesystem");
        assertThat(offered.names()).contains("secure_filesystem_read_file", "read_text_file")
                .doesNotContain("read_file");
        assertThat(local.with(offered).names()).contains("read_file", "secure_filesystem_read_file");
    }

    @Test
    void aNameGivenToTheServerIsThePrefix() throws Exception {
        try (McpTools named = McpTools.builder().stdio(TestServers.filesystem(folder.toRealPath())).name("filesystem")
                .build()) {
            Toolbox offered = named.tools(Set.of("read_file", "list_directory"));

            assertThat(offered.names()).contains("filesystem_read_file", "filesystem_list_directory", "read_text_file");
            ToolResult listing = offered.call("filesystem_list_directory",
                    "{\"path\": \"" + folder.toRealPath() + "\"}");
            assertThat(listing.content()).contains("[FILE] notes.md");
        }
    }

    @Test
    void onlyTheNamedToolsAreOffered() throws Exception {
        try (McpTools readOnly = McpTools.builder().stdio(TestServers.filesystem(folder.toRealPath()))
                .only("read_text_file", "list_directory").build()) {
            Toolbox offered = readOnly.tools();

            assertThat(offered.names()).containsExactly("read_text_file", "list_directory");
            assertThat(offered.call("write_file", "{\"path\": \"x\", \"content\": \"x\"}").content())
                    .startsWith("Error: there is no tool named 'write_file'.");
        }
    }

    @Test
    void theServerRunsInTheGivenFolder() throws Exception {
        List<String> command = TestServers.filesystem(Path.of("."));
        try (McpTools here = McpTools.builder().stdio(command).directory(folder).build()) {
            ToolResult allowed = here.tools().call("list_allowed_directories", "{}");

            assertThat(allowed.content()).contains(folder.toRealPath().toString());
        }
    }
}
