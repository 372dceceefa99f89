package io.agent4j.tools.files;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import io.agent4j.tools.internal.Utf8Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Read-only file tools confined to a root directory: list a directory, read a text file, search
 * text files. Every path is relative to the root; paths that leave it (by {@code ..}, as absolute
 * paths, or through symbolic links) are refused, and listings and searches leave out links that
 * lead outside. Only regular files with a single hard link are opened: FIFOs, devices and sockets
 * are refused, and so are files with more than one hard link, whose other names may lie outside
 * the root. A regular-expression search is bounded per line and stops when its thread is
 * interrupted. Writing is offered separately by {@link FileWriteTools}.
 *
 * <pre>{@code
 * FileTools files = new FileTools(Path.of("/data"), 64 * 1024, 100);
 * files.readFile("reports/q1.txt").content();
 * }</pre>
 */
public class FileTools {

    /** The most entries one listing shows. */
    public static final int MAX_ENTRIES = 1000;

    private final Sandbox sandbox;
    private final int maxReadBytes;
    private final int maxMatches;
    private final long maxRegexSteps;

    /**
     * Tools on {@code root}.
     *
     * @param root an existing directory; nothing outside it can be reached
     * @param maxReadBytes the most bytes {@code read_file} returns of one file
     * @param maxMatches the most lines one {@code search_files} call returns
     * @throws UncheckedIOException when the root does not exist or is not a directory
     */
    public FileTools(Path root, int maxReadBytes, int maxMatches) {
        this(sandbox(root), maxReadBytes, maxMatches);
    }

    FileTools(Sandbox sandbox, int maxReadBytes, int maxMatches) {
        this(sandbox, maxReadBytes, maxMatches, FileSearch.MAX_REGEX_STEPS);
    }

    FileTools(Sandbox sandbox, int maxReadBytes, int maxMatches, long maxRegexSteps) {
        if (maxReadBytes < 1 || maxMatches < 1) {
            throw new IllegalArgumentException("maxReadBytes and maxMatches must be at least 1");
        }
        this.sandbox = sandbox;
        this.maxReadBytes = maxReadBytes;
        this.maxMatches = maxMatches;
        this.maxRegexSteps = maxRegexSteps;
    }

    static Sandbox sandbox(Path root) {
        try {
            return new Sandbox(root);
        } catch (IOException e) {
            throw new UncheckedIOException("The files root " + root + " does not exist or is not a directory", e);
        }
    }

    /** The sandbox these tools work in, to share with {@link FileWriteTools}. */
    Sandbox sandbox() {
        return sandbox;
    }

    /**
     * The entries of a directory under the root.
     *
     * @throws IllegalArgumentException for a refused path, a missing directory, or a file
     */
    @Tool(name = "list_files", value = "Lists the files and sub-directories of a directory under the files "
            + "root, sorted by name, with each file's size in bytes. Paths are relative to the root; "
            + "use \".\" for the root itself. Not recursive: list a sub-directory to look inside it.")
    public DirectoryListing listFiles(@Param("Directory relative to the root, e.g. . or docs or "
            + "src/main") String path) {
        Path dir = sandbox.existing(path);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("'" + path + "' is a file, not a directory; read it with read_file.");
        }
        List<FileEntry> entries = new ArrayList<>();
        boolean truncated = false;
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                Optional<FileEntry> entry = entry(child);
                if (entry.isEmpty()) {
                    continue;
                }
                if (entries.size() == MAX_ENTRIES) {
                    truncated = true;
                    break;
                }
                entries.add(entry.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list '" + path + "': " + e.getMessage(), e);
        }
        return new DirectoryListing(sandbox.relative(dir), entries, truncated);
    }

    /** The entry for a child, following a link only when it stays under the root. */
    private Optional<FileEntry> entry(Path child) {
        Path target = child;
        if (Files.isSymbolicLink(child)) {
            Optional<Path> real = sandbox.resolveEntry(child);
            if (real.isEmpty()) {
                return Optional.empty();
            }
            target = real.get();
        }
        String name = child.getFileName().toString();
        try {
            BasicFileAttributes attributes = Files.readAttributes(target, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isDirectory()) {
                return Optional.of(new FileEntry(name, "directory", null));
            }
            return Optional.of(attributes.isRegularFile() && sandbox.links(target) == 1
                    ? new FileEntry(name, "file", attributes.size()) : new FileEntry(name, "other", null));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * The text of a file under the root, cut at the read cap.
     *
     * @throws IllegalArgumentException for a refused path, a missing file, a directory, a binary file, a
     *     file that is not regular, or a file with more than one hard link
     */
    @Tool(name = "read_file", value = "Reads a text file (UTF-8) under the files root and returns its text "
            + "and size. A file larger than the read cap is cut: then truncated is true and note says "
            + "how much is shown; use search_files to find lines further on. Binary files are refused.")
    public FileText readFile(@Param("File path relative to the root, e.g. notes.txt or docs/guide.md") String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path is required: the file to read relative to the root, "
                    + "e.g. notes.txt.");
        }
        Path file = sandbox.existing(path);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("'" + path + "' is a directory; list it with list_files.");
        }
        sandbox.checkOpenable(file, path);
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            long size = Files.size(file);
            byte[] bytes = in.readNBytes(maxReadBytes);
            boolean truncated = size > bytes.length || in.read() >= 0;
            if (Utf8Text.isBinary(bytes, bytes.length)) {
                throw new IllegalArgumentException("'" + path + "' is a binary file (" + size
                        + " bytes); only text files can be read.");
            }
            String note = truncated ? "Only the first " + bytes.length + " of " + size + " bytes are shown "
                    + "(the read cap is " + maxReadBytes + " bytes)." : null;
            return new FileText(sandbox.relative(file), Utf8Text.decode(bytes, bytes.length, truncated),
                    size, truncated, note);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read '" + path + "': " + e.getMessage(), e);
        }
    }

    /**
     * The lines of text files under a directory that contain a string or match a regular expression.
     *
     * @throws IllegalArgumentException for a refused path, an invalid regular expression, or one that
     *     takes too long on a line
     * @throws IllegalStateException when the thread is interrupted during the search
     */
    @Tool(name = "search_files", value = "Searches the text files under a directory of the files root "
            + "(recursively, in path order) for lines containing a text, or matching a Java regular "
            + "expression when regex is true. Returns each matching line with its file path and line "
            + "number, up to the match cap; truncated is true when the search stopped early. Symbolic "
            + "links are not followed; binary files are skipped.")
    public SearchResults searchFiles(@Param("Text to look for, e.g. TODO; with regex true a Java regular "
                    + "expression, e.g. (?i)error\\s+\\d+") String query,
            @Param("true to read query as a regular expression, false for plain text") boolean regex,
            @Param("Directory (or single file) to search, relative to the root, e.g. . or src") String path) {
        return new FileSearch(sandbox, maxMatches, maxRegexSteps).search(query, regex, path);
    }
}
