package io.agent4j.tools.files;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code write_file} tool: writes text files under the same root as a {@link FileTools},
 * refusing paths outside it as the read tools do. Offer it only when the model may change files;
 * the {@code files} pack does so only with {@code files.writable=true}.
 *
 * <pre>{@code
 * FileTools files = new FileTools(Path.of("/data"), 64 * 1024, 100);
 * Agent.builder().tools(files, new FileWriteTools(files))...
 * }</pre>
 */
public class FileWriteTools {

    private final Sandbox sandbox;

    /** A write tool on the root of {@code files}. */
    public FileWriteTools(FileTools files) {
        this.sandbox = files.sandbox();
    }

    /**
     * Writes or replaces a text file, creating missing parent directories.
     *
     * @throws IllegalArgumentException for a refused path, or a path that names a directory
     */
    @Tool(name = "write_file", value = "Writes a text file (UTF-8) under the files root, replacing it if it "
            + "exists and creating missing parent directories. Returns the path, the number of bytes "
            + "written and whether the file is new. Paths outside the root are refused.")
    public WrittenFile writeFile(@Param("File path relative to the root, e.g. notes/todo.md") String path,
            @Param("The complete new text of the file") String content) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path is required: the file to write relative to the root, "
                    + "e.g. notes/todo.md.");
        }
        Path file = sandbox.forWriting(path);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("'" + path + "' is a directory; give the path of a file in it.");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            sandbox.checkOpenable(file, path);
        }
        byte[] bytes = (content == null ? "" : content).getBytes(StandardCharsets.UTF_8);
        boolean created = !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write '" + path + "': " + e.getMessage(), e);
        }
        return new WrittenFile(sandbox.relative(file), bytes.length, created);
    }
}
