package io.agent4j.bench.e2e;

import io.agent4j.bench.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link StubServer}'s streamed answers, as server-sent {@code chat.completion.chunk} events in
 * the shape OpenAI streams them (a role chunk, the deltas, a chunk with the finish reason, a usage
 * chunk with no choices, {@code [DONE]}): the two steps of the scenario, its two tool calls arriving
 * as argument fragments keyed by {@code index}, and the long answer of {@value Scenario#LONG_CHUNKS}
 * text chunks.
 */
public final class StubStreams {

    /** Step 1 streamed: two parallel tool calls as deltas. */
    static final byte[] STEP1 = bytes(step1());
    /** Step 2 streamed: the answer, a word a chunk. */
    static final byte[] STEP2 = bytes(step2());
    /** The long answer, {@value Scenario#LONG_CHUNKS} text chunks. */
    static final byte[] LONG = bytes(longAnswer());

    private static final String ROLE = "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}";

    private StubStreams() {
    }

    /** The events of the long answer, for benchmarks that read them from memory. */
    public static byte[] longAnswerEvents() {
        return LONG.clone();
    }

    private static String step1() {
        StringBuilder events = new StringBuilder();
        String id = "chatcmpl-bench-s1";
        events.append(chunk(id, "{\"role\":\"assistant\",\"content\":null}", null));
        String[][] calls = {{"call_JpNb8OiAkbIbHzDggfpdDHpi", "weather", Scenario.WEATHER_ARGUMENTS},
            {"call_vaFQc3zK6hHTRZKXRI5Eo2cJ", "packingList", Scenario.PACKING_ARGUMENTS}};
        for (int index = 0; index < calls.length; index++) {
            events.append(chunk(id, "{\"tool_calls\":[{\"index\":" + index + ",\"id\":\"" + calls[index][0]
                    + "\",\"type\":\"function\",\"function\":{\"name\":\"" + calls[index][1]
                    + "\",\"arguments\":\"\"}}]}", null));
            String arguments = calls[index][2];
            // the fragments a model streams: a few characters each
            for (int at = 0; at < arguments.length(); at += 5) {
                String piece = arguments.substring(at, Math.min(arguments.length(), at + 5));
                events.append(chunk(id, "{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":"
                        + StubServer.quote(piece) + "}}]}", null));
            }
        }
        events.append(chunk(id, "{}", "tool_calls"));
        return events.append(usage(id, 182, 51)).append("data: [DONE]\n\n").toString();
    }

    private static String step2() {
        String[] words = Scenario.ANSWER.split(" ");
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            pieces.add((i == 0 ? "" : " ") + words[i]);
        }
        return text("chatcmpl-bench-s2", pieces, 301);
    }

    private static String longAnswer() {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < Scenario.LONG_CHUNKS; i++) {
            pieces.add(Scenario.longAnswerPiece(i));
        }
        return text("chatcmpl-bench-long", pieces, 40);
    }

    /** A streamed text answer: the role chunk, a chunk per piece, the finish reason, the usage, {@code [DONE]}. */
    private static String text(String id, List<String> pieces, int promptTokens) {
        StringBuilder events = new StringBuilder(chunk(id, ROLE, null));
        for (String piece : pieces) {
            events.append(chunk(id, "{\"content\":" + StubServer.quote(piece) + "}", null));
        }
        events.append(chunk(id, "{}", "stop"));
        return events.append(usage(id, promptTokens, pieces.size())).append("data: [DONE]\n\n").toString();
    }

    private static String chunk(String id, String delta, String finishReason) {
        return "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1731368641,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_0ba0d124f1\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}],\"usage\":null}\n\n";
    }

    private static String usage(String id, int prompt, int completion) {
        return "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1731368641,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_0ba0d124f1\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (prompt + completion) + "}}\n\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
