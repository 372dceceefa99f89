package io.agent4j.bench.scenario;

/** The fixed texts of the two-step scenario, shared by the stub server and both clients. */
public final class Scenario {

    /** The model name both clients send. */
    public static final String MODEL = "gpt-4o-mini";
    /** The system message. */
    public static final String INSTRUCTIONS = "You are a concise travel assistant. Use the tools.";
    /** The user's prompt. */
    public static final String PROMPT = "I'm going hiking in Seoul for 3 days. What's the weather and what should I pack?";
    /** The answer of step 2, which both clients print. */
    public static final String ANSWER = "Seoul: 17.5 C and light rain (70%). Pack 3 sets of clothes, an umbrella "
            + "and boots.";
    /** The arguments of the first tool call of step 1. */
    public static final String WEATHER_ARGUMENTS = "{\"city\":\"Seoul\",\"unit\":\"CELSIUS\"}";
    /** The arguments of the second tool call of step 1 (a record argument). */
    public static final String PACKING_ARGUMENTS =
            "{\"trip\":{\"city\":\"Seoul\",\"days\":3,\"rain\":true,\"activities\":[\"hiking\",\"museums\"]}}";

    private Scenario() {
    }
}
