package io.agent4j.bench.scenario;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The history of a long conversation as plain data, from which every implementation builds its own
 * messages: turns of a user question, a {@code weather} tool call, its result and an answer, made of
 * words drawn with a fixed seed, so that every JVM builds the same history. A side of the benchmark
 * is a {@link Conversation} holding that history, which takes {@value #STEPS_PER_HISTORY} steps and
 * then starts again from the same history.
 */
public final class LongHistory {

    /** How many steps a side takes before it starts again from the same history. */
    public static final int STEPS_PER_HISTORY = 5;

    private static final String[] WORDS = ("the a trip rain city museum train ticket hotel breakfast umbrella "
            + "coat tomorrow morning evening walk river bridge market coffee price booking window seat north "
            + "south quiet busy early late weather forecast sunny cloudy wind degrees pack shoes map station "
            + "platform delay reservation dinner lunch street square old new harbour ferry").split(" ");

    /** One turn of the history: a question, a {@code weather} call with its arguments and result, an answer. */
    public record Turn(String question, String callId, String arguments, String result, String answer) {
    }

    /** A conversation that already holds a long history, through one implementation. */
    public interface Conversation {
        /** Starts again from the history the conversation was made with. */
        void reset();

        /** One step: {@code prompt} as the user's message, the model's answer returned. */
        String step(String prompt);
    }

    /** Makes an implementation's conversation over {@code history} against the stub at {@code baseUrl}. */
    @FunctionalInterface
    public interface Factory {
        /** The conversation, holding the system message and {@code history}. */
        Conversation create(String baseUrl, List<Turn> history);
    }

    private LongHistory() {
    }

    /** The turns, without end; the first n are the same in every JVM. */
    public static Iterator<Turn> turns() {
        Random random = new Random(42);
        return new Iterator<>() {
            private int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Turn next() {
                return new Turn(words(random, 25) + "?", String.format(Locale.ROOT, "call_%06d", n++),
                        "{\"city\":\"" + WORDS[random.nextInt(WORDS.length)] + "\",\"unit\":\"CELSIUS\"}",
                        words(random, 40), words(random, 45) + ".");
            }
        };
    }

    /** The first {@code count} turns of {@link #turns()}. */
    public static List<Turn> first(int count) {
        Iterator<Turn> turns = turns();
        List<Turn> first = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            first.add(turns.next());
        }
        return first;
    }

    /** The user's message at step {@code step} after a reset. */
    public static String prompt(int step) {
        return "And question " + step + "?";
    }

    private static String words(Random random, int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
