package dev.langchain4j.agent.tool;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A look-alike of LangChain4j's {@code @Tool}, of the same name, so that tests can show what agent4j
 * does with a method that carries it (LangChain4j itself is not a dependency).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {

    /** The description, as in LangChain4j. */
    String[] value() default "";
}
