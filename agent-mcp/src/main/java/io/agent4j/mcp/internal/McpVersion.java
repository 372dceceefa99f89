package io.agent4j.mcp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** agent4j's version as MCP peers are told it (client and server info), from a resource Maven fills in. */
public final class McpVersion {

    /** The version, such as {@code 0.1.0-SNAPSHOT}, or {@code dev} when the resource is missing or unfiltered. */
    public static final String VALUE = read();

    private McpVersion() {
    }

    private static String read() {
        Properties properties = new Properties();
        try (InputStream in = McpVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // the default below
        }
        String version = properties.getProperty("version", "");
        return version.isBlank() || version.startsWith("$") ? "dev" : version;
    }
}
