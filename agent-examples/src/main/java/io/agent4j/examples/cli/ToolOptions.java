package io.agent4j.examples.cli;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.examples.Example;
import io.agent4j.examples.Examples;
import io.agent4j.tool.ToolPack;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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

    /** The {@code --tools} jars, each checked to exist and to be given once. */
    List<Path> jars() {
        Map<Path, Path> given = new HashMap<>();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw usage(spec, "--tools " + jar + ": no such file");
            }
            Path earlier = given.putIfAbsent(realPath(jar), jar);
            if (earlier != null) {
                throw usage(spec, "--tools " + jar + " was given twice" + (earlier.equals(jar) ? ""
                        : " (also as " + earlier + ")") + "; give each jar once");
            }
        }
        return List.copyOf(jars);
    }

    private static Path realPath(Path jar) {
        try {
            return jar.toRealPath();
        } catch (IOException e) {
            return jar.toAbsolutePath().normalize();
        }
    }

    /**
     * Records which jar holds each of the tool packs of {@code jar}, in {@code owners} (pack name to
     * jar), before the jar is loaded.
     *
     * @throws ToolRegistrationException when a pack of {@code jar} has the name of a pack of an
     *     earlier jar, whose settings would then reach both, or the jar's packs cannot be loaded
     */
    static void claimPackNames(Path jar, Map<String, Path> owners) {
        for (String name : packNames(jar)) {
            Path other = owners.putIfAbsent(name, jar);
            if (other != null) {
                throw new ToolRegistrationException("the --tools jars " + other + " and " + jar + " both hold a tool "
                        + "pack named '" + name + "', and its settings (--tool-config " + name + ".SETTING=VALUE) "
                        + "would reach both: give only one of them");
            }
        }
    }

    /** The names of the tool packs {@code jar} itself declares: none for a jar of plain {@code @Tool} classes. */
    private static List<String> packNames(Path jar) {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ToolOptions.class.getClassLoader())) {
            return ToolPack.discover(loader).stream().filter(pack -> pack.getClass().getClassLoader() == loader)
                    .map(ToolPack::name).toList();
        } catch (IOException e) {
            throw new ToolRegistrationException("Tool jar " + jar + " cannot be read: " + e.getMessage(), e);
        }
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
