package io.agent4j.examples.cli;

/**
 * A configuration the command line cannot use: a malformed {@code ~/.agent4j/config.properties},
 * or a file it names that is not there. Reported as one line with the usage exit code
 * ({@link ExitCodes#USAGE}), like a wrong flag.
 */
final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(message);
    }
}
