package io.agent4j.errors;

import io.agent4j.chat.Message;
import io.agent4j.chat.Usage;
import java.math.BigDecimal;
import java.util.List;

/**
 * A guardrail stopped the run: {@link #guardrail()} says which, {@link #stage()} where (on the
 * user's message, a tool call, a tool result or the final answer), {@link #reason()} why. What the
 * run did before is in {@link #transcript()}; nothing the guardrail stopped is in it (the calls of a
 * step stopped at a tool call or result that have no result yet are answered there by a message
 * saying that the guardrail stopped the run, so that a conversation can go on).
 */
public class GuardrailException extends RunException {

    private final String guardrail;
    private final String stage;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param guardrail the guardrail's name
     * @param stage {@code input}, {@code tool call}, {@code tool result} or {@code output}
     * @param reason what the guardrail said
     * @param cost what the run cost before it stopped; null when a price was unknown
     */
    public GuardrailException(String guardrail, String stage, String reason, List<Message> transcript, Usage usage,
            BigDecimal cost) {
        this(guardrail, stage, reason, transcript, usage, cost, null);
    }

    /** Creates the exception for a guardrail that failed with {@code cause} (a guardrail that throws stops the run). */
    public GuardrailException(String guardrail, String stage, String reason, List<Message> transcript, Usage usage,
            BigDecimal cost, Throwable cause) {
        super("Guardrail '" + guardrail + "' stopped the run at the " + stage + ": " + reason, transcript, usage, cost,
                cause);
        this.guardrail = guardrail;
        this.stage = stage;
        this.reason = reason;
    }

    /** The name of the guardrail that stopped the run. */
    public String guardrail() {
        return guardrail;
    }

    /** Where it stopped the run: {@code input}, {@code tool call}, {@code tool result} or {@code output}. */
    public String stage() {
        return stage;
    }

    /** Why, in the guardrail's words. */
    public String reason() {
        return reason;
    }
}
