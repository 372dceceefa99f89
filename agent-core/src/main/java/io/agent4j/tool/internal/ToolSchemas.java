package io.agent4j.tool.internal;

import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import io.agent4j.errors.ToolRegistrationException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the parameters of a tool method into one JSON schema object, with victools generating the
 * schema of each parameter type. In strict mode every object is closed with
 * {@code additionalProperties: false} and lists all its properties as required, an optional value
 * is a union with {@code null}, and keywords strict mode rejects move into descriptions.
 */
public final class ToolSchemas {

    private ToolSchemas() {
    }

    /** How many schemas were made with victools in this JVM, for tests of {@link SchemaIndex}. */
    static final AtomicLong GENERATIONS = new AtomicLong();

    /** While set on a thread, collects every class the generator is asked to describe. */
    private static final ThreadLocal<Set<Class<?>>> VISITED = new ThreadLocal<>();

    /** A schema and the classes it was made from. */
    record Made(ObjectNode schema, Set<Class<?>> classes) {
    }

    /** Notes a class the generator describes, when the classes are being collected. */
    static void visited(Class<?> type) {
        Set<Class<?>> visited = VISITED.get();
        if (visited != null) {
            visited.add(type);
        }
    }

    /** {@link #parametersSchema}, with the classes the generator described on the way. */
    static Made parametersSchemaAndClasses(List<ToolParameter> parameters, boolean strict) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        VISITED.set(classes);
        try {
            return new Made(make(parameters, strict, classes), classes);
        } finally {
            VISITED.remove();
        }
    }

    /** The schema of the arguments object of a tool with these parameters. */
    public static ObjectNode parametersSchema(List<ToolParameter> parameters, boolean strict) {
        return parametersSchemaAndClasses(parameters, strict).schema();
    }

    private static ObjectNode make(List<ToolParameter> parameters, boolean strict, Set<Class<?>> classes) {
        GENERATIONS.incrementAndGet();
        SchemaGenerator generator = SchemaGenerators.of(strict);
        Map<String, String> discriminators = new HashMap<>();
        for (ToolParameter parameter : parameters) {
            if (!parameter.isContext()) {
                try {
                    generator.generateSchema(parameter.schemaType());
                    discriminators.putAll(DiscriminatorNames.renames(classes));
                } catch (ToolRegistrationException e) {
                    throw new ToolRegistrationException("parameter '" + parameter.name() + "': " + e.getMessage(), e);
                }
            }
        }
        SchemaBuilder builder = generator.buildMultipleSchemaDefinitions();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("type", "object");
        ObjectNode properties = root.putObject("properties");
        ArrayNode required = root.putArray("required");
        for (ToolParameter parameter : parameters) {
            if (parameter.isContext()) {
                continue;
            }
            properties.set(parameter.name(), builder.createSchemaReference(parameter.schemaType()));
            if (strict || !parameter.nullable()) {
                required.add(parameter.name());
            }
        }
        root.put("additionalProperties", false);
        ObjectNode definitions = builder.collectDefinitions("$defs");
        for (ToolParameter parameter : parameters) {
            if (parameter.isContext()) {
                continue;
            }
            ObjectNode property = (ObjectNode) properties.get(parameter.name());
            requireSchema(property, definitions, parameter);
            if (parameter.nullable() && strict) {
                properties.set(parameter.name(), nullable(property));
                property = (ObjectNode) properties.get(parameter.name());
            }
            if (parameter.description() != null) {
                property.put("description", parameter.description());
            }
        }
        if (!definitions.isEmpty()) {
            root.set("$defs", definitions);
        }
        removeBaseTypeBesideSubtypes(root);
        DiscriminatorNames.rename(root, discriminators);
        if (strict) {
            StrictMode.moveUnsupportedKeywords(root);
        }
        return root;
    }

    private static void requireSchema(JsonNode schema, ObjectNode definitions, ToolParameter parameter) {
        if (schema instanceof ObjectNode object && !object.has("type") && !object.has("$ref")
                && !object.has("anyOf") && !object.has("enum") && !object.has("const") && !object.has("oneOf")) {
            throw new ToolRegistrationException("parameter '" + parameter.name() + "' of type "
                    + parameter.type().getTypeName() + " has no schema (any value would do); use a concrete type");
        }
    }

    /**
     * A sealed type with {@code @JsonTypeInfo} comes out as the {@code anyOf} of its subtypes plus an
     * object for the base type itself, which no value can be; keep the {@code anyOf}.
     */
    private static void removeBaseTypeBesideSubtypes(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        if (object.has("anyOf") && object.has("properties")) {
            object.remove(List.of("type", "properties", "required", "additionalProperties"));
        }
        Subschemas.forEach(object, ToolSchemas::removeBaseTypeBesideSubtypes);
    }

    private static ObjectNode nullable(ObjectNode schema) {
        ObjectNode union = Json.MAPPER.createObjectNode();
        ArrayNode anyOf = union.putArray("anyOf");
        anyOf.add(schema);
        anyOf.addObject().put("type", "null");
        return union;
    }
}
