package io.agent4j.tool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * A named set of tools shipped as a jar. A jar declares its packs in
 * {@code META-INF/services/io.agent4j.tool.ToolPack}, one class name per line; each class needs a
 * public no-argument constructor.
 *
 * <pre>{@code
 * public final class WeatherPack implements ToolPack {
 *     public String name() { return "weather"; }
 *     public String description() { return "Current weather and forecasts"; }
 *     public Set<String> settingNames() { return Set.of("units"); }
 *     public List<Object> tools(Map<String, String> settings) {
 *         return List.of(new WeatherTools(settings.getOrDefault("units", "metric")));
 *     }
 * }
 * }</pre>
 *
 * Settings reach a pack without their prefix: {@code weather.units=imperial} given to the
 * application (or {@code --tool-config weather.units=imperial} to the CLI) arrives as
 * {@code units=imperial}. A setting under the pack's prefix that is not among its
 * {@link #settingNames()} is refused before {@link #tools} is called ({@code weather.unit=imperial}:
 * {@code Unknown setting 'weather.unit' for the weather tool pack; its settings are [units].}), so a
 * misspelt key never silently falls back on a default.
 */
public interface ToolPack {

    /** The pack's name: lower case, also the prefix of its settings, e.g. {@code files}. */
    String name();

    /** One line on what the tools of this pack are for. */
    String description();

    /**
     * The names of the settings this pack reads, without the prefix: {@code units} for
     * {@code weather.units}. {@link Toolbox#ofPacks} (and so {@link Toolbox#loadJar} and the
     * command line) refuses any other setting under the pack's prefix, listing these. None by
     * default: a pack that reads settings lists them here.
     */
    default Set<String> settingNames() {
        return Set.of();
    }

    /**
     * The objects whose {@link Tool} methods this pack offers (a {@link Class} stands for a new
     * instance of it, as in {@link Toolbox#of}).
     *
     * @param settings this pack's settings, prefix removed, each among {@link #settingNames()}
     *     when called through {@link Toolbox#ofPacks}; never null
     * @throws io.agent4j.errors.ToolRegistrationException when a setting is missing or invalid, saying which
     */
    List<Object> tools(Map<String, String> settings);

    /**
     * The packs declared by the jars of {@code loader}, in class path order.
     *
     * @throws io.agent4j.errors.ToolRegistrationException when a declared class cannot be loaded or
     *     created, or two packs share a name
     */
    static List<ToolPack> discover(ClassLoader loader) {
        List<ToolPack> packs = new ArrayList<>();
        Map<String, ToolPack> byName = new java.util.HashMap<>();
        Iterator<ToolPack> found = ServiceLoader.load(ToolPack.class, loader).iterator();
        while (true) {
            ToolPack pack;
            try {
                if (!found.hasNext()) {
                    return packs;
                }
                pack = found.next();
            } catch (ServiceConfigurationError e) {
                throw new io.agent4j.errors.ToolRegistrationException("A tool pack declared in "
                        + "META-INF/services/io.agent4j.tool.ToolPack cannot be loaded: " + e.getMessage()
                        + ". Check that the class exists, is public and has a public no-argument constructor.", e);
            }
            ToolPack other = byName.putIfAbsent(pack.name(), pack);
            if (other != null) {
                throw new io.agent4j.errors.ToolRegistrationException("Two tool packs are named '" + pack.name() + "': "
                        + other.getClass().getName() + " and " + pack.getClass().getName()
                        + "; pack names must be unique, as they prefix the settings.");
            }
            packs.add(pack);
        }
    }
}
