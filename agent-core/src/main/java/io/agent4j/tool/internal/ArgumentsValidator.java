package io.agent4j.tool.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks the model's arguments against a tool's schema (networknt json-schema-validator) before the
 * tool runs. A property whose schema admits {@code null} may also be left out, as a missing
 * optional argument binds to {@code null} or {@code Optional.empty()}.
 */
final class ArgumentsValidator {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final int MAX_PROBLEMS = 10;

    private static final AtomicBoolean LOADING = new AtomicBoolean();

    private final Schema schema;

    ArgumentsValidator(ObjectNode toolSchema) {
        ObjectNode copy = toolSchema.deepCopy();
        copy.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        relaxNullableRequirements(copy);
        this.schema = REGISTRY.getSchema(copy.toString());
    }

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
