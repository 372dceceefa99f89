package io.agent4j.examples;

import io.agent4j.Agent;
import io.agent4j.examples.travel.CityTools;
import io.agent4j.examples.travel.TravelTimeTools;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.tool.Toolbox;

/**
 * A travel assistant for flight times across time zones, calendar arithmetic and distances
 * between cities, all offline. It shows <em>scanning</em>: {@code toolsFrom} finds every class
 * with {@code @Tool} methods in a package, here {@link CityTools} ({@code city_info},
 * {@code city_distance}) and {@link TravelTimeTools} (the time tools, plus {@code flight_arrival},
 * whose parameter is a record, {@link TravelTimeTools.Trip}).
 *
 * <pre>{@code
 * Agent agent = Agent.builder()
 *         .model(OpenAiChatModel.fromEnv())
 *         .instructions(INSTRUCTIONS)
 *         .toolsFrom("io.agent4j.examples.travel")   // CityTools and TravelTimeTools
 *         .build();
 * }</pre>
 */
public final class TravelExample {

    /** The package scanned for tools. */
    public static final String TOOLS_PACKAGE = "io.agent4j.examples.travel";

    /** The system message of the example. */
    public static final String INSTRUCTIONS = "You are a travel assistant. Use the tools for every date, "
            + "time, time zone and distance, and never guess them: flight_arrival works out when a flight "
            + "lands in local time, city_info and city_distance know the cities of an offline dataset, "
            + "date_difference and add_period do calendar arithmetic, convert_time_zone converts local "
            + "times. Call independent tools in the same step. Answer in two or three short sentences.";

    /** A prompt that needs three tools at once. */
    public static final String SAMPLE_PROMPT = "I take off from Seoul at 10:30 on 2026-03-28 for an 11 h 50 min "
            + "flight to Paris and fly back on 2026-04-12. When do I land in Paris, local time, how far is "
            + "it, and how many nights am I away?";

    private TravelExample() {
    }

    /** The example's tools: every tool class of {@link #TOOLS_PACKAGE}, found by scanning it. */
    public static Toolbox tools() {
        return Toolbox.scan(TOOLS_PACKAGE);
    }

    /** A builder with the instructions and the scanned tools; add a model and build. */
    public static Agent.Builder builder() {
        return Agent.builder()
                .instructions(INSTRUCTIONS)
                .toolsFrom(TOOLS_PACKAGE);
    }

    /**
     * Runs the example against {@code OPENAI_API_KEY}, with the arguments as the prompt or the
     * sample prompt when there are none.
     */
    public static void main(String[] args) {
        Agent agent = builder().model(OpenAiChatModel.fromEnv()).build();
        String prompt = args.length == 0 ? SAMPLE_PROMPT : String.join(" ", args);
        System.out.println(agent.run(prompt).text());
    }
}
