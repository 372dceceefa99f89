package io.agent4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test class whose test methods may take a {@link io.agent4j.chat.ChatModel} parameter
 * backed by a cassette: a recording under {@link #cassettes()}, named
 * {@code <TestClass>/<testMethod>.json} unless {@link Cassette} names it.
 *
 * <p>The mode comes from the system property {@value CassetteMode#PROPERTY} (or the JUnit
 * configuration parameter of that name), else the environment variable {@value CassetteMode#ENVIRONMENT},
 * else {@code replay}: see {@link CassetteMode}. In every mode the agent's tools run for real.
 * Requests are matched by their canonical form (messages, tools, options, with tool-call ids
 * numbered in order), and the first that differs fails the test with a diff of the recorded and
 * the sent request.
 *
 * <p>Recording redacts, in every text of the file: the values of the environment variables
 * {@link #secretsFromEnvironment()}, {@code Bearer} tokens, the values of {@code Authorization},
 * {@code OpenAI-Organization} and {@code OpenAI-Project} headers written out in text, OpenAI-style
 * keys ({@code sk-...}) and organization ids ({@code org-...}), and whatever matches {@link #redact()}.
 * The same redaction is applied to each request before it is matched, so a pattern also makes a
 * volatile value (a date, an id) match.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(CassetteExtension.class)
public @interface AgentTest {

    /** The folder of the cassettes, relative to the working directory (a module's folder under Maven). */
    String cassettes() default "src/test/resources/cassettes";

    /** Regular expressions whose matches are replaced by {@code [REDACTED]} when recording and before matching. */
    String[] redact() default {};

    /** Environment variables whose values are secrets, replaced by {@code [REDACTED]} wherever they appear. */
    String[] secretsFromEnvironment() default {"OPENAI_API_KEY", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"};
}
