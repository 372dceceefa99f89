package io.agent4j.guardrail;

import io.agent4j.chat.UserMessage;

/**
 * Checks the user's message of a turn before the model sees it. It may pass it, replace its text
 * (images stay), or stop the run; it cannot ask for a retry, as the model has not answered yet.
 * Runs before the turn's first model call, or beside it when the agent opts in
 * ({@code Agent.Builder.inputGuardrailsInParallel}).
 *
 * <pre>{@code
 * InputGuardrail noSecrets = message -> message.content().contains("BEGIN PRIVATE KEY")
 *         ? Verdict.stop("the message holds a private key") : Verdict.pass();
 * }</pre>
 */
@FunctionalInterface
public interface InputGuardrail {

    /** Decides on the user's message. */
    Verdict check(UserMessage message);

    /** The name events and exceptions give; the class's simple name by default. */
    default String name() {
        return Names.of(this);
    }
}
