package io.agent4j;

import io.agent4j.approval.PendingCall;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.Message;
import io.agent4j.chat.Usage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one run.
 *
 * @param text the model's final answer; empty when the model refused (see {@link #refusal()})
 * @param messages the whole transcript: system, user, every assistant and tool message, the answer
 * @param steps how many times the model was called
 * @param usage the tokens of all those calls together
 * @param cost what those tokens cost in US dollars; empty when a model's price is not known
 *     (never a made-up zero)
 * @param finishReason why the model stopped writing the answer: {@link FinishReason#LENGTH} or
 *     {@link FinishReason#CONTENT_FILTER} when it was cut off (see {@link #truncated()})
 * @param refusal what the model said when it refused to answer (OpenAI's {@code refusal}); empty when it
 *     answered. A refusal is not an answer: {@code text} is then empty, and the run still returns normally
 *     so that the caller decides (the command line exits with a code of its own)
 * @param runId the run's id, for {@code agent.resume(runId, decisions)} when it waits
 * @param pending the tool calls that wait for a person's decision: the run stopped before their step
 *     ({@link #waiting()}), and {@code text} is empty; empty when the run ended
 */
public record AgentResult(String text, List<Message> messages, int steps, Usage usage, Optional<BigDecimal> cost,
        FinishReason finishReason, Optional<String> refusal, String runId, List<PendingCall> pending) {

    /** Creates a result; the transcript and the pending calls are copied. */
    public AgentResult {
        messages = List.copyOf(messages);
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(runId, "runId");
        pending = List.copyOf(pending);
    }

    /** A result of a run that ended, with no run id. */
    public AgentResult(String text, List<Message> messages, int steps, Usage usage, Optional<BigDecimal> cost,
            FinishReason finishReason, Optional<String> refusal) {
        this(text, messages, steps, usage, cost, finishReason, refusal, "", List.of());
    }

    /** A result of a model that answered, with no refusal. */
    public AgentResult(String text, List<Message> messages, int steps, Usage usage, Optional<BigDecimal> cost,
            FinishReason finishReason) {
        this(text, messages, steps, usage, cost, finishReason, Optional.empty());
    }

    /**
     * Whether the run waits for a person's decision on the {@link #pending()} calls: resume it with
     * {@code agent.resume(runId(), decisions)}, in this process or another sharing the store.
     */
    public boolean waiting() {
        return !pending.isEmpty();
    }

    /** Whether the model refused to answer; {@link #refusal()} then holds what it said. */
    public boolean refused() {
        return refusal.isPresent();
    }

    /**
     * Whether the answer was cut off before the model finished it: at the token limit (raise
     * {@link io.agent4j.chat.ChatOptions#maxTokens()}, or ask for a shorter answer) or by the
     * provider's content filter.
     */
    public boolean truncated() {
        return finishReason.cutOff();
    }
}
