package io.agent4j.tool.internal;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.generator.SubtypeResolver;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import io.agent4j.errors.ToolRegistrationException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two victools generators: strict (OpenAI's strict mode: closed objects, every property
 * required, maps as arrays of entries) and lenient (optional properties left out of
 * {@code required}, maps as open objects). Both describe enums by the names Jackson writes, and
 * strings by the formats Jackson reads.
 */
final class SchemaGenerators {

    /** Holders, so that an application that only uses one mode never builds the other. */
    private static final class Strict {
        static final SchemaGenerator GENERATOR = create(true);
    }

    private static final class Lenient {
        static final SchemaGenerator GENERATOR = create(false);
    }

    static SchemaGenerator of(boolean strict) {
        return strict ? Strict.GENERATOR : Lenient.GENERATOR;
    }

    private SchemaGenerators() {
    }

    private static SchemaGenerator create(boolean strict) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                Json.MAPPER, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonSchemaModule(JacksonOption.RESPECT_JSONPROPERTY_ORDER))
                .with(Option.FLATTENED_OPTIONALS, Option.STANDARD_FORMATS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        if (strict) {
            config.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
        }
        config.forTypesInGeneral()
                .withPropertySorter((a, b) -> 0)
                .withCustomDefinitionProvider(new SpecialTypes(strict))
                .withSubtypeResolver(new SealedSubtypes());
        config.forFields()
                .withRequiredCheck(field -> strict || !ToolParameter.isNullable(field.getRawMember().getAnnotations(),
                        field.getType().getErasedType()))
                .withNullableCheck(field -> ToolParameter.isNullable(field.getRawMember().getAnnotations(),
                        field.getType().getErasedType()))
                .withDefaultResolver(field -> {
                    JsonProperty property = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
                    return property == null || property.defaultValue().isEmpty() ? null : property.defaultValue();
                });
        return new SchemaGenerator(config.build());
    }

    /** Enums, maps, characters and a few java.time types whose default schema says too little. */
    private static final class SpecialTypes implements CustomDefinitionProviderV2 {

        private final boolean strict;

        SpecialTypes(boolean strict) {
            this.strict = strict;
        }

        @Override
        public CustomDefinition provideCustomSchemaDefinition(ResolvedType type, SchemaGenerationContext context) {
            Class<?> raw = type.getErasedType();
            ToolSchemas.visited(raw);
            ObjectNode node = Json.MAPPER.createObjectNode();
            if (raw.isEnum()) {
                return enumDefinition(raw, node);
            }
            if (Map.class.isAssignableFrom(raw)) {
                return mapDefinition(type, context, node);
            }
            if (raw == char.class || raw == Character.class) {
                node.put("type", "string").put("minLength", 1).put("maxLength", 1);
            } else if (raw == LocalDateTime.class) {
                node.put("type", "string").put("description",
                        "ISO-8601 local date and time without offset, e.g. 2025-03-14T09:30:00");
            } else if (raw == LocalTime.class) {
                node.put("type", "string").put("format", "time");
            } else if (ZoneId.class.isAssignableFrom(raw)) {
                node.put("type", "string").put("description", "IANA time-zone ID, e.g. Europe/Paris or UTC");
            } else if (raw == Object.class) {
                throw new ToolRegistrationException("a value of type Object has no schema; use a concrete "
                        + "type (a record, String, a Map<String, V> ...)");
            } else {
                return null;
            }
            return new CustomDefinition(node, CustomDefinition.INLINE_DEFINITION, CustomDefinition.INCLUDING_ATTRIBUTES);
        }

        private static CustomDefinition enumDefinition(Class<?> raw, ObjectNode node) {
            ArrayNode values = Json.MAPPER.createArrayNode();
            String type = "string";
            for (Object constant : raw.getEnumConstants()) {
                JsonNode value = Json.MAPPER.valueToTree(constant);
                values.add(value);
                if (value.isIntegralNumber()) {
                    type = "integer";
                }
            }
            node.put("type", type);
            node.set("enum", values);
            return new CustomDefinition(node);
        }

        private CustomDefinition mapDefinition(ResolvedType type, SchemaGenerationContext context, ObjectNode node) {
            List<ResolvedType> parameters = type.typeParametersFor(Map.class);
            ResolvedType key = parameters == null || parameters.isEmpty() ? null : parameters.get(0);
            ResolvedType value = parameters == null || parameters.size() < 2 ? null : parameters.get(1);
            if (key == null || value == null || value.getErasedType() == Object.class) {
                throw new ToolRegistrationException("a raw Map or Map<K, Object> has no schema; declare the "
                        + "value type, e.g. Map<String, Integer>");
            }
            Class<?> keyType = key.getErasedType();
            if (keyType != String.class && !keyType.isEnum()) {
                throw new ToolRegistrationException("a Map with " + keyType.getSimpleName() + " keys cannot be "
                        + "sent as JSON; use String or enum keys");
            }
            if (!strict) {
                node.put("type", "object");
                node.set("additionalProperties", context.createDefinitionReference(value));
                return new CustomDefinition(node, CustomDefinition.INLINE_DEFINITION, CustomDefinition.INCLUDING_ATTRIBUTES);
            }
            node.put("type", "array");
            node.put("description", "Entries of a map, one object per key");
            ObjectNode entry = node.putObject("items");
            entry.put("type", "object");
            ObjectNode properties = entry.putObject("properties");
            properties.set("key", context.createDefinitionReference(key));
            properties.set("value", context.createDefinitionReference(value));
            entry.putArray("required").add("key").add("value");
            entry.put("additionalProperties", false);
            return new CustomDefinition(node, CustomDefinition.INLINE_DEFINITION, CustomDefinition.INCLUDING_ATTRIBUTES);
        }
    }

    /**
     * Whether a type is the JDK's, such as {@code java.time.ZoneId} (sealed since Java 25): Jackson writes
     * those as values, never as one of their subclasses.
     */
    static boolean ofTheJdk(Class<?> type) {
        Module module = type.getModule();
        return module.isNamed() && (module.getName().startsWith("java.") || module.getName().startsWith("jdk."));
    }

    /** The permitted subclasses of a sealed type, which Jackson 3 also accepts as subtypes. */
    private static final class SealedSubtypes implements SubtypeResolver {

        @Override
        public List<ResolvedType> findSubtypes(ResolvedType declaredType, SchemaGenerationContext context) {
            Class<?> raw = declaredType.getErasedType();
            if (!raw.isSealed() || raw.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class) != null
                    || ofTheJdk(raw)) {
                return null;
            }
            if (raw.getAnnotation(com.fasterxml.jackson.annotation.JsonTypeInfo.class) == null) {
                throw new ToolRegistrationException("sealed type " + raw.getName() + " needs "
                        + "@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = \"type\") so the model can say "
                        + "which of " + Arrays.stream(raw.getPermittedSubclasses()).map(Class::getSimpleName).toList()
                        + " it means");
            }
            List<ResolvedType> subtypes = new ArrayList<>();
            for (Class<?> subclass : raw.getPermittedSubclasses()) {
                subtypes.add(context.getTypeContext().resolveSubtype(declaredType, subclass));
            }
            return subtypes;
        }
    }
}
