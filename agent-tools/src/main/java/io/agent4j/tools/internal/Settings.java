package io.agent4j.tools.internal;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.ToolPack;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of one tool pack, read with defaults and checked: an unknown key or a value of the
 * wrong form fails registration with a message naming the full setting ({@code files.root}).
 */
public final class Settings {

    private final String pack;
    private final Map<String, String> values;

    private Settings(String pack, Map<String, String> values) {
        this.pack = pack;
        this.values = values;
    }

    /**
     * The settings of {@code pack}, which must all be among its {@link ToolPack#settingNames()}:
     * {@link io.agent4j.tool.Toolbox#ofPacks} has checked that already, and this checks it again for
     * a caller of {@link ToolPack#tools} who went round it, with the same message.
     *
     * @throws ToolRegistrationException naming an unknown setting and the known ones
     */
    public static Settings of(ToolPack pack, Map<String, String> values) {
        Set<String> allowed = new TreeSet<>(pack.settingNames());
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new ToolRegistrationException("Unknown setting '" + pack.name() + "." + key + "' for the "
                        + pack.name() + " tool pack; " + (allowed.isEmpty() ? "it has no settings."
                        : "its settings are " + allowed + "."));
            }
        }
        return new Settings(pack.name(), values);
    }

    /** The value of {@code key} trimmed, or {@code fallback} when it is absent or blank. */
    public String string(String key, String fallback) {
        String value = values.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** {@code true} or {@code false} (any case), or {@code fallback} when absent. */
    public boolean bool(String key, boolean fallback) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw invalid(key, value, "true or false");
    }

    /** A whole number from {@code min} up, or {@code fallback} when absent. */
    public int integer(String key, int fallback, int min) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw invalid(key, value, "a whole number of at least " + min);
    }

    private ToolRegistrationException invalid(String key, String value, String expected) {
        return new ToolRegistrationException("Setting '" + pack + "." + key + "' is '" + value
                + "'; it must be " + expected + ".");
    }
}
