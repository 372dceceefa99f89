package io.agent4j.guardrail;

/**
 * Checks the model's final answer, text or typed, before the run returns it. It may pass it,
 * replace it, ask the model to try again (counted like a repair of a typed answer), or stop the run.
 *
 * <pre>{@code
 * OutputGuardrail polite = answer -> answer.text().contains("stupid")
 *         ? Verdict.retry("Answer without insults.") : Verdict.pass();
 * }</pre>
 */
@FunctionalInterface
public interface OutputGuardrail {

    /** Decides on the final answer. */
    Verdict check(FinalAnswer answer);

    /** The name events and exceptions give; the class's simple name by default. */
    default String name() {
        return Names.of(this);
    }
}
