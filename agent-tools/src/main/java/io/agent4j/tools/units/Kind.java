package io.agent4j.tools.units;

/** What a unit measures; only units of the same kind convert into each other. */
enum Kind {
    LENGTH, MASS, TEMPERATURE, VOLUME;

    /** The kind in lower case, for messages. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
