package io.agent4j.tool.internal;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.Param;
import io.agent4j.tool.ToolContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import tools.jackson.databind.JavaType;

/**
 * One parameter of a tool method: its name in the schema, its Java type and whether the model may
 * leave it out.
 *
 * @param name the property name in the arguments object
 * @param type the generic Java type
 * @param javaType the same type as Jackson binds it
 * @param description the {@link Param} text, or null
 * @param primitive whether a value is mandatory because the type is primitive
 * @param nullable whether the model may send {@code null} (an {@code Optional} or {@code @Nullable})
 */
public record ToolParameter(String name, Type type, JavaType javaType, String description,
        boolean primitive, boolean nullable) {

    /** The name of the one parameter whose schema an answer's is made from. */
    static final String ANSWER = "value";

    /** Whether this parameter receives the {@link ToolContext} rather than an argument of the model. */
    boolean isContext() {
        return type == ToolContext.class;
    }

    /** Reads a parameter of a tool method; fails when its name was not compiled in. */
    public static ToolParameter of(Method method, Parameter parameter) {
        if (!parameter.isNamePresent()) {
            throw new ToolRegistrationException("Cannot read the parameter names of "
                    + ToolMethod.describe(method) + ": compile with 'javac -parameters' "
                    + "(maven-compiler-plugin <parameters>true</parameters>).");
        }
        Param param = parameter.getAnnotation(Param.class);
        Type type = parameter.getParameterizedType();
        boolean nullable = isNullable(parameter.getAnnotations(), parameter.getType());
        return new ToolParameter(parameter.getName(), type, Json.MAPPER.constructType(type),
                param == null ? null : param.value(), parameter.getType().isPrimitive(), nullable);
    }

    /**
     * The one parameter, {@code value}, whose schema in the parameters' pipeline is that of answers of
     * {@code type}: here, so that the build-time index's fingerprint of the generator covers it.
     */
    static ToolParameter answer(Type type) {
        JavaType javaType = Json.MAPPER.constructType(type);
        Class<?> raw = javaType.getRawClass();
        return new ToolParameter(ANSWER, type, javaType, null, raw.isPrimitive(), raw == Optional.class);
    }

    /** Whether a value may be null or absent: an {@code Optional}, or annotated with any {@code @Nullable}. */
    static boolean isNullable(Annotation[] annotations, Class<?> type) {
        return type == Optional.class || hasNullableAnnotation(annotations);
    }

    private static boolean hasNullableAnnotation(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getSimpleName().equals("Nullable")) {
                return true;
            }
        }
        return false;
    }

    /** The type the schema describes: the content type of an {@code Optional}, else the type itself. */
    Type schemaType() {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
            return parameterized.getActualTypeArguments()[0];
        }
        return type;
    }

    /** The value a missing or null argument binds to. */
    Object absentValue() {
        return javaType.getRawClass() == Optional.class ? Optional.empty() : null;
    }
}
