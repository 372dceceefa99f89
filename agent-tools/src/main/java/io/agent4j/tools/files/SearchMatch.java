package io.agent4j.tools.files;

/**
 * A line that matched a search.
 *
 * @param path the file, relative to the root
 * @param line the line number, from 1
 * @param text the line (long lines are cut)
 */
public record SearchMatch(String path, int line, String text) {
}
