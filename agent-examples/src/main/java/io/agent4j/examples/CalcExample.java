package io.agent4j.examples;

import io.agent4j.Agent;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.tool.Toolbox;
import io.agent4j.tools.math.Calculator;
import io.agent4j.tools.units.UnitConverter;

/**
 * An agent that never does arithmetic in its head: it calls {@link Calculator} for every
 * calculation and {@link UnitConverter} for every conversion, and answers from their exact results.
 *
 * <pre>{@code
 * Agent agent = CalcExample.builder().model(OpenAiChatModel.fromEnv()).build();
 * agent.run(CalcExample.SAMPLE_PROMPT).text();
 * }</pre>
 *
 * From the command line: {@code agent4j run --example calc "How many feet is 1.8 m?"}.
 */
public final class CalcExample {

    /** The system message of the example. */
    public static final String INSTRUCTIONS = "You are a precise assistant for arithmetic and unit "
            + "conversion. Never compute in your head: use the evaluate tool for every calculation and "
            + "the convert tool for every unit conversion, and call independent tools in the same step. "
            + "Give the results exactly as the tools return them, rounding only where you say so. "
            + "Answer in one or two short sentences.";

    /** A prompt that needs both tools at once. */
    public static final String SAMPLE_PROMPT =
            "What is 17.5% of 2,340.80 EUR, and how many pounds is 3.2 kg?";

    private CalcExample() {
    }

    /** The example's tools: a new {@link Calculator} and a new {@link UnitConverter}. */
    public static Toolbox tools() {
        return Toolbox.of(new Calculator(), new UnitConverter());
    }

    /** A builder with the instructions and the two tools; add a model and build. */
    public static Agent.Builder builder() {
        return Agent.builder()
                .instructions(INSTRUCTIONS)
                .tools(tools());
    }

    /**
     * Runs the example against {@code OPENAI_API_KEY} (and {@code OPENAI_BASE_URL} when set), with
     * the arguments as the prompt or the sample prompt when there are none.
     */
    public static void main(String[] args) {
        Agent agent = builder().model(OpenAiChatModel.fromEnv()).build();
        String prompt = args.length == 0 ? SAMPLE_PROMPT : String.join(" ", args);
        System.out.println(agent.run(prompt).text());
    }
}
