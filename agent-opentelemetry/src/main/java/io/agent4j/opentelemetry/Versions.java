package io.agent4j.opentelemetry;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** agent4j's version, for the instrumentation scope, from the resource agent-core's build fills in. */
final class Versions {

    static final String AGENT4J = read();

    private Versions() {
    }

    private static String read() {
        try (InputStream in = Versions.class.getResourceAsStream("/io/agent4j/agent4j.properties")) {
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
