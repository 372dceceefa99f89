package io.agent4j.tool.internal;

import com.networknt.schema.Error;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.agent4j.tool.Tool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks the model's arguments against a tool's schema (networknt json-schema-validator) before the
 * tool runs. For a {@link Tool} method, a property whose schema admits {@code null} may also be
 * left out, as a missing optional argument binds to {@code null} or {@code Optional.empty()}; a
 * schema given at run time is applied exactly as given. Nothing is ever fetched from the network:
 * a schema refers only to itself.
 */
final class ArgumentsValidator {

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    private static final int MAX_PROBLEMS = 10;

    private static final AtomicBoolean LOADING = new AtomicBoolean();

    private final Schema schema;

    /** The validator of a {@link Tool} method's schema, where a nullable property may be left out. */
    ArgumentsValidator(ObjectNode toolSchema) {
        this(toolSchema, true);
    }

    private ArgumentsValidator(ObjectNode toolSchema, boolean nullableMayBeLeftOut) {
        ObjectNode copy = toolSchema.deepCopy();
        if (!copy.has("$schema")) {
            copy.put("$schema", DRAFT_2020_12);
        }
        if (nullableMayBeLeftOut) {
            relaxNullableRequirements(copy);
        }
        this.schema = REGISTRY.getSchema(copy.toString());
    }

    /** The validator of a schema given at run time, applied exactly as given. */
    static ArgumentsValidator exact(ObjectNode schema) {
        return new ArgumentsValidator(schema, false);
    }

    /**
     * What makes {@code schema} no valid JSON schema, checked against the meta-schema of its
     * {@code $schema} (draft 2020-12 when it names none), each with its JSON path; empty when it is valid.
     */
    static List<String> schemaProblems(JsonNode schema) {
        String dialect = schema.path("$schema").asString(DRAFT_2020_12);
        Schema meta;
        try {
            meta = META_SCHEMAS.computeIfAbsent(dialect, uri -> REGISTRY.getSchema(SchemaLocation.of(uri)));
        } catch (RuntimeException e) {
            return List.of("$.$schema: " + dialect + " is no dialect known here (JSON schema draft 2020-12, "
                    + "2019-09, 7, 6 or 4), and nothing is fetched from the network");
        }
        return meta.validate(schema).stream().limit(MAX_PROBLEMS).map(ArgumentsValidator::describe).toList();
    }

    /** The meta-schemas by URI, each compiled once when a run-time schema of its dialect is first checked. */
    private static final Map<String, Schema> META_SCHEMAS = new ConcurrentHashMap<>();

    /**
     * Loads and initialises networknt once per JVM on the background thread, by compiling and using a
     * small schema of the usual shape, while the first tools' schemas are generated in the foreground.
     */
    static void loadInBackground() {
        if (LOADING.compareAndSet(false, true)) {
            Prepared.inBackground(() -> new ArgumentsValidator((ObjectNode) Json.MAPPER.readTree("""
                    {"type":"object","properties":{"s":{"type":"string","description":"d"},
                    "e":{"type":"string","enum":["A","B"]},"n":{"anyOf":[{"type":"integer"},{"type":"null"}]},
                    "a":{"type":"array","items":{"type":"number"}}},"required":["s","e","n","a"],
                    "additionalProperties":false}
                    """)).warmedUp());
        }
    }

    /** This validator, after one validation of an empty object, which loads what validating and reporting need. */
    ArgumentsValidator warmedUp() {
        problems(Json.MAPPER.createObjectNode());
        return this;
    }

    /** Each violation with the JSON path of the offending value; empty when the arguments are valid. */
    List<String> problems(JsonNode arguments) {
        // the answer alone stops at the first violation and collects no messages: the usual case, valid, costs less
        if (schema.validate(arguments, OutputFormat.BOOLEAN)) {
            return List.of();
        }
        List<Error> errors = schema.validate(arguments);
        if (errors.isEmpty()) {
            return List.of();
        }
        return errors.stream().limit(MAX_PROBLEMS).map(ArgumentsValidator::describe).toList();
    }

    private static String describe(Error error) {
        String message = error.getMessage();
        String pointer = error.getInstanceLocation().toString();
        if (!pointer.isEmpty() && message.startsWith(pointer)) {
            message = message.substring(pointer.length()).replaceFirst("^:\\s*", "");
        }
        return jsonPath(pointer) + ": " + message;
    }

    /** {@code /trip/legs/0/hours} as {@code $.trip.legs[0].hours}. */
    static String jsonPath(String pointer) {
        StringBuilder path = new StringBuilder("$");
        for (String token : pointer.split("/")) {
            if (token.isEmpty()) {
                continue;
            }
            String name = token.replace("~1", "/").replace("~0", "~");
            path.append(name.chars().allMatch(Character::isDigit) ? "[" + name + "]" : "." + name);
        }
        return path.toString();
    }

    private static void relaxNullableRequirements(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        JsonNode properties = object.path("properties");
        if (properties.isObject() && object.path("required").isArray()) {
            var required = object.withArray("required");
            for (int i = required.size() - 1; i >= 0; i--) {
                if (admitsNull(properties.path(required.get(i).asString("")))) {
                    required.remove(i);
                }
            }
        }
        Subschemas.forEach(object, ArgumentsValidator::relaxNullableRequirements);
    }

    private static boolean admitsNull(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isString() && type.stringValue().equals("null")) {
            return true;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (t.asString("").equals("null")) {
                    return true;
                }
            }
        }
        for (JsonNode option : schema.path("anyOf")) {
            if (admitsNull(option)) {
                return true;
            }
        }
        return false;
    }
}
