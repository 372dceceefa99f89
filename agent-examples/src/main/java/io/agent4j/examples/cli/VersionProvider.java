package io.agent4j.examples.cli;

import io.agent4j.Agent4j;
import picocli.CommandLine.IVersionProvider;

/** The version of agent4j ({@link Agent4j#VERSION}) and of the Java runtime, for {@code --version}. */
public final class VersionProvider implements IVersionProvider {

    /** Creates the provider; picocli calls this. */
    public VersionProvider() {
    }

    /** The agent4j version, as every part of agent4j reports it. */
    public static String version() {
        return Agent4j.VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "agent4j " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
