package io.agent4j.test;

import io.agent4j.chat.ToolCall;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assertions over the calls of one tool in a run, from {@link AgentResultAssert#calledTool(String)}.
 * Arguments are compared as JSON: the order of fields and the spacing do not matter.
 */
public class ToolCallsAssert extends AbstractAssert<ToolCallsAssert, List<ToolCall>> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final AgentResultAssert run;

    ToolCallsAssert(String name, List<ToolCall> calls, AgentResultAssert run) {
        super(calls, ToolCallsAssert.class);
        this.name = name;
        this.run = run;
    }

    /** One of the calls had these arguments, as JSON: {@code withArguments("{\"a\":1,\"b\":2}")}. */
    public ToolCallsAssert withArguments(String json) {
        JsonNode expected = parse(json);
        for (ToolCall call : actual) {
            if (Objects.equals(expected, parseOrNull(call.arguments()))) {
                return this;
            }
        }
        failWithMessage("Expected a call of tool '%s' with the arguments%n  %s%nbut its calls had%n  %s", name, json,
                String.join(System.lineSeparator() + "  ", actual.stream().map(ToolCall::arguments).toList()));
        return this;
    }

    /** One of the calls returned exactly {@code content} to the model. */
    public ToolCallsAssert returning(String content) {
        List<String> results = actual.stream().map(run::resultOf).toList();
        if (!results.contains(content)) {
            failWithMessage("Expected a call of tool '%s' to return%n  %s%nbut its calls returned%n  %s", name, content,
                    String.join(System.lineSeparator() + "  ", results.stream().map(String::valueOf).toList()));
        }
        return this;
    }

    /** The tool was called exactly {@code times} times. */
    public ToolCallsAssert times(int times) {
        if (actual.size() != times) {
            failWithMessage("Expected tool '%s' to be called %s time(s), but it was called %s time(s)", name, times,
                    actual.size());
        }
        return this;
    }

    /** Back to the assertions over the whole run. */
    public AgentResultAssert and() {
        return run;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The expected arguments are not JSON: " + json, e);
        }
    }

    private static JsonNode parseOrNull(String json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            return null;
        }
    }
}
