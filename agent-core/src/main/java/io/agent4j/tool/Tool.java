package io.agent4j.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Offers a public method to the model as a tool.
 *
 * <pre>{@code
 * @Tool("Current weather for a city")
 * public Forecast current(@Param("City name, e.g. Seoul") String city) { ... }
 * }</pre>
 *
 * Only methods carrying this annotation can ever be invoked, whatever name the model sends.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {

    /** What the tool does, written for the model: when to use it and what it returns. */
    String value();

    /** The tool's name; the method name when empty. Must match {@code ^[a-zA-Z0-9_-]{1,64}$}. */
    String name() default "";

    /**
     * Whether the schema is offered in OpenAI's strict mode, where the server makes the model's
     * arguments match it exactly. Turn off for signatures strict mode cannot express, or for
     * servers that reject strict schemas (the agent can turn it off for all tools).
     */
    boolean strict() default true;

    /**
     * How long one call may run before it is abandoned and the model told; 0 means the agent's
     * default (an annotation has no null). A tool with a timeout of its own always runs on the agent's
     * executor, so that it can be abandoned at its limit. Not allowed on an {@link #inline()} tool.
     */
    long timeoutMillis() default 0;

    /**
     * Whether the tool runs on the thread that runs the agent instead of on the agent's executor.
     * That saves two thread hand-offs per step, tens of microseconds, which matters only for tools
     * that themselves take microseconds: pure computations that never block (arithmetic, unit
     * conversion, date arithmetic). An inline tool has no timeout, is not interrupted when the run
     * is cancelled, and runs after the step's other tools have been handed to the executor, so
     * they still run concurrently with it. A tool that may block or run long must not be inline.
     */
    boolean inline() default false;

    /**
     * Why a call of this tool needs a person's approval before it runs, such as {@code "writes a
     * file"}; empty (the default) when it needs none. A run that reaches such a call stops before
     * running its step and waits, its pending calls listed in the result, until
     * {@code agent.resume(runId, decisions)}. An agent's {@code ApprovalPolicy} may ask for
     * approval of other calls too.
     */
    String approval() default "";

    /**
     * Whether running a call twice has the same effect as running it once, so that a call that was
     * in flight when its process died may be run again when the run is resumed. A call of any other
     * tool is not: the model is told that its outcome is unknown. False by default.
     */
    boolean idempotent() default false;
}
