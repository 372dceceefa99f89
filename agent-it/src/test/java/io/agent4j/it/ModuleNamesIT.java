package io.agent4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every published jar names its module in its manifest ({@code Automatic-Module-Name}), so that a
 * modular application requires it by a name that does not change with the jar's file name.
 */
class ModuleNamesIT {

    private static final Map<String, String> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("agent-core", "io.agent4j.core");
        MODULES.put("agent-tools", "io.agent4j.tools");
        MODULES.put("agent-mcp", "io.agent4j.mcp");
        MODULES.put("agent-opentelemetry", "io.agent4j.opentelemetry");
        MODULES.put("agent-test", "io.agent4j.test");
    }

    @Test
    void everyPublishedJarNamesItsModule() throws IOException {
        for (Map.Entry<String, String> module : MODULES.entrySet()) {
            Path jar = jarOf(module.getKey());
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                        .as("Automatic-Module-Name of %s", jar).isEqualTo(module.getValue());
            }
            ModuleDescriptor descriptor = ModuleFinder.of(jar).findAll().stream().map(ModuleReference::descriptor)
                    .findFirst().orElseThrow();
            assertThat(descriptor.name()).as("the module %s is on a module path", jar).isEqualTo(module.getValue());
        }
    }

    @Test
    void noTwoModulesShareAPackage() {
        Map<String, List<String>> owners = MODULES.keySet().stream()
                .flatMap(artifact -> ModuleFinder.of(jarOf(artifact)).findAll().stream())
                .map(ModuleReference::descriptor)
                .flatMap(descriptor -> descriptor.packages().stream().map(p -> Map.entry(p, descriptor.name())))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        assertThat(owners).as("packages in more than one module").allSatisfy((name, modules) ->
                assertThat(modules).as(name).hasSize(1));
        assertThat(owners.keySet()).contains("io.agent4j", "io.agent4j.tools.math", "io.agent4j.mcp.client",
                "io.agent4j.opentelemetry", "io.agent4j.test");
    }

    /** The module's jar on this test's class path (the reactor's build of it). */
    private static Path jarOf(String artifact) {
        List<Path> jars = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .filter(p -> p.getFileName().toString().matches(artifact + "-[0-9].*\\.jar")).toList();
        assertThat(jars).as("the jar of %s on the class path (run by failsafe, after package)", artifact).hasSize(1);
        return jars.get(0);
    }
}
