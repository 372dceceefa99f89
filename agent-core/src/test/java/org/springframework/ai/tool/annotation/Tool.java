package org.springframework.ai.tool.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A look-alike of Spring AI's {@code @Tool}, of the same name, so that tests can show what agent4j
 * does with a method that carries it (Spring AI itself is not a dependency).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {

    /** The description, as in Spring AI. */
    String description() default "";
}
