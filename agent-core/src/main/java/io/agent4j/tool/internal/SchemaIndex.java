package io.agent4j.tool.internal;

import io.agent4j.tool.Tool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parameter schemas made at build time, so that a fresh JVM need not load victools to make them
 * (about 150 ms). A class's index is {@code META-INF/agent4j/schemas/<class name>.json} beside it:
 * for each tool method and mode, the schema, and the CRC-32 of every class the schema was made
 * from, its own and agent4j's generator classes included. An entry is used only when all of these
 * classes are byte for byte the ones it was made from; otherwise, and for any index that does not
 * read, the schema is made as usual. Nothing here ever fails a registration.
 */
public final class SchemaIndex {

    /** Where the indexes live, on the class path. */
    public static final String FOLDER = "META-INF/agent4j/schemas/";

    /**
     * The version of the index's form and of what its schemas mean: 2 names subtypes by their simple
     * names ({@link DiscriminatorNames}), so an index of format 1 (named {@code Outer$Inner}) is not used.
     */
    static final int FORMAT = 2;
    private static final Logger log = LoggerFactory.getLogger(SchemaIndex.class);

    /**
     * The classes whose code decides what a schema looks like, besides the tools' own; by name, so
     * that checking an index loads none of them.
     */
    static final List<String> GENERATOR = List.of(SchemaIndex.class.getPackageName() + ".ToolSchemas",
            SchemaIndex.class.getPackageName() + ".SchemaGenerators", StrictMode.class.getName(),
            Subschemas.class.getName(),
            ToolParameter.class.getName(), MapEntries.class.getName(), Json.class.getName(),
            DiscriminatorNames.class.getName(), SimpleTypeNames.class.getName(),
            "com.github.victools.jsonschema.generator.SchemaGenerator",
            "com.github.victools.jsonschema.module.jackson.JacksonSchemaModule",
            "tools.jackson.databind.ObjectMapper");

    private static final ClassValue<Optional<Map<String, Entry>>> INDEXES = new ClassValue<>() {
        @Override
        protected Optional<Map<String, Entry>> computeValue(Class<?> type) {
            return Optional.ofNullable(read(type));
        }
    };
    /** Class name and CRC pairs already checked against the class path, with the outcome. */
    private static final Map<String, Boolean> CHECKED = new ConcurrentHashMap<>();
    private static volatile Long generatorCrc;

    private record Entry(JsonNode parameters, Map<String, Long> classes) {
    }

    private SchemaIndex() {
    }

    /**
     * The schema of the parameters of {@code declaration} in the given mode from its class's index,
     * or null when there is none or it no longer fits the classes on the class path.
     */
    static ObjectNode lookup(Method declaration, boolean strict) {
        Class<?> owner = declaration.getDeclaringClass();
        if (owner.getClassLoader() == null) {
            return null;
        }
        return lookup(owner, key(declaration, strict), declaration);
    }

    /**
     * The schema of answers of {@code type} (wrapped as the property {@code value}) from the index
     * of its class, or null when there is none, it no longer fits, or the type is no class of an
     * application (a {@code List<Item>}, say).
     */
    static ObjectNode lookupAnswer(java.lang.reflect.Type type, boolean strict) {
        if (!(type instanceof Class<?> owner) || owner.getClassLoader() == null) {
            return null;
        }
        return lookup(owner, answerKey(owner, strict), owner.getName());
    }

    static String answerKey(Class<?> type, boolean strict) {
        return (strict ? "strict " : "lenient ") + "answer " + type.getName();
    }

    private static ObjectNode lookup(Class<?> owner, String key, Object what) {
        Optional<Map<String, Entry>> index = INDEXES.get(owner);
        if (index.isEmpty()) {
            return null;
        }
        Entry entry = index.get().get(key);
        if (entry == null) {
            return null;
        }
        for (Map.Entry<String, Long> dependency : entry.classes().entrySet()) {
            if (!matches(owner.getClassLoader(), dependency.getKey(), dependency.getValue())) {
                log.debug("The prepared schema of {} is out of date ({} changed); making it anew",
                        what, dependency.getKey());
                return null;
            }
        }
        return (ObjectNode) entry.parameters().deepCopy();
    }

    private static String key(Method declaration, boolean strict) {
        return (strict ? "strict " : "lenient ") + declaration.toGenericString();
    }

