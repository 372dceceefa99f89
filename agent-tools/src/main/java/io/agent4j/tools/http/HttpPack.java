package io.agent4j.tools.http;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.ToolPack;
import io.agent4j.tools.internal.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code http} tool pack: {@link HttpTools}.
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code allow}</td><td>none</td><td>comma-separated hosts fetched even when their
 *     addresses are loopback or private, each with an optional port, e.g.
 *     {@code wiki.internal,127.0.0.1:8080}; without a port only 80 and 443</td></tr>
 * <tr><td>{@code timeoutSeconds}</td><td>10</td><td>the longest one request may take</td></tr>
 * <tr><td>{@code maxBytes}</td><td>262144</td><td>the most bytes of a body that are read</td></tr>
 * </table>
 */
public final class HttpPack implements ToolPack {

    /** The default timeout of one request, in seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;

    /** The default size cap of a body: 256 KiB. */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;

    /** Creates the pack; {@link ToolPack#discover} calls this. */
    public HttpPack() {
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public String description() {
        return "Fetch public web pages and APIs as text with HTTP GET";
    }

    @Override
    public Set<String> settingNames() {
        return Set.of("allow", "timeoutSeconds", "maxBytes");
    }

    @Override
    public List<Object> tools(Map<String, String> settings) {
        Settings own = Settings.of(this, settings);
        String allow = own.string("allow", "");
        List<String> hosts = Arrays.stream(allow.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
        Duration timeout = Duration.ofSeconds(own.integer("timeoutSeconds", DEFAULT_TIMEOUT_SECONDS, 1));
        int maxBytes = own.integer("maxBytes", DEFAULT_MAX_BYTES, 1);
        try {
            return List.of(new HttpTools(hosts, timeout, maxBytes));
        } catch (IllegalArgumentException e) {
            throw new ToolRegistrationException("Setting 'http.allow' is '" + allow + "': " + e.getMessage()
                    + "; list host names or IP addresses, each with an optional :port, separated by commas.", e);
        }
    }
}
