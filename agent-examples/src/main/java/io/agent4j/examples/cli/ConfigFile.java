package io.agent4j.examples.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings file of the command line, {@code ~/.agent4j/config.properties} ({@code ~} being
 * the {@code user.home} system property): UTF-8, one {@code key = value} per line, {@code #} or
 * {@code !} starting a comment line, blank lines ignored. Unlike {@link java.util.Properties}
 * there are no escapes or continuation lines, so a Windows path or a URL is written as it is.
 * The keys are {@link #KEYS}; an unknown or repeated key, a line without {@code =} or a key
 * without a value is a {@link ConfigException} naming the line. A file that does not exist is
 * an empty configuration.
 */
final class ConfigFile {

    /** The keys the file may set. */
    static final List<String> KEYS = List.of("api-key", "base-url", "model", "prices", "store",
            "structured-output");

    /** One setting of the file. */
    record Entry(String key, String value, int line) {
    }

    private final Path path;
    private final boolean exists;
    private final Map<String, Entry> entries;

    private ConfigFile(Path path, boolean exists, Map<String, Entry> entries) {
        this.path = path;
        this.exists = exists;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** Where the file is looked for: {@code .agent4j/config.properties} in the user's home folder. */
    static Path defaultPath() {
        return Path.of(System.getProperty("user.home"), ".agent4j", "config.properties");
    }

    /** The file at its default place. */
    static ConfigFile load() {
        return load(defaultPath());
    }

    /**
     * Reads the file at {@code path}; one that does not exist has no settings.
     *
     * @throws ConfigException when it cannot be read or a line is not a known {@code key = value}
     */
    static ConfigFile load(Path path) {
        if (!Files.exists(path)) {
            return new ConfigFile(path, false, new LinkedHashMap<>());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigException(path + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot be read (" + e.getMessage() + ")");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i).strip();
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                // the line is not shown: it may be a secret pasted without its key
                throw malformed(path, number, "expected key = value (the keys are " + String.join(", ", KEYS) + ")");
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (!KEYS.contains(key)) {
                throw malformed(path, number, "unknown key '" + shown(key) + "'; the keys are "
                        + String.join(", ", KEYS));
            }
            if (value.isEmpty()) {
                throw malformed(path, number, "'" + key + "' has no value; remove the line to use the default");
            }
            Entry earlier = entries.get(key);
            if (earlier != null) {
                throw malformed(path, number, "'" + key + "' is already set on line " + earlier.line());
            }
            entries.put(key, new Entry(key, value, number));
        }
        return new ConfigFile(path, true, entries);
    }

    /** The file's path. */
    Path path() {
        return path;
    }

    /** Whether the file exists. */
    boolean exists() {
        return exists;
    }

    /** The setting of {@code key}, if the file has one. */
    Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /**
     * A file named by a setting of this file: {@code ~/} is the home folder, and a relative path is
     * relative to the folder of this file.
     *
     * @throws ConfigException when the value is not a path
     */
    Path resolve(Entry entry) {
        String value = entry.value();
        try {
            if (value.equals("~") || value.startsWith("~/")) {
                return Path.of(System.getProperty("user.home")).resolve(value.substring(Math.min(2, value.length())));
            }
            Path given = Path.of(value);
            Path folder = path.toAbsolutePath().getParent();
            return given.isAbsolute() || folder == null ? given : folder.resolve(given);
        } catch (InvalidPathException e) {
            throw malformed(path, entry.line(), "'" + entry.key() + "' is not a file name: " + e.getMessage());
        }
    }

    /** Where a setting comes from, for messages: {@code /home/me/.agent4j/config.properties line 3}. */
    String where(Entry entry) {
        return path + " line " + entry.line();
    }

    private static ConfigException malformed(Path path, int line, String message) {
        return new ConfigException(path + " line " + line + ": " + message);
    }

    private static String shown(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
