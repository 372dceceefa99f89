package io.agent4j.examples;

import io.agent4j.Agent;
import io.agent4j.tool.Toolbox;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An example agent that the command line can run by name.
 *
 * @param name the name given to {@code agent4j run --example}, such as {@code calc}
 * @param description what the example shows, in one line
 * @param samplePrompt a prompt to try it with
 * @param instructions the example's system message
 * @param toolFactory creates the example's tools, fresh for each agent
 */
public record Example(String name, String description, String samplePrompt, String instructions,
        Supplier<Toolbox> toolFactory) {

    /** Creates an example; no part may be null. */
    public Example {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(samplePrompt, "samplePrompt");
        Objects.requireNonNull(instructions, "instructions");
        Objects.requireNonNull(toolFactory, "toolFactory");
    }

    /** The example's tools, newly created. */
    public Toolbox tools() {
        return toolFactory.get();
    }

    /** A new builder with the example's instructions and tools; set a model and build it. */
    public Agent.Builder newBuilder() {
        return Agent.builder().instructions(instructions).tools(tools());
    }
}
