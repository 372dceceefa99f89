package io.agent4j.openai.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** agent4j's version, from a resource Maven fills in at build time. */
public final class Version {

    /** The version, such as {@code 0.1.0-SNAPSHOT}, or {@code dev} when the resource is missing. */
    public static final String VALUE = read();

    private Version() {
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("/io/agent4j/agent4j.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            return "dev";
        }
    }
}
