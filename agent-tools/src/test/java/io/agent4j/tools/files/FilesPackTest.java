package io.agent4j.tools.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.ToolPack;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.Toolbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files pack through a real Toolbox, on a tree with symbolic links that lead out of the root:
 * {@code secret.txt} and {@code outside/} lie beside the root and must never be reached.
 */
class FilesPackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    private Path root;

    @BeforeEach
    void tree() throws IOException {
        Files.writeString(tmp.resolve("secret.txt"), "TODO SECRET-1\n");
        Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(tmp.resolve("outside/hidden.txt"), "TODO SECRET-2\n");
        root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("a.txt"), "alpha\nbeta TODO\n");
        Files.createDirectories(root.resolve("sub/deep"));
        Files.writeString(root.resolve("sub/b.md"), "TODO: b\nnothing\n");
        Files.writeString(root.resolve("sub/deep/c.txt"), "gamma todo\r\ndelta TODO");
        Files.write(root.resolve("bin.dat"), new byte[] {'T', 'O', 'D', 'O', 0, 1, 2});
        Files.createSymbolicLink(root.resolve("link-out.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("link-rel.txt"), Path.of("../secret.txt"));
        Files.createSymbolicLink(root.resolve("link-dir"), tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link-in.txt"), Path.of("a.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), tmp.resolve("nowhere.txt"));
    }

    private Toolbox toolbox(String... settings) {
        Map<String, String> all = new HashMap<>(Map.of("files.root", root.toString()));
        for (int i = 0; i < settings.length; i += 2) {
            all.put(settings[i], settings[i + 1]);
        }
        return Toolbox.ofPacks(ToolPack.discover(getClass().getClassLoader()), all);
    }

    private static JsonNode ok(ToolResult result) {
        assertThat(result.failed()).as(result.content()).isFalse();
        return JSON.readTree(result.content());
    }

    private static String failed(ToolResult result) {
        assertThat(result.failed()).as(result.content()).isTrue();
        assertThat(result.content()).doesNotContain("SECRET-");
        return result.content();
    }

    private static String args(String name, String value) {
        return JSON.createObjectNode().put(name, value).toString();
    }

    @Test
    void listsADirectoryWithoutLinksThatLeadOutside() {
        Toolbox tools = toolbox();
        assertThat(tools.call("list_files", "{\"path\": \".\"}").content()).isEqualTo("{\"path\":\".\",\"entries\":["
                + "{\"name\":\"a.txt\",\"type\":\"file\",\"size\":16},"
                + "{\"name\":\"bin.dat\",\"type\":\"file\",\"size\":7},"
                + "{\"name\":\"link-in.txt\",\"type\":\"file\",\"size\":16},"
                + "{\"name\":\"sub\",\"type\":\"directory\",\"size\":null}],\"truncated\":false}");
        assertThat(ok(tools.call("list_files", "{\"path\": \"sub/\"}")).toString()).isEqualTo("{\"path\":\"sub\","
                + "\"entries\":[{\"name\":\"b.md\",\"type\":\"file\",\"size\":16},"
                + "{\"name\":\"deep\",\"type\":\"directory\",\"size\":null}],\"truncated\":false}");
        assertThat(failed(tools.call("list_files", "{\"path\": \"a.txt\"}")))
                .endsWith("'a.txt' is a file, not a directory; read it with read_file.");
        assertThat(failed(tools.call("list_files", "{\"path\": \"nope\"}")))
                .endsWith("There is no file or directory 'nope' under the root. Call list_files to see what exists.");
    }

    @Test
    void readsTextFiles() {
        Toolbox tools = toolbox();
        assertThat(tools.call("read_file", "{\"path\": \"a.txt\"}").content()).isEqualTo("{\"path\":\"a.txt\","
                + "\"content\":\"alpha\\nbeta TODO\\n\",\"size\":16,\"truncated\":false,\"note\":null}");
        assertThat(ok(tools.call("read_file", "{\"path\": \"./sub/../link-in.txt\"}")).path("path").asString())
                .isEqualTo("a.txt");
        assertThat(failed(tools.call("read_file", "{\"path\": \"bin.dat\"}")))
                .endsWith("'bin.dat' is a binary file (7 bytes); only text files can be read.");
        assertThat(failed(tools.call("read_file", "{\"path\": \"sub\"}")))
                .endsWith("'sub' is a directory; list it with list_files.");
    }

    @Test
    void aReadLargerThanTheCapIsCutAndSaysSo() throws IOException {
        Files.writeString(root.resolve("big.txt"), "0123456789é" + "x".repeat(100), StandardCharsets.UTF_8);
        JsonNode cut = ok(toolbox("files.maxReadBytes", "11").call("read_file", "{\"path\": \"big.txt\"}"));
        assertThat(cut.path("content").asString()).isEqualTo("0123456789");
        assertThat(cut.path("truncated").asBoolean()).isTrue();
        assertThat(cut.path("size").asLong()).isEqualTo(112);
        assertThat(cut.path("note").asString()).isEqualTo("Only the first 11 of 112 bytes are shown (the read cap is 11 bytes).");

        JsonNode whole = ok(toolbox("files.maxReadBytes", "112").call("read_file", "{\"path\": \"big.txt\"}"));
        assertThat(whole.path("truncated").asBoolean()).isFalse();
        assertThat(whole.path("content").asString()).hasSize(111);
    }

    @Test
    void theDefaultReadCapIs64KiB() throws IOException {
        Files.writeString(root.resolve("big.txt"), "y".repeat(70_000));
        JsonNode cut = ok(toolbox().call("read_file", "{\"path\": \"big.txt\"}"));
        assertThat(cut.path("content").asString()).hasSize(65_536);
        assertThat(cut.path("truncated").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.txt", "sub/../../secret.txt", "./../root/../secret.txt", "..", "../outside/hidden.txt"})
    void pathsThatClimbOutAreRefused(String path) {
        String message = failed(toolbox().call("read_file", args("path", path)));
        assertThat(message).endsWith("Refused path '" + path + "': it leads outside the root directory with '..'; "
                + "only files under the root are accessible.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "//etc/passwd", "C:/Windows/win.ini", "c:secret.txt"})
    void absolutePathsAreRefused(String path) {
        assertThat(failed(toolbox().call("read_file", args("path", path)))).endsWith("Refused path '" + path
                + "': absolute paths are not accepted; give a path relative to the root, e.g. docs/notes.txt.");
    }

    @Test
    void absolutePathsInsideTheRootAreRefusedToo() {
        assertThat(failed(toolbox().call("read_file", args("path", root.resolve("a.txt").toString()))))
                .contains("absolute paths are not accepted");
    }

    @Test
    void backslashesAndNulCharactersAreRefused() {
        assertThat(failed(toolbox().call("read_file", args("path", "..\\secret.txt"))))
                .endsWith("Refused path '..\\secret.txt': it contains a backslash; separate directories with /.");
        assertThat(failed(toolbox().call("read_file", args("path", "sub\\b.md")))).contains("contains a backslash");
        assertThat(failed(toolbox().call("read_file", args("path", "a.txt\u0000.png"))))
                .endsWith("Refused path 'a.txt\\0.png': it contains a NUL character.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"link-out.txt", "link-rel.txt", "link-dir/hidden.txt", "link-dir"})
    void linksThatLeadOutsideAreRefused(String path) {
        Toolbox tools = toolbox();
        String refusal = "Refused: '" + path + "' leads through a symbolic link to a place outside the root "
                + "directory. Only files under the root are accessible.";
        assertThat(failed(tools.call("read_file", args("path", path)))).endsWith(refusal);
        assertThat(failed(tools.call("list_files", args("path", path)))).endsWith(refusal);
        assertThat(failed(tools.call("search_files", "{\"query\": \"TODO\", \"regex\": false, \"path\": \""
                + path + "\"}"))).endsWith(refusal);
    }

    @Test
    void searchesTextFilesInPathOrderWithoutFollowingLinks() {
        assertThat(toolbox().call("search_files", "{\"query\": \"TODO\", \"regex\": false, \"path\": \".\"}")
                .content()).isEqualTo("{\"matches\":["
                + "{\"path\":\"a.txt\",\"line\":2,\"text\":\"beta TODO\"},"
                + "{\"path\":\"sub/b.md\",\"line\":1,\"text\":\"TODO: b\"},"
                + "{\"path\":\"sub/deep/c.txt\",\"line\":2,\"text\":\"delta TODO\"}],"
                + "\"filesSearched\":3,\"truncated\":false,\"note\":null}");
    }

    @Test
    void searchesWithRegularExpressionsInASubDirectory() {
        JsonNode found = ok(toolbox().call("search_files",
                "{\"query\": \"(?i)^(gamma|delta) todo$\", \"regex\": true, \"path\": \"sub\"}"));
        assertThat(found.path("matches").toString()).isEqualTo("[{\"path\":\"sub/deep/c.txt\",\"line\":1,"
                + "\"text\":\"gamma todo\"},{\"path\":\"sub/deep/c.txt\",\"line\":2,\"text\":\"delta TODO\"}]");
        assertThat(failed(toolbox().call("search_files", "{\"query\": \"(unclosed\", \"regex\": true, \"path\": \".\"}")))
                .endsWith("'(unclosed' is not a valid regular expression (Unclosed group near index 9); fix it, "
                        + "or set regex to false to search for the text as written.");
    }

    @Test
    void aSearchStopsAtTheMatchCap() {
        JsonNode found = ok(toolbox("files.maxMatches", "2").call("search_files",
                "{\"query\": \"TODO\", \"regex\": false, \"path\": \".\"}"));
        assertThat(found.path("matches")).hasSize(2);
        assertThat(found.path("truncated").asBoolean()).isTrue();
        assertThat(found.path("note").asString()).startsWith("The search stopped early (at most 2 matches");
    }

    @Test
    void writingIsNotOfferedUnlessWritable() {
        Toolbox tools = toolbox();
        assertThat(tools.names()).contains("list_files", "read_file", "search_files").doesNotContain("write_file");
        assertThat(failed(tools.call("write_file", "{\"path\": \"x.txt\", \"content\": \"x\"}")))
                .startsWith("Error: there is no tool named 'write_file'.");
        assertThat(toolbox("files.writable", "false").names()).doesNotContain("write_file");
        assertThat(root.resolve("x.txt")).doesNotExist();
    }

    @Test
    void writesFilesWhenWritable() throws IOException {
        Toolbox tools = toolbox("files.writable", "TRUE");
        assertThat(tools.call("write_file", "{\"path\": \"notes/new/todo.md\", \"content\": \"é1\\n\"}").content())
                .isEqualTo("{\"path\":\"notes/new/todo.md\",\"bytes\":4,\"created\":true}");
        assertThat(root.resolve("notes/new/todo.md")).hasContent("é1\n");
        assertThat(ok(tools.call("write_file", "{\"path\": \"a.txt\", \"content\": \"replaced\"}")).toString())
                .isEqualTo("{\"path\":\"a.txt\",\"bytes\":8,\"created\":false}");
        assertThat(ok(tools.call("write_file", "{\"path\": \"link-in.txt\", \"content\": \"via link\"}"))
                .path("path").asString()).isEqualTo("a.txt");
        assertThat(root.resolve("a.txt")).hasContent("via link");
    }

    @Test
    void writesOutsideTheRootAreRefused() throws IOException {
        Toolbox tools = toolbox("files.writable", "true");
        for (String path : new String[] {"../evil.txt", "/tmp/evil.txt", "sub/../../evil.txt", "link-out.txt",
                "link-rel.txt", "link-dir/evil.txt", "link-dir/new/evil.txt", "dangling", "a\\..\\..\\evil.txt"}) {
            assertThat(failed(tools.call("write_file", args("path", path).replace("}", ",\"content\":\"pwned\"}"))))
                    .as(path).contains("Refused");
        }
        assertThat(tmp.resolve("secret.txt")).hasContent("TODO SECRET-1");
        assertThat(tmp.resolve("nowhere.txt")).doesNotExist();
        try (var files = Files.walk(tmp)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("evil.txt"))).isEmpty();
        }
        assertThat(failed(tools.call("write_file", "{\"path\": \"sub\", \"content\": \"x\"}")))
                .endsWith("'sub' is a directory; give the path of a file in it.");
        assertThat(failed(tools.call("write_file", "{\"path\": \"a.txt/b.txt\", \"content\": \"x\"}")))
                .endsWith("Cannot write 'a.txt/b.txt': 'a.txt' is a file, not a directory.");
    }

    @Test
    void theRootDefaultsToTheWorkingDirectory() {
        Toolbox tools = Toolbox.ofPacks(ToolPack.discover(getClass().getClassLoader()), Map.of());
        JsonNode listing = ok(tools.call("list_files", "{\"path\": \".\"}"));
        assertThat(listing.path("path").asString()).isEqualTo(".");
        assertThat(listing.path("entries").toString()).contains("\"name\":\"pom.xml\"");
    }

    @Test
    void badSettingsFailRegistration() {
        assertThatThrownBy(() -> toolbox("files.root", tmp.resolve("missing").toString()))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessage("Setting 'files.root' is '" + tmp.resolve("missing") + "', which is not an existing directory.");
        assertThatThrownBy(() -> toolbox("files.root", root.resolve("a.txt").toString()))
                .isInstanceOf(ToolRegistrationException.class).hasMessageContaining("not an existing directory");
        assertThatThrownBy(() -> toolbox("files.writable", "yes"))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessage("Setting 'files.writable' is 'yes'; it must be true or false.");
        assertThatThrownBy(() -> toolbox("files.maxReadBytes", "0"))
                .hasMessage("Setting 'files.maxReadBytes' is '0'; it must be a whole number of at least 1.");
        assertThatThrownBy(() -> toolbox("files.rooot", "/"))
                .hasMessage("Unknown setting 'files.rooot' for the files tool pack; its settings are "
                        + "[maxMatches, maxReadBytes, root, writable].");
    }

    /** The 43-character line and pattern that backtrack for hours with java.util.regex. */
    private static final String CATASTROPHIC_LINE = "x".repeat(43);
    private static final String CATASTROPHIC_PATTERN = "(.*)*\\1#";

    @Test
    void aCatastrophicRegularExpressionStopsWithAnErrorAndLeavesNoBusyThread() throws Exception {
        Files.writeString(root.resolve("sub/slow.txt"), "fine\n" + CATASTROPHIC_LINE + "\n");
        Toolbox tools = toolbox();
        AtomicReference<ToolResult> result = new AtomicReference<>();
        String arguments = JSON.createObjectNode().put("query", CATASTROPHIC_PATTERN).put("regex", true)
                .put("path", "sub/slow.txt").toString();
        Thread search = new Thread(() -> result.set(tools.call("search_files", arguments)));
        search.setDaemon(true);
        search.start();
        search.join(30_000);
        assertThat(search.getState()).as("the searching thread").isEqualTo(Thread.State.TERMINATED);
        assertThat(failed(result.get())).endsWith("The regular expression '(.*)*\\1#' took too long on line 2 of "
                + "sub/slow.txt (more than " + FileSearch.MAX_REGEX_STEPS + " steps); simplify it (nested repetition "
                + "such as (a*)* backtracks without end), or set regex to false to search for the text as written.");
    }

    @Test
    void aRegularExpressionSearchStopsWhenItsThreadIsInterrupted() throws Exception {
        Files.writeString(root.resolve("sub/slow.txt"), CATASTROPHIC_LINE + "\n");
        FileTools files = new FileTools(FileTools.sandbox(root), 100, 100, Long.MAX_VALUE);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread search = new Thread(() -> {
            try {
                files.searchFiles(CATASTROPHIC_PATTERN, true, "sub/slow.txt");
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        search.setDaemon(true);
        search.start();
        while (search.isAlive() && !matching(search)) {
            Thread.onSpinWait();
        }
        search.interrupt();
        search.join(30_000);
        assertThat(search.getState()).as("the interrupted thread").isEqualTo(Thread.State.TERMINATED);
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class)
                .hasMessage("The search was interrupted on line 1 of sub/slow.txt: the call was cancelled or ran "
                        + "out of time.");
    }

    /**
     * Whether the thread is inside the match of a line: java.util.regex also runs while the pattern
     * is compiled and the path checked, before the search has reached the file.
     */
    private static boolean matching(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(FileSearch.class.getName()) && frame.getMethodName().equals("matches")) {
                return true;
            }
        }
        return false;
    }

    private static boolean mkfifo(Path path) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            return process.waitFor() == 0 && Files.exists(path);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // opening a FIFO blocks for good
    void aFifoIsNeitherReadNorWrittenNorSearched() throws Exception {
        Assumptions.assumeTrue(mkfifo(root.resolve("sub/pipe")), "mkfifo is not available");
        Toolbox tools = toolbox("files.writable", "true");
        assertThat(failed(tools.call("read_file", "{\"path\": \"sub/pipe\"}"))).endsWith("'sub/pipe' is not a "
                + "regular file (it is a FIFO, a device or a socket); only regular files can be read or written.");
        assertThat(failed(tools.call("write_file", "{\"path\": \"sub/pipe\", \"content\": \"x\"}")))
                .endsWith("'sub/pipe' is not a regular file (it is a FIFO, a device or a socket); only regular files "
                        + "can be read or written.");
        assertThat(failed(tools.call("search_files", "{\"query\": \"TODO\", \"regex\": false, \"path\": "
                + "\"sub/pipe\"}"))).endsWith("'sub/pipe' is not a regular file (it is a FIFO, a device or a "
                + "socket); only regular files can be read or written.");
        assertThat(ok(tools.call("search_files", "{\"query\": \"TODO\", \"regex\": false, \"path\": \"sub\"}"))
                .path("filesSearched").asInt()).isEqualTo(2);
        assertThat(ok(tools.call("list_files", "{\"path\": \"sub\"}")).path("entries").toString())
                .contains("{\"name\":\"pipe\",\"type\":\"other\",\"size\":null}");
    }

    @Test
    void aHardLinkToAFileOutsideTheRootIsNeitherReadNorWrittenNorSearched() throws Exception {
        Path link = root.resolve("sub/hard.txt");
        Files.createLink(link, tmp.resolve("secret.txt"));
        Toolbox tools = toolbox("files.writable", "true");
        String refusal = "Refused: 'sub/hard.txt' has 2 hard links; a file with more than one link may be a "
                + "file outside the root, so only files with a single link can be read or written.";
        assertThat(failed(tools.call("read_file", "{\"path\": \"sub/hard.txt\"}"))).endsWith(refusal);
        assertThat(failed(tools.call("write_file", "{\"path\": \"sub/hard.txt\", \"content\": \"pwned\"}")))
                .endsWith(refusal);
        assertThat(failed(tools.call("search_files", "{\"query\": \"TODO\", \"regex\": false, \"path\": "
                + "\"sub/hard.txt\"}"))).endsWith(refusal);
        JsonNode search = ok(tools.call("search_files", "{\"query\": \"SECRET\", \"regex\": false, \"path\": \".\"}"));
        assertThat(search.path("matches")).isEmpty();
        assertThat(search.path("note").asString()).isEqualTo("1 file(s) with more than one hard link were skipped.");
        assertThat(ok(tools.call("list_files", "{\"path\": \"sub\"}")).path("entries").toString())
                .contains("{\"name\":\"hard.txt\",\"type\":\"other\",\"size\":null}");
        assertThat(tmp.resolve("secret.txt")).hasContent("TODO SECRET-1");
    }
}
