package io.agent4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the cassette of a test method (or of one {@code ChatModel} parameter, when a test has two),
 * relative to {@link AgentTest#cassettes()}: {@code @Cassette("calc/adds.json")}. Two tests may share one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.PARAMETER})
public @interface Cassette {

    /** The cassette's file, relative to the cassettes folder. */
    String value();
}
