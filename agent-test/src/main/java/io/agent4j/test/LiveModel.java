package io.agent4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of an {@link AgentTest} class that makes the live model a cassette records
 * from: a static or instance method without parameters that returns a {@link io.agent4j.chat.ChatModel}.
 * It is called only when something is recorded; without one, recording uses
 * {@code OpenAiChatModel.fromEnv()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LiveModel {
}
