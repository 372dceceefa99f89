package io.agent4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about agent4j itself. */
public final class Agent4j {

    /**
     * agent4j's version, such as {@code 0.1.0}, from a resource the build fills in; {@code dev}
     * when agent4j runs from classes the build did not package. It is what the OpenAI client sends
     * in its {@code User-Agent}, MCP peers are told and traces name as the instrumentation's version.
     */
    public static final String VERSION = read();

    private Agent4j() {
    }

    private static String read() {
        try (InputStream in = Agent4j.class.getResourceAsStream("agent4j.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.isBlank() || version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            return "dev";
        }
    }
}
