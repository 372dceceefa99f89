package io.agent4j.tools.files;

import java.util.List;

/**
 * The entries of a directory, sorted by name.
 *
 * @param path the directory, relative to the root ({@code .} is the root)
 * @param entries its files and sub-directories
 * @param truncated whether there were more entries than the listing shows
 */
public record DirectoryListing(String path, List<FileEntry> entries, boolean truncated) {

    /** Creates a listing; the entries are copied. */
    public DirectoryListing {
        entries = List.copyOf(entries);
    }
}
