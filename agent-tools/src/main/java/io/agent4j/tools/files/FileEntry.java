package io.agent4j.tools.files;

/**
 * One entry of a directory listing.
 *
 * @param name the entry's name, e.g. {@code notes.txt}
 * @param type {@code file}, {@code directory} or {@code other}
 * @param size the size in bytes of a file; null for anything else
 */
public record FileEntry(String name, String type, Long size) {
}
