package io.agent4j.tools.files;

/**
 * A file the write tool wrote.
 *
 * @param path the file, relative to the root
 * @param bytes how many bytes were written (UTF-8)
 * @param created whether the file is new (false: it was overwritten)
 */
public record WrittenFile(String path, long bytes, boolean created) {
}
