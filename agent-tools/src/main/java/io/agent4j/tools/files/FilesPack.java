package io.agent4j.tools.files;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.ToolPack;
import io.agent4j.tools.internal.Settings;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code files} tool pack: {@link FileTools} on a root directory, and {@link FileWriteTools}
 * only when writing is allowed.
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code root}</td><td>the working directory</td><td>the directory the tools may touch</td></tr>
 * <tr><td>{@code writable}</td><td>{@code false}</td><td>{@code true} also offers {@code write_file}</td></tr>
 * <tr><td>{@code maxReadBytes}</td><td>65536</td><td>the most bytes {@code read_file} returns</td></tr>
 * <tr><td>{@code maxMatches}</td><td>100</td><td>the most lines {@code search_files} returns</td></tr>
 * </table>
 */
public final class FilesPack implements ToolPack {

    /** The default read cap: 64 KiB. */
    public static final int DEFAULT_MAX_READ_BYTES = 64 * 1024;

    /** The default match cap of a search. */
    public static final int DEFAULT_MAX_MATCHES = 100;

    /** Creates the pack; {@link ToolPack#discover} calls this. */
    public FilesPack() {
    }

    @Override
    public String name() {
        return "files";
    }

    @Override
    public String description() {
        return "List, read and search text files under one root directory; write them if allowed";
    }

    @Override
    public Set<String> settingNames() {
        return Set.of("root", "writable", "maxReadBytes", "maxMatches");
    }

    @Override
    public List<Object> tools(Map<String, String> settings) {
        Settings own = Settings.of(this, settings);
        String root = own.string("root", ".");
        boolean writable = own.bool("writable", false);
        FileTools files;
        try {
            files = new FileTools(Path.of(root), own.integer("maxReadBytes", DEFAULT_MAX_READ_BYTES, 1),
                    own.integer("maxMatches", DEFAULT_MAX_MATCHES, 1));
        } catch (UncheckedIOException | InvalidPathException e) {
            throw new ToolRegistrationException("Setting 'files.root' is '" + root
                    + "', which is not an existing directory.", e);
        }
        return writable ? List.of(files, new FileWriteTools(files)) : List.of(files);
    }
}
