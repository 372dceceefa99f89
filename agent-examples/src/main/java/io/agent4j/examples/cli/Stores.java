package io.agent4j.examples.cli;

import io.agent4j.errors.Agent4jException;
import io.agent4j.memory.ConversationStore;
import io.agent4j.memory.InMemoryConversationStore;
import io.agent4j.memory.JdbcConversationStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Opens the conversation store of {@code agent4j chat}, {@code run}, {@code runs} and
 * {@code resume}: by default a SQLite file, {@code ~/.agent4j/sessions.db} ({@code ~} being the
 * {@code user.home} system property); with {@code --store} or {@code store} in the configuration
 * file, another file or a JDBC URL; for a {@code chat} with {@code --replay} and no {@code --store},
 * the process's memory, so that a replay starts from the recorded history every time.
 */
final class Stores {

    private Stores() {
    }

    /** The default store: {@code sessions.db} in {@code .agent4j} in the user's home folder. */
    static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".agent4j", "sessions.db");
    }

    /**
     * The store {@code --store} names, or the default one.
     *
     * @param store the {@code --store} value (a file, or a URL starting with {@code jdbc:}), or null
     * @param replaying whether the model's side is a recording
     * @throws Agent4jException saying why the store cannot be opened
     */
    static ConversationStore open(String store, boolean replaying) {
        if (store == null && replaying) {
            return new InMemoryConversationStore();
        }
        return database(store);
    }

    /**
     * The store in force for {@code run}, {@code runs} and {@code resume}: {@code --store}, else
     * {@code store} in {@code ~/.agent4j/config.properties}, else null (the default file), as
     * {@code chat} resolves it.
     *
     * @throws ConfigException when the configuration file is malformed
     */
    static String configured(String store) {
        if (store != null) {
            return store;
        }
        return Settings.resolve(new Settings.Flags(null, null, null, null, null, null, null, null), name -> null,
                ConfigFile.load()).store().value();
    }

    /**
     * The database {@code --store} names (a file, or a URL starting with {@code jdbc:}), or the
     * default file when it is null.
     *
     * @throws Agent4jException saying why the store cannot be opened
     */
    static JdbcConversationStore database(String store) {
        if (store == null) {
            return sqlite(defaultFile(), "the default store");
        }
        if (store.startsWith("jdbc:")) {
            return JdbcConversationStore.connect(store, null, null);
        }
        Path file;
        try {
            file = Path.of(store);
        } catch (InvalidPathException e) {
            throw new Agent4jException("--store " + store + " is neither a file name nor a jdbc: URL: "
                    + e.getMessage(), e);
        }
        return sqlite(file, "--store " + store);
    }

    /** Where the conversation lives, for people: a file, a URL without its parameters, or memory. */
    static String describe(String store, boolean replaying) {
        if (store == null) {
            return replaying ? "memory only (--replay without --store)" : defaultFile().toString();
        }
        int query = store.indexOf('?');
        return store.startsWith("jdbc:") && query >= 0 ? store.substring(0, query) : store;
    }

    private static JdbcConversationStore sqlite(Path file, String source) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new Agent4jException(source + ": " + absolute + " is a folder; name a database file in it, "
                    + "such as " + absolute.resolve("sessions.db"));
        }
        for (Path folder = absolute.getParent(); folder != null; folder = folder.getParent()) {
            if (Files.exists(folder)) {
                if (!Files.isDirectory(folder)) {
                    throw new Agent4jException(source + ": cannot create the database " + absolute + ", because "
                            + folder + " is a file, not a folder");
                }
                break;
            }
        }
        return JdbcConversationStore.sqlite(absolute);
    }
}
