package io.agent4j.tool.internal;

import io.agent4j.errors.ToolRegistrationException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema of a typed answer and what checks an answer against it: parse, validate (networknt),
 * bind (Jackson). Made by the tool parameters' pipeline, so an answer may be of any type a
 * parameter may be. The answers API requires an object at the root, so a type whose schema is no
 * object with properties (a list, an enum, a string, a sealed hierarchy, an {@code Optional}) is
 * wrapped as the property {@code value} of one, and unwrapped before binding. A recursive record,
 * which the generator makes a reference to its definition, is the root object too.
 */
public final class AnswerSchema {

    /** Per type and mode; by raw class first, so that an application's class loader is not kept alive here. */
    private static final ClassValue<Map<String, AnswerSchema>> CACHE = new ClassValue<>() {
        @Override
        protected Map<String, AnswerSchema> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private static final String WRAPPER = ToolParameter.ANSWER;
    private static final java.util.Set<Class<?>> UNBINDABLE_JDK_TYPES = java.util.Set.of(Runnable.class,
            java.util.concurrent.Callable.class, AutoCloseable.class, java.io.Closeable.class, java.io.InputStream.class,
            java.io.OutputStream.class, java.io.Reader.class, java.io.Writer.class);
    /**
     * Reads one JSON value, leaving what follows it to be checked, so that text after it is told
     * apart; a property given twice is an error rather than the last value taken.
     */
    private static final ObjectReader PARSER = Json.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private final String name;
    private final ObjectNode schema;
    private final boolean strict;
    private final boolean wrapped;
    /** The reader of the bound type; null for a schema given at run time, whose answers stay JSON. */
    private final ObjectReader reader;
    private final Object absent;
    private final Prepared<ArgumentsValidator> validator;

    private AnswerSchema(String name, ObjectNode schema, boolean strict, boolean wrapped, JavaType type,
            boolean exact) {
        this.name = name;
        this.schema = schema;
        this.strict = strict;
        this.wrapped = wrapped;
        this.reader = type == null ? null : Json.MAPPER.readerFor(type);
        this.absent = type != null && type.getRawClass() == Optional.class ? Optional.empty() : null;
        ObjectNode checked = schema.deepCopy();
        this.validator = Prepared.inBackground(() -> (exact ? ArgumentsValidator.exact(checked)
                : new ArgumentsValidator(checked)).warmedUp());
    }

    /**
     * The schema of answers of {@code type} in the given mode, made once per type and mode.
     *
     * @throws ToolRegistrationException saying why the type can have no schema
     */
    public static AnswerSchema of(Type type, boolean strict) {
        Class<?> raw = Json.MAPPER.constructType(type).getRawClass();
        return CACHE.get(raw).computeIfAbsent((strict ? "strict " : "lenient ") + type.getTypeName(),
                key -> make(type, strict));
    }

    /**
     * Answers that must match a JSON schema given at run time, applied exactly as given; the
     * value of such an answer is the JSON itself.
     *
     * @throws IllegalArgumentException listing what makes {@code schema} no valid JSON schema, or
     *     when its root is no object schema
     */
    public static AnswerSchema exact(String name, ObjectNode schema, boolean strict) {
        List<String> problems = ArgumentsValidator.schemaProblems(schema);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the answer schema is not a valid JSON schema: "
                    + String.join("; ", problems));
        }
        if (!"object".equals(schema.path("type").asString(""))) {
            throw new IllegalArgumentException("the answer schema must describe an object at its root "
                    + "(\"type\": \"object\"), as the model's structured answers are objects; wrap any other "
                    + "value in a property");
        }
        if (strict && StrictMode.refusal(schema) != null) {
            strict = false;
        }
        return new AnswerSchema(name, schema.deepCopy(), strict, false, null, true);
    }

    private static AnswerSchema make(Type type, boolean strict) {
        ToolParameter parameter = ToolParameter.answer(type);
        JavaType javaType = parameter.javaType();
        refuseUnbindable(type, javaType.getRawClass());
        ObjectNode wrapper;
        try {
            wrapper = SchemaIndex.lookupAnswer(type, strict);
            if (wrapper == null) {
                wrapper = ToolSchemas.parametersSchema(List.of(parameter), strict);
            }
        } catch (ToolRegistrationException e) {
            throw new ToolRegistrationException("Cannot use " + type.getTypeName() + " as the type of an answer: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ToolRegistrationException("Cannot generate a JSON schema for answers of type "
                    + type.getTypeName() + ": " + e.getMessage(), e);
        }
        String name = name(type);
        ObjectNode value = object(wrapper, (ObjectNode) wrapper.path("properties").path(WRAPPER));
        if (!parameter.nullable() && value != null) {
            ObjectNode root = value.deepCopy();
            if (wrapper.has("$defs")) {
                root.set("$defs", wrapper.get("$defs"));
            }
            return new AnswerSchema(name, root, strict, false, javaType, false);
        }
        return new AnswerSchema(name, wrapper, strict, true, javaType, false);
    }

    /**
     * The schema of an object with properties that {@code value} is, directly or as the reference
     * to a definition (the generator makes a recursive record one); null when it is none.
     */
    private static ObjectNode object(ObjectNode wrapper, ObjectNode value) {
        String reference = value.path("$ref").asString("");
        if (reference.startsWith("#/$defs/") && value.size() == 1) {
            value = wrapper.path("$defs").path(reference.substring("#/$defs/".length())) instanceof ObjectNode definition
                    ? definition : value;
        }
        return "object".equals(value.path("type").asString("")) && value.path("properties").isObject() ? value : null;
    }

    /**
     * Refuses an interface or abstract class that Jackson could not make a value of (a
     * {@code Runnable}, an {@code InputStream}): its schema would describe nothing the answer could
     * bind to. Collections, maps, numbers and types that name their subtypes (sealed, or with
     * {@code @JsonTypeInfo}) are fine.
     */
    private static void refuseUnbindable(Type type, Class<?> raw) {
        boolean abstractType = raw.isInterface() || java.lang.reflect.Modifier.isAbstract(raw.getModifiers());
        // the JDK's abstract types Jackson reads itself (ZoneId, Number, Path ...) are fine; these few are not
        boolean jdk = raw.getClassLoader() == null && !UNBINDABLE_JDK_TYPES.contains(raw);
        if (!abstractType || jdk || raw.isPrimitive() || raw.isArray() || raw.isSealed()
                || Iterable.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)
                || raw.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonTypeInfo.class)
                || raw.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonSubTypes.class)) {
            return;
        }
        throw new ToolRegistrationException("Cannot use " + type.getTypeName() + " as the type of an answer: it is "
                + (raw.isInterface() ? "an interface" : "an abstract class") + " no answer can be made of; use a "
                + "record or another concrete type, or a sealed type (or one with @JsonTypeInfo) naming its subtypes");
    }

    /** {@code Invoice}, {@code List_Item}: the type's simple names, as the API's schema name allows. */
    private static String name(Type type) {
        String name = simpleName(type).replaceAll("[^a-zA-Z0-9_-]", "_");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private static String simpleName(Type type) {
        if (type instanceof Class<?> c) {
            return c.getSimpleName().isEmpty() ? "answer" : c.getSimpleName();
        }
        if (type instanceof ParameterizedType p) {
            StringBuilder name = new StringBuilder(simpleName(p.getRawType()));
            for (Type argument : p.getActualTypeArguments()) {
                name.append('_').append(simpleName(argument));
            }
            return name.toString();
        }
        return "answer";
    }

    /** The name sent with the schema. */
    public String name() {
        return name;
    }

    /** The schema sent to the model, as a fresh copy. */
    public ObjectNode schema() {
        return schema.deepCopy();
    }

    /** Whether the schema meets strict mode's rules and is sent as strict. */
    public boolean strict() {
        return strict;
    }

    /** Whether the answer is the property {@code value} of the object the model writes. */
    public boolean wrapped() {
        return wrapped;
    }

    /**
     * An answer checked: its value when it parsed, validated and bound, else the problems, each
     * with the JSON path of what is wrong, worded for the model.
     *
     * @param value the bound value (the JSON itself for a schema given at run time); null when
     *     there are problems, or when the answer is an empty {@code Optional} or {@code null}
     * @param json the answer's JSON, unwrapped; null when it did not parse
     * @param problems empty when the answer is good
     */
    public record Checked(Object value, JsonNode json, List<String> problems) {

        /** Whether the answer may be trusted. */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Parses, validates and binds the model's answer. */
    public Checked check(String text) {
        String body = withoutCodeFence(text == null ? "" : text.strip());
        if (body.isEmpty()) {
            return problem("$: the answer is empty; answer with one JSON object that matches the schema");
        }
        JsonNode node;
        try (JsonParser parser = PARSER.createParser(body)) {
            try {
                node = PARSER.readTree(parser);
            } catch (JacksonException e) {
                return problem(where(e) + ": the answer is not valid JSON (" + e.getOriginalMessage() + "); answer "
                        + "with one JSON object that matches the schema, and nothing else");
            }
            if (!nothingFollows(parser)) {
                return problem("$: the answer goes on after its JSON object; answer with the JSON object alone, "
                        + "nothing before or after it");
            }
        }
        if (!node.isObject()) {
            return problem("$: the answer must be one JSON object, not " + node.getNodeType().name().toLowerCase());
        }
        List<String> problems = validator.get().problems(node);
        if (!problems.isEmpty()) {
            return new Checked(null, null, problems);
        }
        JsonNode json = !wrapped ? node : node.has(WRAPPER) ? node.get(WRAPPER)
                : Json.MAPPER.getNodeFactory().nullNode();
        if (reader == null) {
            return new Checked(json, json, List.of());
        }
        if (json.isNull()) {
            if (absent == null && wrapped) {
                return new Checked(null, json, List.of("$.value: a value is required"));
            }
            return new Checked(absent, json, List.of());
        }
        try {
            return new Checked(reader.readValue(json), json, List.of());
        } catch (DatabindException e) {
            return new Checked(null, json, List.of(path(e) + ": " + e.getOriginalMessage()));
        } catch (JacksonException e) {
            return new Checked(null, json, List.of("$: " + e.getOriginalMessage()));
        }
    }

    /** The JSON path of what the parser was reading when it failed. */
    private static String where(JacksonException e) {
        if (e instanceof StreamReadException read && read.processor() != null) {
            return ArgumentsValidator.jsonPath(read.processor().streamReadContext().pathAsPointer().toString());
        }
        return "$";
    }

    /** Whether nothing but white space follows the value the parser read. */
    private static boolean nothingFollows(JsonParser parser) {
        try {
            return parser.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        }
    }

    private static Checked problem(String problem) {
        return new Checked(null, null, List.of(problem));
    }

    /** {@code $.items[0].date} from Jackson's path of references. */
    private String path(DatabindException e) {
        StringBuilder path = new StringBuilder("$");
        if (wrapped) {
            path.append('.').append(WRAPPER);
        }
        List<String> parts = new ArrayList<>();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                parts.add("." + reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                parts.add("[" + reference.getIndex() + "]");
            }
        }
        parts.forEach(path::append);
        return path.toString();
    }

    /** The JSON inside a Markdown code fence, as models without a schema to follow often write it. */
    private static String withoutCodeFence(String text) {
        if (!text.startsWith("```") || !text.endsWith("```") || text.length() < 6) {
            return text;
        }
        int firstLine = text.indexOf('\n');
        if (firstLine < 0) {
            return text;
        }
        return text.substring(firstLine + 1, text.length() - 3).strip();
    }
}
