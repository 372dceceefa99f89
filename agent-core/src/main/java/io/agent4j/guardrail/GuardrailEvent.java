package io.agent4j.guardrail;

import io.agent4j.chat.ToolCall;
import java.util.Objects;
import java.util.Optional;

/**
 * A guardrail's decision, as listeners see it ({@code AgentListener.onGuardrail}): which guardrail, at
 * which stage, what it decided, and on which tool call for the tool stages. The check of a typed answer
 * against its schema is reported as the output guardrail {@value #ANSWER_SCHEMA}.
 */
public final class GuardrailEvent {

    /** The name under which the schema check of a typed answer is reported. */
    public static final String ANSWER_SCHEMA = "answer-schema";

    private final String guardrail;
    private final Stage stage;
    private final Verdict verdict;
    private final ToolCall call;

    /**
     * Creates the event.
     *
     * @param guardrail the guardrail's name
     * @param stage where it decided
     * @param verdict what it decided
     * @param call the tool call it decided on, for the tool stages; null for the others
     */
    public GuardrailEvent(String guardrail, Stage stage, Verdict verdict, ToolCall call) {
        this.guardrail = Objects.requireNonNull(guardrail, "guardrail");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.call = call;
    }

    /** The guardrail's name. */
    public String guardrail() {
        return guardrail;
    }

    /** Where it decided. */
    public Stage stage() {
        return stage;
    }

    /** What it decided. */
    public Verdict verdict() {
        return verdict;
    }

    /** The tool call it decided on, for the tool stages; empty for the others. */
    public Optional<ToolCall> call() {
        return Optional.ofNullable(call);
    }

    /** Whether {@code other} is the same decision of the same guardrail, at the same stage and call. */
    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof GuardrailEvent event && guardrail.equals(event.guardrail)
                && stage == event.stage && verdict.equals(event.verdict) && Objects.equals(call, event.call);
    }

    @Override
    public int hashCode() {
        return Objects.hash(guardrail, stage, verdict, call);
    }

    /** The parts by name, as a record shows its components. */
    @Override
    public String toString() {
        return "GuardrailEvent[guardrail=" + guardrail + ", stage=" + stage + ", verdict=" + verdict + ", call="
                + call() + "]";
    }

    /** Where in a run a guardrail decides. */
    public enum Stage {
        /** On the user's message, before the model sees it. */
        INPUT("input"),
        /** On a tool call, before it runs. */
        TOOL_CALL("tool call"),
        /** On a tool result, before the model sees it. */
        TOOL_RESULT("tool result"),
        /** On the final answer, before the run returns it. */
        OUTPUT("output");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        /** The stage in words: {@code input}, {@code tool call}, {@code tool result}, {@code output}. */
        public String label() {
            return label;
        }
    }
}
