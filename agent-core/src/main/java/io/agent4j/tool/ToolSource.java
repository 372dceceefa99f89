package io.agent4j.tool;

import java.util.Set;

/**
 * Tools whose set may change while an agent runs, and that hold something to release, such as
 * the tools of an MCP server ({@code McpTools} of agent-mcp). Give one to
 * {@code Agent.Builder.tools} beside {@link Tool} objects: the agent asks it for its tools before
 * every model call, so the model always sees its current ones, offers them after its other tools,
 * and closes it when the agent is closed.
 *
 * <pre>{@code
 * try (Agent agent = Agent.builder().model(model).tools(new Weather(), mcpTools).build()) {
 *     agent.run("...");
 * }
 * }</pre>
 *
 * Implementations are thread-safe: an agent shared between threads asks from each of them.
 */
public interface ToolSource extends AutoCloseable {

    /**
     * The tools as they are now; the same {@link Toolbox} instance while nothing changed, so that an
     * agent can keep what it made of it.
     *
     * @param taken the names of the agent's other tools, which none of these tools may have: a
     *     source renames a tool whose name is taken (an MCP source prefixes it with the server's name)
     * @throws io.agent4j.errors.Agent4jException when the tools cannot be had at all, such as a server that
     *     does not start; the run fails with it
     */
    Toolbox tools(Set<String> taken);

    /** Releases what the source holds (a process, a connection); closing the agent calls this. */
    @Override
    void close();
}
