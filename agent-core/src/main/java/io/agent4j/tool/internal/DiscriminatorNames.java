package io.agent4j.tool.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.agent4j.errors.ToolRegistrationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The names by which the model tells the subtypes of a {@code @JsonTypeInfo(use = NAME)} type
 * apart: the name {@code @JsonSubTypes} or {@code @JsonTypeName} gives, else the class's simple
 * name ({@code Circle}), not Jackson's default ({@code Shapes$Circle}). {@link SimpleTypeNames}
 * binds by the same names; this rewrites the values victools writes into a schema, and refuses
 * two subtypes of one type with one name.
 */
final class DiscriminatorNames {

    private DiscriminatorNames() {
    }

    /**
     * Jackson's default name to agent4j's, for every subtype of the polymorphic types among
     * {@code classes} that has no name of its own.
     *
     * @throws ToolRegistrationException when two subtypes of one type would have the same name
     */
    static Map<String, String> renames(Collection<Class<?>> classes) {
        Map<String, String> renames = new HashMap<>();
        for (Class<?> base : classes) {
            JsonTypeInfo info = base.getAnnotation(JsonTypeInfo.class);
            if (info == null || !describable(base, info)) {
                continue;
            }
            Map<String, Class<?>> byName = new LinkedHashMap<>();
            for (Class<?> subtype : subtypes(base)) {
                String given = givenName(base, subtype);
                String name = given != null ? given : subtype.getSimpleName();
                Class<?> other = byName.putIfAbsent(name, subtype);
                if (other != null && other != subtype) {
                    throw new ToolRegistrationException("the subtypes " + other.getName() + " and " + subtype.getName()
                            + " of " + base.getName() + " are both named '" + name + "' for the model; give one of "
                            + "them another name with @JsonTypeName");
                }
                if (given == null && !name.equals(jacksonDefault(subtype))) {
                    renames.put(jacksonDefault(subtype), name);
                }
            }
        }
        return renames;
    }

    /**
     * Whether the schema tells the model how to name a subtype: with {@code use = NAME} and
     * {@code include = PROPERTY}, a required {@code const} property; {@code DEDUCTION} and
     * {@code NONE} name no subtype.
     *
     * @throws ToolRegistrationException for the other kinds, which no schema made here describes
     */
    private static boolean describable(Class<?> base, JsonTypeInfo info) {
        String problem = null;
        switch (info.use()) {
            case NAME -> {
                if (info.include() != JsonTypeInfo.As.PROPERTY) {
                    problem = "include = " + info.include();
                }
            }
            case DEDUCTION, NONE -> {
                return false;
            }
            default -> problem = "use = " + info.use();
        }
        if (problem != null) {
            throw new ToolRegistrationException("@JsonTypeInfo on " + base.getName() + " has " + problem
                    + ", which the tool's schema cannot tell the model; use @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, "
                    + "property = \"type\") (include = PROPERTY is the default): the model then names a subtype by "
                    + "its simple name or @JsonTypeName");
        }
        return true;
    }

    /** Replaces, in place, every {@code const} and {@code enum} value of {@code schema} that {@code renames} maps. */
    static void rename(JsonNode schema, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return;
        }
        if (schema instanceof ObjectNode object) {
            JsonNode constant = object.get("const");
            if (constant != null && constant.isString() && renames.containsKey(constant.stringValue())) {
                object.put("const", renames.get(constant.stringValue()));
            }
            if (object.get("enum") instanceof ArrayNode values) {
                for (int i = 0; i < values.size(); i++) {
                    String value = values.get(i).asString(null);
                    if (value != null && renames.containsKey(value)) {
                        values.set(i, values.stringNode(renames.get(value)));
                    }
                }
            }
        }
        for (JsonNode child : schema) {
            rename(child, renames);
        }
    }

    private static List<Class<?>> subtypes(Class<?> base) {
        List<Class<?>> subtypes = new ArrayList<>();
        JsonSubTypes declared = base.getAnnotation(JsonSubTypes.class);
        if (declared != null) {
            for (JsonSubTypes.Type type : declared.value()) {
                subtypes.add(type.value());
            }
        } else if (base.isSealed()) {
            subtypes.addAll(List.of(base.getPermittedSubclasses()));
        }
        return subtypes;
    }

    /** The name {@code @JsonSubTypes} on the base or {@code @JsonTypeName} on the subtype gives; null when none does. */
    private static String givenName(Class<?> base, Class<?> subtype) {
        JsonSubTypes declared = base.getAnnotation(JsonSubTypes.class);
        if (declared != null) {
            for (JsonSubTypes.Type type : declared.value()) {
                if (type.value() == subtype && !type.name().isEmpty()) {
                    return type.name();
                }
            }
        }
        JsonTypeName name = subtype.getAnnotation(JsonTypeName.class);
        return name == null || name.value().isEmpty() ? null : name.value();
    }

    /** What Jackson and victools call a subtype that has no name: its class name without the package. */
    static String jacksonDefault(Class<?> type) {
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
