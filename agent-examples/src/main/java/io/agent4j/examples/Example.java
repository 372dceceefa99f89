package io.agent4j.examples;

import io.agent4j.Agent;
import io.agent4j.tool.ToolSource;
import io.agent4j.tool.Toolbox;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An example agent that the command line can run by name.
 *
 * <p>Some examples need settings to make their tools, such as the folder the {@code files} example
 * may read. Settings are the {@code --tool-config KEY=VALUE} pairs of the command line, keyed
 * {@code PREFIX.SETTING}; an example reads the keys of its own prefix (its name, or the name of
 * the tool pack it uses) and leaves the others alone.
 *
 * @param name the name given to {@code agent4j run --example}, such as {@code calc}
 * @param description what the example does and which way of giving an agent tools it shows, in one line
 * @param instructions the example's system message
 * @param toolFactory creates the example's tools from the settings, fresh for each agent
 * @param samplePrompts a prompt to try it with; several for an example meant for a conversation,
 *     one per turn
 * @param sampleSettings the settings its recorded session was made with, e.g. the sample folder
 * @param sourceFactory creates the example's {@link ToolSource}s (such as an MCP server's tools)
 *     from the settings, fresh for each agent, which closes them; none for most examples
 * @param answerType the class of the example's answer, for an example whose answer is a typed value
 *     ({@code agent4j run --example NAME} then prints its JSON); its schema is made when the example
 *     runs, not when it is listed; null for an answer in text
 */
public record Example(String name, String description, String instructions,
        Function<Map<String, String>, Toolbox> toolFactory, List<String> samplePrompts,
        Map<String, String> sampleSettings, Function<Map<String, String>, List<ToolSource>> sourceFactory,
        Class<?> answerType) {

    /**
     * Creates an example; no part but {@code answerType} may be null, and there is at least one
     * sample prompt.
     */
    public Example {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(instructions, "instructions");
        Objects.requireNonNull(toolFactory, "toolFactory");
        Objects.requireNonNull(sourceFactory, "sourceFactory");
        samplePrompts = List.copyOf(samplePrompts);
        sampleSettings = Map.copyOf(sampleSettings);
        if (samplePrompts.isEmpty()) {
            throw new IllegalArgumentException("an example needs at least one sample prompt");
        }
    }

    /** An example that answers in text, some of its tools from {@link ToolSource}s. */
    public Example(String name, String description, String instructions,
            Function<Map<String, String>, Toolbox> toolFactory, List<String> samplePrompts,
            Map<String, String> sampleSettings, Function<Map<String, String>, List<ToolSource>> sourceFactory) {
        this(name, description, instructions, toolFactory, samplePrompts, sampleSettings, sourceFactory, null);
    }

    /** An example that answers in text, its tools all made by {@code toolFactory}, with no {@link ToolSource}. */
    public Example(String name, String description, String instructions,
            Function<Map<String, String>, Toolbox> toolFactory, List<String> samplePrompts,
            Map<String, String> sampleSettings) {
        this(name, description, instructions, toolFactory, samplePrompts, sampleSettings, settings -> List.of());
    }

    /** An example whose answer is a value of {@code answerType}, its tools all made by {@code toolFactory}. */
    public Example(String name, String description, String instructions,
            Function<Map<String, String>, Toolbox> toolFactory, List<String> samplePrompts,
            Map<String, String> sampleSettings, Class<?> answerType) {
        this(name, description, instructions, toolFactory, samplePrompts, sampleSettings, settings -> List.of(),
                Objects.requireNonNull(answerType, "answerType"));
    }

    /** Whether the example answers with a typed value ({@link #answerType()}) rather than text. */
    public boolean typed() {
        return answerType != null;
    }

    /** The first sample prompt, which {@code agent4j run --example NAME} uses when given no prompt. */
    public String samplePrompt() {
        return samplePrompts.get(0);
    }

    /** Whether the sample is a conversation of several turns (for {@code agent4j chat}). */
    public boolean conversational() {
        return samplePrompts.size() > 1;
    }

    /** The example's tools with no settings (each setting at its default), newly created. */
    public Toolbox tools() {
        return tools(Map.of());
    }

    /**
     * The example's tools, newly created with these settings.
     *
     * @param settings {@code PREFIX.SETTING} to value, e.g. {@code files.root} to a folder
     * @throws io.agent4j.errors.ToolRegistrationException when a setting of the example is unknown or invalid
     */
    public Toolbox tools(Map<String, String> settings) {
        return toolFactory.apply(Map.copyOf(settings));
    }

    /**
     * The example's tool sources, newly created with these settings (nothing started yet); whoever
     * asks for them closes them, as an agent does.
     *
     * @throws io.agent4j.errors.ToolRegistrationException when a setting of the example is invalid
     */
    public List<ToolSource> sources(Map<String, String> settings) {
        return List.copyOf(sourceFactory.apply(Map.copyOf(settings)));
    }

    /** A new builder with the example's instructions and tools at their default settings. */
    public Agent.Builder newBuilder() {
        return newBuilder(Map.of());
    }

    /**
     * A new builder with the example's instructions and its tools (and tool sources) made with these
     * settings; set a model and build it, and close the agent when done with it.
     */
    public Agent.Builder newBuilder(Map<String, String> settings) {
        return Agent.builder().instructions(instructions).tools(tools(settings)).tools(sources(settings).toArray());
    }
}
