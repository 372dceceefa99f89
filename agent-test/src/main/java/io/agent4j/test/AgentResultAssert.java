package io.agent4j.test;

import io.agent4j.AgentResult;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;

/**
 * AssertJ assertions over an {@link AgentResult}; get one from {@link AgentAssertions#assertThat(AgentResult)}.
 * Tool calls are read from the transcript, in the order the model asked for them.
 */
public class AgentResultAssert extends AbstractAssert<AgentResultAssert, AgentResult> {

    /** The beginnings of the tool messages agent4j writes when a call went wrong or did not run. */
    static final List<String> FAILURE_PREFIXES = List.of("Error:", "Rejected:", "Cancelled:", "Unknown:");

    AgentResultAssert(AgentResult actual) {
        super(actual, AgentResultAssert.class);
    }

    /** The model called exactly these tools, in this order (a tool called twice is named twice). */
    public AgentResultAssert calledTools(String... names) {
        isNotNull();
        List<String> called = calls().stream().map(ToolCall::name).toList();
        if (!called.equals(Arrays.asList(names))) {
            failWithMessage("Expected the run to call the tools %s in this order, but it called %s", Arrays.asList(names),
                    called);
        }
        return this;
    }

    /** The model called no tool. */
    public AgentResultAssert calledNoTools() {
        return calledTools();
    }

    /** The model called {@code name} at least once; the returned assertions look at those calls. */
    public ToolCallsAssert calledTool(String name) {
        isNotNull();
        List<ToolCall> ofName = calls().stream().filter(c -> c.name().equals(name)).toList();
        if (ofName.isEmpty()) {
            failWithMessage("Expected the run to call tool '%s', but it called %s", name,
                    calls().stream().map(ToolCall::name).toList());
        }
        return new ToolCallsAssert(name, ofName, this);
    }

    /** The run took exactly {@code steps} model calls. */
    public AgentResultAssert hasSteps(int steps) {
        isNotNull();
        if (actual.steps() != steps) {
            failWithMessage("Expected the run to take %s step(s), but it took %s", steps, actual.steps());
        }
        return this;
    }

    /** The run took at most {@code steps} model calls. */
    public AgentResultAssert hasAtMostSteps(int steps) {
        isNotNull();
        if (actual.steps() > steps) {
            failWithMessage("Expected the run to take at most %s step(s), but it took %s", steps, actual.steps());
        }
        return this;
    }

    /** The final answer is exactly {@code text}. */
    public AgentResultAssert hasText(String text) {
        isNotNull();
        if (!actual.text().equals(text)) {
            failWithMessage("Expected the answer%n  \"%s\"%nbut it was%n  \"%s\"", text, actual.text());
        }
        return this;
    }

    /** AssertJ's string assertions over the final answer: {@code text().contains("3")}. */
    public AbstractStringAssert<?> text() {
        isNotNull();
        return Assertions.assertThat(actual.text()).as("the answer");
    }

    /** The run used at most {@code tokens} tokens in all, and the servers reported every call's usage. */
    public AgentResultAssert usedAtMostTokens(long tokens) {
        isNotNull();
        if (!actual.usage().known()) {
            failWithMessage("Expected the run to use at most %s tokens, but its usage is unknown: a model call "
                    + "reported none (a scripted reply without .usage(...), or a server that sends no usage)", tokens);
        }
        if (actual.usage().totalTokens() > tokens) {
            failWithMessage("Expected the run to use at most %s tokens, but it used %s (%s prompt, %s completion)",
                    tokens, actual.usage().totalTokens(), actual.usage().promptTokens(), actual.usage().completionTokens());
        }
        return this;
    }

    /** The run cost at most {@code dollars} US dollars, such as {@code "0.01"}; its cost must be known. */
    public AgentResultAssert costsAtMost(String dollars) {
        return costsAtMost(new BigDecimal(dollars));
    }

    /** The run cost at most {@code dollars} US dollars; its cost must be known. */
    public AgentResultAssert costsAtMost(BigDecimal dollars) {
        isNotNull();
        if (actual.cost().isEmpty()) {
            failWithMessage("Expected the run to cost at most $%s, but its cost is unknown: the model's price is not "
                    + "in the agent's price table, or a call's usage is unknown", dollars.toPlainString());
        } else if (actual.cost().get().compareTo(dollars) > 0) {
            failWithMessage("Expected the run to cost at most $%s, but it cost $%s", dollars.toPlainString(),
                    actual.cost().get().toPlainString());
        }
        return this;
    }

    /**
     * No tool call went wrong: no tool message of the transcript is one of agent4j's failure messages
     * (a tool that threw, an unknown tool, arguments that did not validate, a timeout, a refused or
     * cancelled call). A {@link RecordingListener} tells failures exactly ({@link EventsAssert#hasNoToolErrors()}).
     */
    public AgentResultAssert hasNoToolErrors() {
        isNotNull();
        List<String> failures = new ArrayList<>();
        for (Message message : actual.messages()) {
            if (message instanceof ToolMessage tool
                    && FAILURE_PREFIXES.stream().anyMatch(p -> tool.content().startsWith(p))) {
                failures.add(tool.toolName() + ": " + tool.content());
            }
        }
        if (!failures.isEmpty()) {
            failWithMessage("Expected no tool errors, but %s call(s) went wrong:%n  %s", failures.size(),
                    String.join(System.lineSeparator() + "  ", failures));
        }
        return this;
    }

    /** The answer was given: not a refusal, not cut off, not waiting for approval. */
    public AgentResultAssert answered() {
        isNotNull();
        if (actual.refused() || actual.truncated() || actual.waiting()) {
            failWithMessage("Expected an answer, but the run %s", actual.refused() ? "was refused: " + actual.refusal().get()
                    : actual.truncated() ? "was cut off (" + actual.finishReason() + ")"
                    : "waits for approval of " + actual.pending().size() + " call(s)");
        }
        return this;
    }

    List<ToolCall> calls() {
        List<ToolCall> calls = new ArrayList<>();
        for (Message message : actual.messages()) {
            if (message instanceof AssistantMessage assistant) {
                calls.addAll(assistant.toolCalls());
            }
        }
        return calls;
    }

    String resultOf(ToolCall call) {
        for (Message message : actual.messages()) {
            if (message instanceof ToolMessage tool && tool.toolCallId().equals(call.id())) {
                return tool.content();
            }
        }
        return null;
    }
}
