package io.agent4j.tool.internal;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the parameters of a tool method into one JSON schema object, with victools generating the
 * schema of each parameter type. Schemas follow OpenAI's strict-mode shape: every object closes
 * with {@code additionalProperties: false} and lists all its properties as required; an optional
 * value is a union with {@code null}.
 */
public final class ToolSchemas {

    private static final SchemaGenerator GENERATOR = createGenerator();

    private ToolSchemas() {
    }

    private static SchemaGenerator createGenerator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                Json.MAPPER, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonSchemaModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE,
                        JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY,
                        JacksonOption.RESPECT_JSONPROPERTY_ORDER))
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.FLATTENED_ENUMS,
                        Option.FLATTENED_OPTIONALS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forTypesInGeneral().withPropertySorter((a, b) -> 0);
        config.forFields().withRequiredCheck(field -> true);
        config.forFields().withNullableCheck(field -> field.getType().isInstanceOf(Optional.class)
                || ToolParameter.hasNullableAnnotation(field.getRawMember().getAnnotations()));
        return new SchemaGenerator(config.build());
    }

    /** The schema of the arguments object of a tool with these parameters. */
    public static ObjectNode parametersSchema(List<ToolParameter> parameters) {
        SchemaBuilder builder = GENERATOR.buildMultipleSchemaDefinitions();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("type", "object");
        ObjectNode properties = root.putObject("properties");
        ArrayNode required = root.putArray("required");
        for (ToolParameter parameter : parameters) {
            properties.set(parameter.name(), builder.createSchemaReference(parameter.schemaType()));
            required.add(parameter.name());
        }
        root.put("additionalProperties", false);
        ObjectNode definitions = builder.collectDefinitions("$defs");
        for (ToolParameter parameter : parameters) {
            ObjectNode property = (ObjectNode) properties.get(parameter.name());
            if (parameter.nullable()) {
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
        return root;
    }

    private static ObjectNode nullable(ObjectNode schema) {
        ObjectNode union = Json.MAPPER.createObjectNode();
        ArrayNode anyOf = union.putArray("anyOf");
        anyOf.add(schema);
        anyOf.addObject().put("type", "null");
        return union;
    }
}
