package io.agent4j.bench.scenario;

/**
 * The fixed texts of the two-step scenario, shared by the stub server and every client, and of the
 * long streamed answer.
 */
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

    /** The prompt of the long streamed answer (sent without tools). */
    public static final String LONG_PROMPT = "Describe a rainy day of hiking around Seoul, step by step.";
    /** How many text chunks the long streamed answer comes in. */
    public static final int LONG_CHUNKS = 500;

    private static final String[] WORDS = ("start early from the station and take the trail up the ridge; the "
            + "rain keeps the paths quiet, the rocks are slippery, so walk slowly and stop at the temple for tea "
            + "before the long descent to the river").split(" ");

    private Scenario() {
    }

    /** The text of chunk {@code i} (from 0) of the long streamed answer: a word, after a space but the first. */
    public static String longAnswerPiece(int i) {
        return (i == 0 ? "" : " ") + WORDS[i % WORDS.length];
    }

    /** The whole long streamed answer, its {@value #LONG_CHUNKS} pieces joined. */
    public static String longAnswer() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < LONG_CHUNKS; i++) {
            text.append(longAnswerPiece(i));
        }
        return text.toString();
    }
}
