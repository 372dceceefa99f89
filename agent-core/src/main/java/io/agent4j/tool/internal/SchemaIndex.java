package io.agent4j.tool.internal;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.agent4j.tool.Tool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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
 * Parameter and answer schemas made at build time, so that a fresh JVM need not load victools to
 * make them (about 150 ms). A class's index is {@code META-INF/agent4j/schemas/<class name>.json}
 * beside it: for each tool method and mode ({@code tools}), and for the class itself as the type of
 * an answer in each mode ({@code answers}), the schema, and the CRC-32 of every class the schema
 * was made from, its own and agent4j's generator classes included. An entry is used only when all
 * of these classes are byte for byte the ones it was made from; otherwise, and for any index that
 * does not read, the schema is made as usual. Nothing here ever fails a registration.
 *
 * <p>The answer types indexed are the records, enums and sealed types of the folder, and the types
 * annotated with {@code @JsonTypeInfo}, that have a schema: an answer type is named only by a class
 * literal in the code that runs the agent, which cannot be seen from here, and these are what
 * answers are made of. Any other type is made at run time, as before.
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

    /**
     * What {@link #write} wrote.
     *
     * @param tools how many tool methods have their schemas in the index
     * @param answers how many classes have their schemas as answer types in the index
     */
    public record Written(int tools, int answers) {
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
     * The schema of answers of {@code type} (wrapped as the property {@code value}, as
     * {@link ToolSchemas#parametersSchema} makes it for {@link ToolParameter#answer}) from the index
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
            if (!read(root.path("tools"), "parameters", entries) || !read(root.path("answers"), "schema", entries)) {
                log.warn("Ignoring the prepared schemas in {}: an entry is incomplete", url);
                return null;
            }
            return entries;
        } catch (IOException | JacksonException | UncheckedIOException e) {
            log.warn("Ignoring the prepared schemas in {}: {}", url, e.toString());
            return null;
        }
    }

    /** Adds the entries of one array of an index, each with its schema under {@code field}; false when one is incomplete. */
    private static boolean read(JsonNode array, String field, Map<String, Entry> entries) {
        for (JsonNode entry : array) {
            Map<String, Long> classes = new TreeMap<>();
            entry.path("classes").properties().forEach(e -> classes.put(e.getKey(), e.getValue().asLong()));
            if (!entry.path("key").isString() || !entry.path(field).isObject() || classes.isEmpty()) {
                return false;
            }
            entries.put(entry.get("key").asString(), new Entry(entry.get(field), classes));
        }
        return true;
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
     * {@link Tool} methods, both modes of each tool, or that may be the type of an answer (a record,
     * an enum, a sealed type, a type with {@code @JsonTypeInfo}), both modes of it; a type that can
     * have no schema is left out. The classes must be loadable by {@code loader}.
     */
    public static Written write(Path classes, ClassLoader loader) throws IOException {
        int tools = 0;
        int answers = 0;
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
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("format", FORMAT);
            ArrayNode toolEntries = Json.MAPPER.createArrayNode();
            for (Method method : toolMethods(type)) {
                boolean indexed = false;
                for (boolean strict : new boolean[] {true, false}) {
                    ObjectNode entry = entry(method, strict);
                    if (entry != null) {
                        toolEntries.add(entry);
                        indexed = true;
                    }
                }
                if (indexed) {
                    tools++;
                }
            }
            ArrayNode answerEntries = Json.MAPPER.createArrayNode();
            if (mayBeAnswer(type)) {
                for (boolean strict : new boolean[] {true, false}) {
                    ObjectNode entry = answerEntry(type, strict);
                    if (entry != null) {
                        answerEntries.add(entry);
                    }
                }
                if (!answerEntries.isEmpty()) {
                    answers++;
                }
            }
            if (toolEntries.isEmpty() && answerEntries.isEmpty()) {
                continue;
            }
            if (!toolEntries.isEmpty()) {
                root.set("tools", toolEntries);
            }
            if (!answerEntries.isEmpty()) {
                root.set("answers", answerEntries);
            }
            Path file = classes.resolve(FOLDER + type.getName() + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        }
        return new Written(tools, answers);
    }

    private static List<Method> toolMethods(Class<?> type) {
        try {
            return Arrays.stream(type.getDeclaredMethods()).filter(method -> method.isAnnotationPresent(Tool.class))
                    .sorted((a, b) -> a.toGenericString().compareTo(b.toGenericString())).toList();
        } catch (LinkageError e) {
            return List.of();
        }
    }

    /**
     * Whether {@code type} is of the kinds answers are made of: a record, an enum, a sealed type, or
     * a type with {@code @JsonTypeInfo}; neither generic, nor local, nor an inner class.
     */
    static boolean mayBeAnswer(Class<?> type) {
        try {
            if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic() || type.isAnnotation()
                    || type.getTypeParameters().length > 0
                    || type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
                return false;
            }
            return type.isRecord() || type.isEnum() || type.isSealed() || type.isAnnotationPresent(JsonTypeInfo.class);
        } catch (LinkageError e) {
            return false;
        }
    }

    private static ObjectNode answerEntry(Class<?> type, boolean strict) {
        ToolSchemas.Made made;
        try {
            made = ToolSchemas.parametersSchemaAndClasses(List.of(ToolParameter.answer(type)), strict);
        } catch (RuntimeException | LinkageError e) {
            log.debug("No prepared answer schema for {} ({} mode): {}", type.getName(), strict ? "strict" : "lenient",
                    e.toString());
            return null;
        }
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.put("key", answerKey(type, strict));
        entry.set("schema", made.schema());
        entry.set("classes", crcs(type, made.classes()));
        return entry;
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
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.put("key", key(method, strict));
        entry.set("parameters", schema);
        entry.set("classes", crcs(method.getDeclaringClass(), used));
        return entry;
    }

    /**
     * The CRC-32 of the generator and of every class a schema was made from: {@code owner}, the
     * classes the generator described, and their supertypes and enclosing classes.
     */
    private static ObjectNode crcs(Class<?> owner, Set<Class<?>> used) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        classes.add(owner);
        for (Class<?> type : used) {
            addWithSupertypes(type, classes);
        }
        ObjectNode crcs = Json.MAPPER.createObjectNode();
        crcs.put(GENERATOR_KEY, generatorCrc());
        List<Class<?>> sorted = new ArrayList<>(classes);
        sorted.sort((a, b) -> a.getName().compareTo(b.getName()));
        for (Class<?> type : sorted) {
            if (type.getClassLoader() != null && !type.isPrimitive() && !type.isArray()) {
                crcs.put(type.getName(), crc(type.getClassLoader(), type.getName()));
            }
        }
        return crcs;
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