    private static Map<String, Entry> read(Class<?> owner) {
        URL url = owner.getClassLoader().getResource(FOLDER + owner.getName() + ".json");
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            JsonNode root = Json.MAPPER.readTree(in);
            if (root.path("format").asInt() != FORMAT) {
                return null;
            }
            Map<String, Entry> entries = new TreeMap<>();
            for (JsonNode tool : root.path("tools")) {
                Map<String, Long> classes = new TreeMap<>();
                tool.path("classes").properties().forEach(e -> classes.put(e.getKey(), e.getValue().asLong()));
                if (!tool.path("key").isString() || !tool.path("parameters").isObject() || classes.isEmpty()) {
                    log.warn("Ignoring the prepared schemas in {}: an entry is incomplete", url);
                    return null;
                }
                entries.put(tool.get("key").asString(), new Entry(tool.get("parameters"), classes));
            }
            return entries;
        } catch (IOException | JacksonException | UncheckedIOException e) {
            log.warn("Ignoring the prepared schemas in {}: {}", url, e.toString());
            return null;
        }
    }

    private static boolean matches(ClassLoader loader, String name, long crc) {
        if (name.equals(GENERATOR_KEY)) {
            return generatorCrc() == crc;
        }
        return CHECKED.computeIfAbsent(name + "#" + crc + "@" + System.identityHashCode(loader),
                key -> crc(loader, name) == crc);
    }

    /** The name under which the generator's own classes are recorded. */
    static final String GENERATOR_KEY = "(agent4j schema generator)";

    private static long generatorCrc() {
        Long value = generatorCrc;
        if (value == null) {
            CRC32 crc = new CRC32();
            for (String name : GENERATOR) {
                crc.update(bytes(SchemaIndex.class.getClassLoader(), name));
            }
            value = crc.getValue();
            generatorCrc = value;
        }
        return value;
    }

    private static long crc(ClassLoader loader, String name) {
        byte[] bytes = bytes(loader, name);
        if (bytes.length == 0) {
            return -1;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static byte[] bytes(ClassLoader loader, String name) {
        ClassLoader from = loader == null ? ClassLoader.getSystemClassLoader() : loader;
        try (InputStream in = from.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /**
     * Writes the index of every class under {@code classes} (a compiled classes folder) that has
     * {@link Tool} methods, both modes of each tool; returns how many tools it holds. The classes
     * must be loadable by {@code loader}.
     */
    public static int write(Path classes, ClassLoader loader) throws IOException {
        int count = 0;
        List<String> names;
        try (var files = Files.walk(classes)) {
            names = files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> classes.relativize(file).toString())
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.')
                            .replace('\\', '.'))
                    .filter(name -> !name.equals("module-info") && !name.endsWith("package-info"))
                    .sorted().toList();
        }
        for (String name : names) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            List<Method> tools = Arrays.stream(type.getDeclaredMethods())
                    .filter(method -> method.isAnnotationPresent(Tool.class))
                    .sorted((a, b) -> a.toGenericString().compareTo(b.toGenericString())).toList();
            if (tools.isEmpty()) {
                continue;
            }
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("format", FORMAT);
            ArrayNode entries = root.putArray("tools");
            for (Method method : tools) {
                boolean indexed = false;
                for (boolean strict : new boolean[] {true, false}) {
                    ObjectNode entry = entry(method, strict);
                    if (entry != null) {
                        entries.add(entry);
                        indexed = true;
                    }
                }
                if (indexed) {
                    count++;
                }
            }
            if (entries.isEmpty()) {
                continue;
            }
            Path file = classes.resolve(FOLDER + type.getName() + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        }
        return count;
    }

    private static ObjectNode entry(Method method, boolean strict) {
        List<ToolParameter> parameters;
        ObjectNode schema;
        Set<Class<?>> used;
        try {
            parameters = Arrays.stream(method.getParameters()).map(p -> ToolParameter.of(method, p)).toList();
            ToolSchemas.Made made = ToolSchemas.parametersSchemaAndClasses(parameters, strict);
            schema = made.schema();
            used = made.classes();
        } catch (RuntimeException e) {
            log.warn("No prepared schema for {} ({} mode): {}", method, strict ? "strict" : "lenient", e.getMessage());
            return null;
        }
        Set<Class<?>> classes = new LinkedHashSet<>();
        classes.add(method.getDeclaringClass());
        for (Class<?> type : used) {
            addWithSupertypes(type, classes);
        }
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.put("key", key(method, strict));
        entry.set("parameters", schema);
        ObjectNode crcs = entry.putObject("classes");
        crcs.put(GENERATOR_KEY, generatorCrc());
        List<Class<?>> sorted = new ArrayList<>(classes);
        sorted.sort((a, b) -> a.getName().compareTo(b.getName()));
        for (Class<?> type : sorted) {
            if (type.getClassLoader() != null && !type.isPrimitive() && !type.isArray()) {
                crcs.put(type.getName(), crc(type.getClassLoader(), type.getName()));
            }
        }
        return entry;
    }

    private static void addWithSupertypes(Class<?> type, Set<Class<?>> classes) {
        while (type != null && type.isArray()) {
            type = type.getComponentType();
        }
        if (type == null || type.isPrimitive() || type.getClassLoader() == null || !classes.add(type)) {
            return;
        }
        addWithSupertypes(type.getSuperclass(), classes);
        for (Class<?> face : type.getInterfaces()) {
            addWithSupertypes(face, classes);
        }
        if (type.getEnclosingClass() != null) {
            addWithSupertypes(type.getEnclosingClass(), classes);
        }
    }
}
