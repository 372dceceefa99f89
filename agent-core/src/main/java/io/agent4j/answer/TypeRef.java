package io.agent4j.answer;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A generic type, captured by an anonymous subclass, for typed answers of types a {@code Class}
 * cannot name:
 *
 * <pre>{@code
 * List<Item> items = agent.run("List the items of the invoice.", new TypeRef<List<Item>>() {}).value();
 * }</pre>
 *
 * @param <T> the type of the answer
 */
public abstract class TypeRef<T> {

    private final Type type;

    /**
     * Captures the type argument of the anonymous subclass.
     *
     * @throws IllegalStateException when the subclass gives no type argument ({@code new TypeRef() {}})
     */
    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType parameterized) || parameterized.getRawType() != TypeRef.class) {
            throw new IllegalStateException("a TypeRef needs its type argument, as in new TypeRef<List<Item>>() {}");
        }
        this.type = parameterized.getActualTypeArguments()[0];
    }

    /** The captured type. */
    public Type type() {
        return type;
    }

    @Override
    public String toString() {
        return "TypeRef<" + type.getTypeName() + ">";
    }
}
