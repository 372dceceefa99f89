package io.agent4j.tool.internal;

import io.agent4j.tool.ToolContext;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.ToolResult;
import java.time.Duration;
import java.util.Optional;

/**
 * A tool a {@link io.agent4j.tool.Toolbox} can hold: a {@link io.agent4j.tool.Tool} method bound
 * to its target ({@link ToolMethod}) or a tool defined at run time ({@link SpecTool}).
 */
public interface RegisteredTool {

    /** The tool's name. */
    String name();

    /** The tool as the model sees it. */
    ToolDefinition definition();

    /** This tool with strict mode off, for servers that reject strict schemas. */
    RegisteredTool lenient();

    /** The tool's own timeout, if it has one. */
    Optional<Duration> timeout();

    /** Whether the tool runs on the agent's own thread. */
    boolean inline();

    /** Why a call of the tool needs a person's approval; empty when it needs none. */
    Optional<String> approval();

    /** Whether a call may be run again when it is unknown whether it ran. */
    boolean idempotent();

    /**
     * Checks the model's arguments and runs the tool. Never throws for anything the model or the
     * tool did: every failure comes back as a {@link ToolResult#failure} that tells the model what
     * to fix.
     */
    ToolResult call(String arguments, ToolContext context);

    /** What the tool was made from, for messages: a method, or a run-time tool's name and description. */
    String origin();

    /** Whether {@code other} is this same tool registered again, which is harmless, rather than a clash. */
    boolean sameAs(RegisteredTool other);
}
