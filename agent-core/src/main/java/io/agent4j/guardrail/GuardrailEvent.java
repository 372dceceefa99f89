package io.agent4j.guardrail;

import io.agent4j.chat.ToolCall;
import java.util.Objects;
import java.util.Optional;

/**
 * A guardrail's decision, as listeners see it ({@code AgentListener.onGuardrail}). The check of a
 * typed answer against its schema is reported as the output guardrail {@value #ANSWER_SCHEMA}.
 *
 * @param guardrail the guardrail's name
 * @param stage where it decided
 * @param verdict what it decided
 * @param call the tool call it decided on, for the tool stages
 */
public record GuardrailEvent(String guardrail, Stage stage, Verdict verdict, Optional<ToolCall> call) {

    /** The name under which the schema check of a typed answer is reported. */
    public static final String ANSWER_SCHEMA = "answer-schema";

    /** Checks every part is there. */
    public GuardrailEvent {
        Objects.requireNonNull(guardrail, "guardrail");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(call, "call");
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
