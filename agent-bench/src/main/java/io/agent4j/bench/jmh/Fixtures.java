package io.agent4j.bench.jmh;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.bench.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Inputs shared by the benchmarks: a 20-message conversation and the recorded responses. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * A 20-message conversation with tool exchanges: system, user, three steps of two parallel
     * calls, an answer, a second question with two more steps, the last tool result.
     */
    static List<Message> conversation() {
        List<Message> messages = new ArrayList<>();
        messages.add(new SystemMessage(Scenario.INSTRUCTIONS));
        messages.add(new UserMessage(Scenario.PROMPT));
        String[] cities = {"Seoul", "Busan", "Jeju"};
        int call = 0;
        for (String city : cities) {
            messages.add(new AssistantMessage(null, List.of(
                    new ToolCall("call_" + (++call) + "JpNb8OiAkbIbHzDggfpdDH", "weather",
                            "{\"city\":\"" + city + "\",\"unit\":\"CELSIUS\"}"),
                    new ToolCall("call_" + (++call) + "vaFQc3zK6hHTRZKXRI5Eo2", "packingList",
                            "{\"trip\":{\"city\":\"" + city + "\",\"days\":3,\"rain\":true,"
                                    + "\"activities\":[\"hiking\",\"museums\"]}}"))));
            messages.add(new ToolMessage("call_" + (call - 1) + "JpNb8OiAkbIbHzDggfpdDH", "weather",
                    "{\"city\":\"" + city + "\",\"temperature\":17.5,\"unit\":\"CELSIUS\",\"sky\":\"light rain\","
                            + "\"rainChance\":70}"));
            messages.add(new ToolMessage("call_" + call + "vaFQc3zK6hHTRZKXRI5Eo2", "packingList",
                    "3 sets of clothes, umbrella, boots, comfortable shoes"));
        }
        messages.add(new AssistantMessage("Seoul and Busan will be rainy, Jeju a little warmer; pack an umbrella and "
                + "boots for all three, and comfortable shoes for the museums.", List.of()));
        messages.add(new UserMessage("And if I go to Gyeongju instead of Jeju, for 4 days, with no hiking?"));
        messages.add(new AssistantMessage(null, List.of(
                new ToolCall("call_7JpNb8OiAkbIbHzDggfpdDH", "weather", "{\"city\":\"Gyeongju\",\"unit\":\"CELSIUS\"}"),
                new ToolCall("call_8vaFQc3zK6hHTRZKXRI5Eo2", "packingList",
                        "{\"trip\":{\"city\":\"Gyeongju\",\"days\":4,\"rain\":false,\"activities\":[\"temples\"]}}"))));
        messages.add(new ToolMessage("call_7JpNb8OiAkbIbHzDggfpdDH", "weather",
                "{\"city\":\"Gyeongju\",\"temperature\":20.5,\"unit\":\"CELSIUS\",\"sky\":\"clear\",\"rainChance\":5}"));
        messages.add(new ToolMessage("call_8vaFQc3zK6hHTRZKXRI5Eo2", "packingList",
                "4 sets of clothes, comfortable shoes"));
        messages.add(new AssistantMessage("Gyeongju looks dry: 4 sets of clothes and comfortable shoes will do.",
                List.of()));
        messages.add(new UserMessage("Thanks. One more: the weather in Jeju in Fahrenheit?"));
        messages.add(new AssistantMessage(null, List.of(
                new ToolCall("call_9JpNb8OiAkbIbHzDggfpdDH", "weather", "{\"city\":\"Jeju\",\"unit\":\"FAHRENHEIT\"}"))));
        messages.add(new ToolMessage("call_9JpNb8OiAkbIbHzDggfpdDH", "weather",
                "{\"city\":\"Jeju\",\"temperature\":61.7,\"unit\":\"FAHRENHEIT\",\"sky\":\"light rain\",\"rainChance\":70}"));
        if (messages.size() != 20) {
            throw new IllegalStateException("expected 20 messages, built " + messages.size());
        }
        return messages;
    }

    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/io/agent4j/bench/recorded/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
