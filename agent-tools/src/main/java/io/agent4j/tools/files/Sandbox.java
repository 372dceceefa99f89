package io.agent4j.tools.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The root directory the file tools may touch, and the checks that keep every path under it. A
 * path is refused when it is absolute, uses backslashes or NUL characters, climbs out with
 * {@code ..}, or reaches outside through a symbolic link: the real path (every link resolved) must
 * lie under the real path of the root. Only regular files with a single hard link are opened: a
 * FIFO or device would block or never end, and a second hard link may be a file outside the root
 * that no path check can see.
 */
final class Sandbox {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private final Path root;

    /**
     * @param root an existing directory
     * @throws IOException when the root does not exist or cannot be resolved
     */
    Sandbox(Path root) throws IOException {
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root)) {
            throw new NoSuchFileException(root + " is not a directory");
        }
    }

    /** The real path of an existing file or directory under the root; blank means the root. */
    Path existing(String path) {
        Path lexical = lexical(path);
        try {
            return inside(lexical.toRealPath(), path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("There is no file or directory '" + path
                    + "' under the root. Call list_files to see what exists.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve '" + path + "': " + e.getMessage(), e);
        }
    }

    /**
     * The real path a write to {@code path} would create or replace: an existing file (links
     * resolved), or a new file below the nearest existing directory, which must be under the root.
     */
    Path forWriting(String path) {
        Path lexical = lexical(path);
        if (lexical.equals(root)) {
            throw new IllegalArgumentException("Give the path of a file to write, e.g. notes/todo.txt.");
        }
        try {
            Path existing = lexical;
            while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            Path real = inside(existing.toRealPath(), path);
            if (existing.equals(lexical)) {
                return real;
            }
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException("Cannot write '" + path + "': '" + relative(real)
                        + "' is a file, not a directory.");
            }
            return real.resolve(existing.relativize(lexical));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Refused: '" + path + "' goes through a symbolic link "
                    + "whose target does not exist.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve '" + path + "': " + e.getMessage(), e);
        }
    }

    /**
     * The real path of an entry met while listing or searching, or empty when it is a link that
     * leads outside the root or nowhere.
     */
    Optional<Path> resolveEntry(Path entry) {
        try {
            Path real = entry.toRealPath();
            return real.startsWith(root) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Refuses to open anything but a regular file with one hard link.
     *
     * @throws IllegalArgumentException saying which rule {@code real} breaks
     */
    void checkOpenable(Path real, String asGiven) {
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("'" + asGiven + "' is not a regular file (it is a FIFO, a device or "
                    + "a socket); only regular files can be read or written.");
        }
        int links = links(real);
        if (links > 1) {
            throw new IllegalArgumentException("Refused: '" + asGiven + "' has " + links + " hard links; a file "
                    + "with more than one link may be a file outside the root, so only files with a single link "
                    + "can be read or written.");
        }
    }

    /**
     * The number of hard links of a file, where the file system reports it ({@code unix:nlink}, on
     * Linux and macOS); 1 elsewhere.
     */
    int links(Path file) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return 1;
        }
        try {
            return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the attributes of '" + relative(file) + "': "
                    + e.getMessage(), e);
        }
    }

    /** {@code real} as the model should write it: relative to the root, with {@code /}; {@code .} for the root. */
    String relative(Path real) {
        String relative = root.relativize(real).toString().replace(real.getFileSystem().getSeparator(), "/");
        return relative.isEmpty() ? "." : relative;
    }

    private Path inside(Path real, String asGiven) {
        if (!real.startsWith(root)) {
            throw new IllegalArgumentException("Refused: '" + asGiven + "' leads through a symbolic link to "
                    + "a place outside the root directory. Only files under the root are accessible.");
        }
        return real;
    }

    private Path lexical(String path) {
        String value = path == null || path.isBlank() ? "." : path.strip();
        if (value.indexOf('\0') >= 0) {
            throw refused(path, "it contains a NUL character");
        }
        if (value.indexOf('\\') >= 0) {
            throw refused(path, "it contains a backslash; separate directories with /");
        }
        if (value.startsWith("/") || DRIVE.matcher(value).matches()) {
            throw refused(path, "absolute paths are not accepted; give a path relative to the root, "
                    + "e.g. docs/notes.txt");
        }
        Path resolved;
        try {
            resolved = root.resolve(value).normalize();
        } catch (InvalidPathException e) {
            throw refused(path, e.getReason());
        }
        if (!resolved.startsWith(root)) {
            throw refused(path, "it leads outside the root directory with '..'; only files under the "
                    + "root are accessible");
        }
        return resolved;
    }

    private static IllegalArgumentException refused(String path, String why) {
        return new IllegalArgumentException("Refused path '" + path.replace("\0", "\\0") + "': " + why + ".");
    }
}
