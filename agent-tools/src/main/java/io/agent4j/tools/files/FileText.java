package io.agent4j.tools.files;

/**
 * The text of a file, or its beginning when it is larger than the read cap.
 *
 * @param path the file, relative to the root
 * @param content the text read (UTF-8)
 * @param size the file's full size in bytes
 * @param truncated whether only the beginning is shown
 * @param note null, or what was left out and why
 */
public record FileText(String path, String content, long size, boolean truncated, String note) {
}
