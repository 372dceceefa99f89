package io.agent4j.bench.jmh;

import io.agent4j.bench.scenario.TravelTools;
import io.agent4j.tool.Toolbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Schema generation for the two tools of {@link TravelTools}: cold (a class never seen, defined
 * afresh in a new class loader for every call, its schemas read from the build-time index), cold
 * without the index (the same, the index hidden, so victools makes the schemas) and cached
 * ({@code Toolbox.of} on a new instance of a class already registered).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SchemaBench {

    private static final String PACKAGE = "io.agent4j.bench.scenario.";

    private Map<String, byte[]> classBytes;

    @Setup
    public void setUp() {
        classBytes = new HashMap<>();
        for (String name : List.of("TravelTools", "Travel", "Travel$Unit", "Travel$Forecast",
                "Travel$Trip")) {
            String path = "/" + (PACKAGE + name).replace('.', '/') + ".class";
            try (InputStream in = SchemaBench.class.getResourceAsStream(path)) {
                classBytes.put(PACKAGE + name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Toolbox.of(new TravelTools());
    }

    /** {@code Toolbox.of(Class)} on a class never seen: reflection, both schemas, both validators. */
    @Benchmark
    public Toolbox cold() throws ClassNotFoundException {
        Class<?> type = new FreshLoader(classBytes, SchemaBench.class.getClassLoader(), false)
                .loadClass(PACKAGE + "TravelTools");
        return Toolbox.of(type);
    }

    /** {@code Toolbox.of(Class)} on a class never seen, without its build-time index: victools makes both schemas. */
    @Benchmark
    public Toolbox coldWithoutIndex() throws ClassNotFoundException {
        Class<?> type = new FreshLoader(classBytes, SchemaBench.class.getClassLoader(), true)
                .loadClass(PACKAGE + "TravelTools");
        return Toolbox.of(type);
    }

    /** {@code Toolbox.of(new TravelTools())} again: the signatures come from the cache. */
    @Benchmark
    public Toolbox cached() {
        return Toolbox.of(new TravelTools());
    }

    /**
     * Defines the scenario's classes itself, so each loader has its own never-seen copies; it may
     * hide the build-time schema index beside them.
     */
    static final class FreshLoader extends ClassLoader {
        private final Map<String, byte[]> bytes;
        private final boolean hideIndex;

        FreshLoader(Map<String, byte[]> bytes, ClassLoader parent, boolean hideIndex) {
            super(parent);
            this.bytes = bytes;
            this.hideIndex = hideIndex;
        }

        @Override
        public URL getResource(String name) {
            return hideIndex && name.startsWith("META-INF/agent4j/") ? null : super.getResource(name);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            byte[] code = bytes.get(name);
            if (code == null) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineClass(name, code, 0, code.length);
            }
        }
    }
}
