package io.agent4j.examples.cli;

import io.agent4j.openai.OpenAiChatModel;
import java.util.function.Function;

/**
 * The effective settings of {@code run} and {@code chat}, each from the first place that has it:
 * the flag, then the environment ({@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL},
 * {@code AGENT4J_MODEL}), then {@code ~/.agent4j/config.properties}, then the default. A blank
 * flag or variable counts as not given.
 *
 * @param apiKey the API key (no default)
 * @param baseUrl the endpoint
 * @param model the model name
 * @param prices a price file (flag or file only; default: the standard table)
 * @param store where chat keeps conversations (flag or file only; default: {@code ~/.agent4j/sessions.db})
 * @param timeout the whole-call timeout of the client (flag only; default: the client's)
 * @param readTimeout the read timeout of the client (flag only; default: the client's)
 * @param structuredOutput how the server is asked for a typed answer (flag or file only; default:
 *     {@code json_schema})
 * @param file the configuration file
 */
record Settings(Setting apiKey, Setting baseUrl, Setting model, Setting prices, Setting store, Setting timeout,
        Setting readTimeout, Setting structuredOutput, ConfigFile file) {

    /** {@link OpenAiChatModel.Builder#callTimeout}'s default, as {@code --show-config} shows it. */
    static final String DEFAULT_TIMEOUT = "10m";
    /** {@link OpenAiChatModel.Builder#readTimeout}'s default, as {@code --show-config} shows it. */
    static final String DEFAULT_READ_TIMEOUT = "2m";
    /** {@link OpenAiChatModel.Builder#structuredOutput}'s default, as {@code --show-config} shows it. */
    static final String DEFAULT_STRUCTURED_OUTPUT = "json_schema";

    /** The variable of the API key. */
    static final String API_KEY_VARIABLE = "OPENAI_API_KEY";
    /** The variable of the endpoint. */
    static final String BASE_URL_VARIABLE = "OPENAI_BASE_URL";
    /** The variable of the model name. */
    static final String MODEL_VARIABLE = "AGENT4J_MODEL";

    /** Where a setting came from. */
    enum Source {
        FLAG("flag"), ENV("env"), FILE("file"), DEFAULT("default"), NONE("not set");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** {@code flag}, {@code env}, {@code file}, {@code default} or {@code not set}. */
        String label() {
            return label;
        }
    }

    /**
     * One setting.
     *
     * @param value the value, or null when not set
     * @param source where it came from
     * @param from the flag, the variable or the file and line; null for a default
     */
    record Setting(String value, Source source, String from) {

        static Setting none() {
            return new Setting(null, Source.NONE, null);
        }

        /** {@code env OPENAI_API_KEY}, {@code file /home/me/.agent4j/config.properties line 3}, {@code default}. */
        String describe() {
            return from == null ? source.label() : source.label() + " " + from;
        }
    }

    /**
     * Resolves the settings.
     *
     * @param flags the values of {@code --api-key}, {@code --base-url}, {@code --model},
     *     {@code --prices}, {@code --store}, {@code --timeout}, {@code --read-timeout} and
     *     {@code --structured-output} (null when not given)
     * @param environment reads environment variables
     * @param file the configuration file
     */
    static Settings resolve(Flags flags, Function<String, String> environment, ConfigFile file) {
        Setting apiKey = first(flag("--api-key", flags.apiKey()), env(environment, API_KEY_VARIABLE),
                file(file, "api-key", false), Setting.none());
        Setting baseUrl = first(flag("--base-url", flags.baseUrl()), env(environment, BASE_URL_VARIABLE),
                file(file, "base-url", false),
                new Setting(OpenAiChatModel.DEFAULT_BASE_URL, Source.DEFAULT, null));
        Setting model = first(flag("--model", flags.model()), env(environment, MODEL_VARIABLE),
                file(file, "model", false), new Setting(OpenAiChatModel.DEFAULT_MODEL, Source.DEFAULT, null));
        Setting prices = first(flag("--prices", flags.prices()), file(file, "prices", true), Setting.none());
        Setting store = first(flag("--store", flags.store()), storeOfFile(file), Setting.none());
        Setting timeout = first(flag("--timeout", flags.timeout()), new Setting(DEFAULT_TIMEOUT, Source.DEFAULT, null));
        Setting readTimeout = first(flag("--read-timeout", flags.readTimeout()),
                new Setting(DEFAULT_READ_TIMEOUT, Source.DEFAULT, null));
        Setting structuredOutput = first(flag("--structured-output", flags.structuredOutput()),
                file(file, "structured-output", false),
                new Setting(DEFAULT_STRUCTURED_OUTPUT, Source.DEFAULT, null));
        return new Settings(apiKey, baseUrl, model, prices, store, timeout, readTimeout, structuredOutput, file);
    }

    /** These settings with another model, given by {@code flag}. */
    Settings withModel(String name, String flag) {
        return new Settings(apiKey, baseUrl, new Setting(name, Source.FLAG, flag), prices, store, timeout, readTimeout,
                structuredOutput, file);
    }

    /**
     * The values of the flags, null when not given.
     *
     * @param timeout {@code --timeout} as {@link Durations#format} writes it
     * @param readTimeout {@code --read-timeout} as {@link Durations#format} writes it
     * @param structuredOutput {@code --structured-output} as given
     */
    record Flags(String apiKey, String baseUrl, String model, String prices, String store, String timeout,
            String readTimeout, String structuredOutput) {
    }

    private static Setting first(Setting... candidates) {
        for (Setting candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return Setting.none();
    }

    private static Setting flag(String name, String value) {
        return value == null || value.isBlank() ? null : new Setting(value, Source.FLAG, name);
    }

    private static Setting env(Function<String, String> environment, String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? null : new Setting(value.strip(), Source.ENV, name);
    }

    private static Setting file(ConfigFile file, String key, boolean isPath) {
        return file.get(key)
                .map(entry -> new Setting(isPath ? file.resolve(entry).toString() : entry.value(), Source.FILE,
                        file.where(entry)))
                .orElse(null);
    }

    private static Setting storeOfFile(ConfigFile file) {
        return file.get("store")
                .map(entry -> new Setting(entry.value().startsWith("jdbc:") ? entry.value()
                        : file.resolve(entry).toString(), Source.FILE, file.where(entry)))
                .orElse(null);
    }

    /**
     * The key as it may be shown: {@code sk-…wxyz} (its {@code sk-} prefix, if any, and at most
     * its last four characters, only for a key of 16 characters or more), or {@code (not set)}.
     */
    static String mask(String key, Style style) {
        if (key == null) {
            return "(not set)";
        }
        String prefix = key.startsWith("sk-") ? "sk-" : "";
        String tail = key.length() >= 16 ? key.substring(key.length() - 4) : "";
        return prefix + style.ellipsis() + tail;
    }
}
