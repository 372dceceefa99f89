package io.agent4j.tools.files;

import io.agent4j.tools.internal.Utf8Text;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * One search through the text files under a directory, in path order, never following symbolic
 * links. Stops at the match cap or after {@value #MAX_FILES} files; skips files larger than
 * {@value #MAX_FILE_BYTES} bytes, binary files and files with several hard links. A regular
 * expression may read at most {@value #MAX_REGEX_STEPS} characters per line (backtracking included),
 * and the search stops as soon as its thread is interrupted.
 */
final class FileSearch {

    static final int MAX_FILES = 10_000;
    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    static final int MAX_LINE_CHARS = 300;
    static final long MAX_REGEX_STEPS = 10_000_000;

    private final Sandbox sandbox;
    private final int maxMatches;
    private final long maxRegexSteps;
    private final List<SearchMatch> matches = new ArrayList<>();
    private String query;
    private Pattern pattern;
    private int filesSearched;
    private int skipped;
    private int linked;
    private boolean truncated;

    FileSearch(Sandbox sandbox, int maxMatches, long maxRegexSteps) {
        this.sandbox = sandbox;
        this.maxMatches = maxMatches;
        this.maxRegexSteps = maxRegexSteps;
    }

    SearchResults search(String query, boolean regex, String path) {
        if (query == null || query.isEmpty()) {
            throw new IllegalArgumentException("query is required: the text to look for, e.g. TODO.");
        }
        this.query = query;
        this.pattern = regex ? compile(query) : null;
        Path start = sandbox.existing(path);
        try {
            if (Files.isDirectory(start)) {
                searchDirectory(start);
            } else {
                sandbox.checkOpenable(start, path);
                searchFile(start, Files.size(start));
            }
        } catch (IOException e) {
            throw new IllegalStateException("The search failed: " + e.getMessage(), e);
        }
        String note = null;
        if (truncated) {
            note = "The search stopped early (at most " + maxMatches + " matches and " + MAX_FILES
                    + " files); search a sub-directory or use a more specific query.";
        }
        if (skipped > 0) {
            note = (note == null ? "" : note + " ") + skipped + " file(s) larger than " + MAX_FILE_BYTES
                    + " bytes were skipped.";
        }
        if (linked > 0) {
            note = (note == null ? "" : note + " ") + linked + " file(s) with more than one hard link were skipped.";
        }
        return new SearchResults(matches, filesSearched, truncated, note);
    }

    private static Pattern compile(String query) {
        try {
            return Pattern.compile(query);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + query + "' is not a valid regular expression ("
                    + e.getDescription() + " near index " + e.getIndex() + "); fix it, or set regex to "
                    + "false to search for the text as written.");
        }
    }

    private void searchDirectory(Path directory) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(directory)) {
            children = list.sorted().toList();
        }
        for (Path child : children) {
            if (truncated) {
                return;
            }
            BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isDirectory()) {
                searchDirectory(child);
            } else if (attributes.isRegularFile()) {
                if (sandbox.links(child) > 1) {
                    linked++;
                } else {
                    searchFile(child, attributes.size());
                }
            }
        }
    }

    private void searchFile(Path file, long size) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("The search was interrupted before " + sandbox.relative(file)
                    + ": the call was cancelled or ran out of time.");
        }
        if (size > MAX_FILE_BYTES) {
            skipped++;
            return;
        }
        if (filesSearched == MAX_FILES) {
            truncated = true;
            return;
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_FILE_BYTES);
        }
        if (Utf8Text.isBinary(bytes, bytes.length)) {
            return;
        }
        filesSearched++;
        String[] lines = Utf8Text.decode(bytes, bytes.length, false).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (matches(lines[i], file, i + 1)) {
                if (matches.size() == maxMatches) {
                    truncated = true;
                    return;
                }
                String line = lines[i].length() > MAX_LINE_CHARS
                        ? lines[i].substring(0, MAX_LINE_CHARS) + "…" : lines[i];
                matches.add(new SearchMatch(sandbox.relative(file), i + 1, line));
            }
        }
    }

    private boolean matches(String line, Path file, int number) {
        if (pattern == null) {
            return line.contains(query);
        }
        try {
            return pattern.matcher(new BoundedText(line, maxRegexSteps)).find();
        } catch (BoundedText.Stopped e) {
            String where = "line " + number + " of " + sandbox.relative(file);
            if (e.interrupted()) {
                throw new IllegalStateException("The search was interrupted on " + where + ": the call was "
                        + "cancelled or ran out of time.");
            }
            throw new IllegalArgumentException("The regular expression '" + query + "' took too long on " + where
                    + " (more than " + maxRegexSteps + " steps); simplify it (nested repetition such as (a*)* "
                    + "backtracks without end), or set regex to false to search for the text as written.");
        }
    }
}
