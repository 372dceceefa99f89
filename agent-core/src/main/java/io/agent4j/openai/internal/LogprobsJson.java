package io.agent4j.openai.internal;

import io.agent4j.chat.Logprobs;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads the {@code logprobs} of a choice, leniently: entries that are not objects are skipped. */
public final class LogprobsJson {

    private LogprobsJson() {
    }

    /** The log probabilities of a choice, or null when it has none ({@code logprobs} absent or null). */
    public static Logprobs read(JsonNode logprobs) {
        if (logprobs == null || !logprobs.isObject()) {
            return null;
        }
        return new Logprobs(tokens(logprobs.get("content")), tokens(logprobs.get("refusal")));
    }

    /** The tokens of a JSON array of token entries; empty when it is absent or not an array. */
    public static List<Logprobs.Token> tokens(JsonNode array) {
        List<Logprobs.Token> tokens = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return tokens;
        }
        for (JsonNode entry : array) {
            if (entry.isObject()) {
                tokens.add(token(entry));
            }
        }
        return tokens;
    }

    private static Logprobs.Token token(JsonNode entry) {
        List<Integer> bytes = new ArrayList<>();
        for (JsonNode b : entry.path("bytes")) {
            if (b.isIntegralNumber()) {
                bytes.add(b.asInt());
            }
        }
        return new Logprobs.Token(entry.path("token").asString(""), entry.path("logprob").asDouble(0),
                bytes, tokens(entry.get("top_logprobs")));
    }
}
