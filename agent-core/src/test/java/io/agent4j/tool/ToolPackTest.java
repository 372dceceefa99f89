package io.agent4j.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.testing.TravelTools;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolPackTest {

    @TempDir
    Path dir;

    public static final class TravelPack implements ToolPack {
        @Override
        public String name() {
            return "travel";
        }

        @Override
        public String description() {
            return "Weather and local time";
        }

        @Override
        public Set<String> settingNames() {
            return Set.of("unit", "language");
        }

        @Override
        public List<Object> tools(Map<String, String> settings) {
            if (!settings.getOrDefault("unit", "CELSIUS").equals("CELSIUS")) {
                throw new ToolRegistrationException("travel.unit must be CELSIUS, was " + settings.get("unit"));
            }
            return List.of(new TravelTools());
        }
    }

    public static final class OtherTravelPack implements ToolPack {
        @Override
        public String name() {
            return "travel";
        }

        @Override
        public String description() {
            return "A second pack of the same name";
        }

        @Override
        public List<Object> tools(Map<String, String> settings) {
            return List.of();
        }
    }

    private ClassLoader declaring(String... classes) throws Exception {
        Path services = dir.resolve("META-INF/services/io.agent4j.tool.ToolPack");
        Files.createDirectories(services.getParent());
        Files.writeString(services, String.join("\n", classes) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void packsAreDiscoveredAndGetTheirOwnSettingsWithoutThePrefix() throws Exception {
        List<ToolPack> packs = ToolPack.discover(declaring(TravelPack.class.getName()));
        assertThat(packs).extracting(ToolPack::name).containsExactly("travel");
        Toolbox tools = Toolbox.ofPacks(packs, Map.of("travel.unit", "CELSIUS", "other.unit", "F"));
        assertThat(tools.names()).contains("weather", "localTime");
        assertThatThrownBy(() -> Toolbox.ofPacks(packs, Map.of("travel.unit", "KELVIN")))
                .hasMessageContaining("travel.unit must be CELSIUS, was KELVIN");
    }

    @Test
    void aSettingThePackDoesNotDeclareIsRefusedListingTheOnesItDoes() throws Exception {
        List<ToolPack> packs = ToolPack.discover(declaring(TravelPack.class.getName()));

        assertThatThrownBy(() -> Toolbox.ofPacks(packs, Map.of("travel.units", "CELSIUS")))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessage("Unknown setting 'travel.units' for the travel tool pack; its settings are "
                        + "[language, unit].");
        assertThat(Toolbox.ofPacks(packs, Map.of("travel.language", "en")).names()).contains("weather");
    }

    @Test
    void aPackThatDeclaresNoSettingsRefusesEvery() {
        ToolPack plain = new ToolPack() {
            @Override
            public String name() {
                return "plain";
            }

            @Override
            public String description() {
                return "A pack without settings";
            }

            @Override
            public List<Object> tools(Map<String, String> settings) {
                return List.of(new TravelTools());
            }
        };

        assertThatThrownBy(() -> Toolbox.ofPacks(List.of(plain), Map.of("plain.unit", "F")))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessage("Unknown setting 'plain.unit' for the plain tool pack; it has no settings.");
        assertThat(Toolbox.ofPacks(List.of(plain), Map.of("other.unit", "F")).names()).contains("weather");
    }

    @Test
    void aDeclaredClassThatIsMissingIsAClearError() throws Exception {
        ClassLoader loader = declaring("com.example.Missing");
        assertThatThrownBy(() -> ToolPack.discover(loader)).isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("cannot be loaded").hasMessageContaining("com.example.Missing");
    }

    @Test
    void twoPacksOfOneNameAreRefusedNamingBoth() throws Exception {
        ClassLoader loader = declaring(TravelPack.class.getName(), OtherTravelPack.class.getName());
        assertThatThrownBy(() -> ToolPack.discover(loader)).hasMessageContaining("Two tool packs are named 'travel'")
                .hasMessageContaining("OtherTravelPack");
    }
}
