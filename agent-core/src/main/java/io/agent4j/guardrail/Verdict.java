package io.agent4j.guardrail;

import java.util.Objects;

/**
 * What a guardrail decides: let it {@link #pass()}, {@link #replace} it, ask the model to
 * {@link #retry} with feedback, or {@link #stop} the run.
 */
public sealed interface Verdict {

    /** Lets the text, call or result through unchanged. */
    static Verdict pass() {
        return Pass.INSTANCE;
    }

    /**
     * Lets it through rewritten: the user's text, a call's arguments (JSON), a tool result's text, or
     * the final answer (for a typed answer, JSON that is then checked against its schema again).
     */
    static Verdict replace(String text) {
        return new Replace(text);
    }

    /**
     * Asks the model to try again, telling it {@code feedback}: a final answer is sent back as a
     * repair (counted with the schema's repairs); a tool call is not run and a tool result not
     * shown, the model gets {@code feedback} as the tool's message instead. Not for input guardrails.
     */
    static Verdict retry(String feedback) {
        return new Retry(feedback);
    }

    /** Stops the run with a {@link io.agent4j.errors.GuardrailException} that gives {@code reason}. */
    static Verdict stop(String reason) {
        return new Stop(reason);
    }

    /** Let through unchanged. */
    enum Pass implements Verdict {
        /** The only instance. */
        INSTANCE;

        @Override
        public String toString() {
            return "pass";
        }
    }

    /**
     * Let through as {@code text}.
     *
     * @param text what replaces the original
     */
    record Replace(String text) implements Verdict {

        /** Checks the text is there. */
        public Replace {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Sent back to the model with {@code feedback}.
     *
     * @param feedback what the model is told to do differently
     */
    record Retry(String feedback) implements Verdict {

        /** Checks the feedback is there. */
        public Retry {
            if (feedback == null || feedback.isBlank()) {
                throw new IllegalArgumentException("a retry needs feedback that tells the model what to change");
            }
        }
    }

    /**
     * The run stopped, for {@code reason}.
     *
     * @param reason why, for the exception's message
     */
    record Stop(String reason) implements Verdict {

        /** Checks the reason is there. */
        public Stop {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a stop needs a reason");
            }
        }
    }
}
