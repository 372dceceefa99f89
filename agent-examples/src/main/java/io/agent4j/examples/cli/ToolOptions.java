package io.agent4j.examples.cli;

import io.agent4j.examples.Example;
import io.agent4j.examples.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that choose tools beyond a command's own: {@code --tools JAR} and
 * {@code --tool-config KEY=VALUE}, shared by {@code run} and {@code tools}.
 */
final class ToolOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--tools", paramLabel = "JAR",
            description = "Add the tools of this jar: those of its tool packs, else those of its @Tool "
                    + "classes; repeatable.")
    private List<Path> jars = new ArrayList<>();

    @Option(names = "--tool-config", paramLabel = "KEY=VALUE",
            description = "A setting for a tool pack, the KEY being PACK.SETTING: with weather.units=imperial "
                    + "the weather pack gets units=imperial. Repeatable; the last value of a KEY wins.")
    private List<String> settings = new ArrayList<>();

    /** The {@code --tools} jars, each checked to exist. */
    List<Path> jars() {
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw usage(spec, "--tools " + jar + ": no such file");
            }
        }
        return List.copyOf(jars);
    }

    /**
     * The {@code --tool-config} settings by key, each checked to be {@code PACK.SETTING=VALUE}; the
     * value is everything after the first {@code =} and may be empty.
     */
    Map<String, String> settings() {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals < 0) {
                throw usage(spec, "--tool-config " + setting + ": expected KEY=VALUE, e.g. weather.units=imperial");
            }
            String key = setting.substring(0, equals);
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw usage(spec, "--tool-config " + setting + ": the KEY must be PACK.SETTING, "
                        + "e.g. weather.units=imperial");
            }
            byKey.put(key, setting.substring(equals + 1));
        }
        return Collections.unmodifiableMap(byKey);
    }

    /** The example named by {@code --example}, or null when {@code name} is null. */
    static Example example(CommandSpec spec, String name) {
        if (name == null) {
            return null;
        }
        return Examples.find(name).orElseThrow(() -> usage(spec, "Unknown example '" + name
                + "'; the examples are: " + Examples.names()));
    }

    /** A usage error of the command, reported as one line with exit code {@link ExitCodes#USAGE}. */
    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
