package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agent4j.tool.Tool;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds tool jars while the tests run: compiles Java sources against agent4j with
 * {@code -parameters}, as a tool project's build would, and packs the classes and resources with
 * {@link JarOutputStream}. Skips the test on a runtime without a compiler.
 */
final class TestJars {

    private TestJars() {
    }

    /** A jar of one class, given as source text. */
    static Path ofClass(Path jar, String className, String source) throws Exception {
        Path sources = jar.resolveSibling(jar.getFileName() + ".src");
        Path file = sources.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        return build(jar, sources, null);
    }

    /** The jar a Maven project would package: {@code src/main/java} compiled, {@code src/main/resources} copied. */
    static Path ofProject(Path jar, Path project) throws Exception {
        return build(jar, project.resolve("src/main/java"), project.resolve("src/main/resources"));
    }

    /**
     * Compiles every {@code .java} file under {@code sources} (if any) and jars the classes with
     * the files under {@code resources} (if not null).
     */
    static Path build(Path jar, Path sources, Path resources) throws Exception {
        Path classes = Files.createDirectories(jar.resolveSibling(jar.getFileName() + ".classes"));
        List<Path> files = Files.isDirectory(sources) ? filesUnder(sources) : List.of();
        if (!files.isEmpty()) {
            compile(files, classes);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            add(out, classes);
            if (resources != null) {
                add(out, resources);
            }
        }
        return jar;
    }

    /** A copy of {@code jar} without one of its entries, as when a class its code needs was left out of it. */
    static Path without(Path jar, String entry, Path copy) throws Exception {
        try (JarFile in = new JarFile(jar.toFile());
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy), in.getManifest())) {
            for (JarEntry each : java.util.Collections.list(in.entries())) {
                if (!each.getName().equals(entry) && !each.getName().equals(JarFile.MANIFEST_NAME)) {
                    out.putNextEntry(new JarEntry(each.getName()));
                    in.getInputStream(each).transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return copy;
    }

    private static void compile(List<Path> files, Path classes) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assumeTrue(javac != null, "needs a JDK with javax.tools");
        String classPath = Path.of(Tool.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + File.pathSeparator + System.getProperty("java.class.path");
        List<String> arguments = new ArrayList<>(List.of("-parameters", "-proc:none", "-encoding", "UTF-8",
                "-classpath", classPath, "-d", classes.toString()));
        files.forEach(file -> arguments.add(file.toString()));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, arguments.toArray(String[]::new));
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static void add(JarOutputStream out, Path root) throws Exception {
        for (Path file : filesUnder(root)) {
            out.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
            Files.copy(file, out);
            out.closeEntry();
        }
    }

    private static List<Path> filesUnder(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
