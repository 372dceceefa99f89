package io.agent4j.tools.files;

/**
 * One entry of a directory listing.
 *
 * @param name the entry's name, e.g. {@code notes.txt}
 * @param type {@code file}, {@code directory} or {@code other}: a FIFO, device or socket, or a file
 *     with more than one hard link, none of which the tools open
 * @param size the size in bytes of a file; null for anything else
 */
public record FileEntry(String name, String type, Long size) {
}
