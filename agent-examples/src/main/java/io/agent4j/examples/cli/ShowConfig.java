package io.agent4j.examples.cli;

import io.agent4j.examples.cli.Settings.Setting;
import io.agent4j.examples.cli.Settings.Source;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --show-config}: the effective settings and where each came from, the API key masked and the
 * user name and password of the base URL, if it has them, shown as {@code ***}.
 *
 * <pre>
 * api-key           sk-…wxyz                   env OPENAI_API_KEY
 * base-url          https://api.openai.com/v1  default
 * model             gpt-4.1-mini               file /home/me/.agent4j/config.properties line 2
 * prices            (the standard prices)      default
 * timeout           30s                        flag --timeout
 * read-timeout      2m                         default
 * structured-output json_schema                default
 * config            /home/me/.agent4j/config.properties
 * </pre>
 */
final class ShowConfig {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.\\-]*://)[^/?#]*@");
    /** A query parameter that carries a secret by its name: api-key, key, token, secret, password, sig... */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "([?&][^=&#]*(?i:key|token|secret|password|sig|auth)[^=&#]*=)[^&#]*");

    private ShowConfig() {
    }

    /**
     * Prints the settings.
     *
     * @param out where to print
     * @param settings the settings
     * @param replay the recording of {@code --replay}, or null
     * @param chat whether the command is {@code chat} (which shows the store, and not {@code run}'s
     *     {@code structured-output})
     * @param json whether to print one JSON object instead of lines
     * @param style the glyph of the masked key
     */
    static void print(PrintWriter out, Settings settings, Path replay, boolean chat, boolean json, Style style) {
        Map<String, Setting> shown = new LinkedHashMap<>();
        shown.put("api-key", new Setting(Settings.mask(settings.apiKey().value(), style), settings.apiKey().source(),
                settings.apiKey().from()));
        Setting baseUrl = settings.baseUrl();
        shown.put("base-url", baseUrl.value() == null ? baseUrl
                : new Setting(withoutCredentials(baseUrl.value(), settings.apiKey().value()), baseUrl.source(),
                        baseUrl.from()));
        shown.put("model", settings.model());
        shown.put("prices", settings.prices().value() == null
                ? new Setting("(the standard prices)", Source.DEFAULT, null) : settings.prices());
        if (chat) {
            shown.put("store", store(settings.store(), replay != null));
        }
        shown.put("timeout", settings.timeout());
        shown.put("read-timeout", settings.readTimeout());
        if (!chat) {
            shown.put("structured-output", settings.structuredOutput());
        }
        if (replay != null) {
            shown.put("replay", new Setting(replay.toString(), Source.FLAG, "--replay"));
        }
        if (json) {
            printJson(out, shown, settings.file());
        } else {
            printText(out, shown, settings.file(), replay != null);
        }
        out.flush();
    }

    /** {@code https://user:pass@host/v1} as {@code https://***@host/v1}; other URLs as they are. */
    static String withoutCredentials(String url, String apiKey) {
        String shown = USER_INFO.matcher(url).replaceFirst("$1***@");
        shown = SECRET_PARAMETER.matcher(shown).replaceAll("$1***");
        return apiKey == null || apiKey.isBlank() ? shown : shown.replace(apiKey.strip(), "***");
    }

    private static Setting store(Setting store, boolean replaying) {
        if (store.source() == Source.FLAG) {
            return store;
        }
        if (replaying) {
            return new Setting("memory only (--replay without --store)", Source.DEFAULT, null);
        }
        return store.value() != null ? store : new Setting(Stores.defaultFile().toString(), Source.DEFAULT, null);
    }

    private static void printText(PrintWriter out, Map<String, Setting> shown, ConfigFile file, boolean replaying) {
        int width = shown.values().stream().mapToInt(s -> s.value() == null ? 0 : s.value().length()).max().orElse(0);
        int names = shown.keySet().stream().mapToInt(String::length).max().orElse(0);
        shown.forEach((name, setting) -> {
            String source = setting.source() == Source.NONE ? "" : setting.describe();
            out.println(String.format("%-" + names + "s %-" + width + "s  %s", name, setting.value(), source)
                    .stripTrailing());
        });
        out.println(String.format("%-" + names + "s %s%s", "config", file.path(), file.exists() ? "" : " (no such file)"));
        if (replaying) {
            out.println("With --replay the model's side comes from the recording: api-key, base-url, model and "
                    + "the timeouts are not used.");
        }
    }

    private static void printJson(PrintWriter out, Map<String, Setting> shown, ConfigFile file) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode settings = root.putObject("settings");
        shown.forEach((name, setting) -> {
            ObjectNode node = settings.putObject(name);
            if (setting.source() == Source.NONE) {
                node.putNull("value");
            } else {
                node.put("value", setting.value());
            }
            node.put("source", setting.source() == Source.NONE ? "none" : setting.source().label());
            if (setting.from() == null) {
                node.putNull("from");
            } else {
                node.put("from", setting.from());
            }
        });
        root.putObject("configFile").put("path", file.path().toString()).put("exists", file.exists());
        out.println(JSON.writeValueAsString(root));
    }
}
