package io.agent4j.bench.jmh;

import io.agent4j.bench.scenario.TravelTools;
import io.agent4j.tool.Toolbox;
import io.agent4j.tool.internal.ToolParameter;
import io.agent4j.tool.internal.ToolSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Schema generation for the two tools of {@link TravelTools}: cold (a class never seen, defined
 * afresh in a new class loader for every call), regenerated (the schema builder run again on
 * known types, the per-method signature cache bypassed) and cached ({@code Toolbox.of} on a new
 * instance of a class already registered).
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
    private List<List<ToolParameter>> parameters;

    @Setup
    public void setUp() {
        classBytes = new HashMap<>();
        for (String name : List.of("TravelTools", "TravelTools$Unit", "TravelTools$Forecast", "TravelTools$Trip")) {
            String path = "/" + (PACKAGE + name).replace('.', '/') + ".class";
            try (InputStream in = SchemaBench.class.getResourceAsStream(path)) {
                classBytes.put(PACKAGE + name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        parameters = new ArrayList<>();
        for (String name : List.of("packingList", "weather")) {
            Method method = methodNamed(TravelTools.class, name);
            List<ToolParameter> list = new ArrayList<>();
            for (var parameter : method.getParameters()) {
                list.add(ToolParameter.of(method, parameter));
            }
            parameters.add(list);
        }
        Toolbox.of(new TravelTools());
    }

    /** {@code Toolbox.of(Class)} on a class never seen: reflection, both schemas, both validators. */
    @Benchmark
    public Toolbox cold() throws ClassNotFoundException {
        Class<?> type = new FreshLoader(classBytes, SchemaBench.class.getClassLoader()).loadClass(PACKAGE + "TravelTools");
        return Toolbox.of(type);
    }

    /** The strict schemas of both tools generated again from known types (no validator). */
    @Benchmark
    public Object regenerateStrictSchemas() {
        ObjectNode first = ToolSchemas.parametersSchema(parameters.get(0), true);
        ObjectNode second = ToolSchemas.parametersSchema(parameters.get(1), true);
        return new Object[] {first, second};
    }

    /** {@code Toolbox.of(new TravelTools())} again: the signatures come from the cache. */
    @Benchmark
    public Toolbox cached() {
        return Toolbox.of(new TravelTools());
    }

    private static Method methodNamed(Class<?> type, String name) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** Defines the scenario's classes itself, so each loader has its own never-seen copies. */
    static final class FreshLoader extends ClassLoader {
        private final Map<String, byte[]> bytes;

        FreshLoader(Map<String, byte[]> bytes, ClassLoader parent) {
            super(parent);
            this.bytes = bytes;
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
