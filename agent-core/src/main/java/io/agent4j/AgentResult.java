package io.agent4j;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.agent4j.approval.PendingCall;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.Message;
import io.agent4j.chat.Usage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one run. An agent makes it; a test or a tool that needs one of its own builds it:
 *
 * <pre>{@code
 * AgentResult result = AgentResult.builder().text("42").steps(1).usage(Usage.of(120, 8)).build();
 * }</pre>
 *
 * <p>A final class with a builder rather than a record, so that what a run reports can grow without a new
 * constructor argument for every caller. Jackson writes it as it would a record, a field for each value.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class AgentResult {

    private final String text;
    private final List<Message> messages;
    private final int steps;
    private final Usage usage;
    private final BigDecimal cost;
    private final FinishReason finishReason;
    private final String refusal;
    private final String runId;
    private final List<PendingCall> pending;

    private AgentResult(Builder builder) {
        text = builder.text;
        messages = List.copyOf(builder.messages);
        steps = builder.steps;
        usage = builder.usage;
        cost = builder.cost;
        finishReason = builder.finishReason;
        refusal = builder.refusal;
        runId = builder.runId;
        pending = List.copyOf(builder.pending);
        if (steps < 0) {
            throw new IllegalArgumentException("steps must not be negative, was " + steps);
        }
    }

    /** A builder of a result with no text, no messages, no steps, no usage, an unknown cost, and no run id. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this result. */
    public Builder toBuilder() {
        return new Builder().text(text).messages(messages).steps(steps).usage(usage).cost(cost)
                .finishReason(finishReason).refusal(refusal).runId(runId).pending(pending);
    }

    /** The model's final answer; empty when the model refused (see {@link #refusal()}). */
    public String text() {
        return text;
    }

    /** The whole transcript: system, user, every assistant and tool message, the answer. */
    public List<Message> messages() {
        return messages;
    }

    /** How many times the model was called. */
    public int steps() {
        return steps;
    }

    /** The tokens of all those calls together. */
    public Usage usage() {
        return usage;
    }

    /** What those tokens cost in US dollars; empty when a model's price is not known (never a made-up zero). */
    public Optional<BigDecimal> cost() {
        return Optional.ofNullable(cost);
    }

    /**
     * Why the model stopped writing the answer: {@link FinishReason#LENGTH} or {@link FinishReason#CONTENT_FILTER}
     * when it was cut off (see {@link #truncated()}).
     */
    public FinishReason finishReason() {
        return finishReason;
    }

    /**
     * What the model said when it refused to answer (OpenAI's {@code refusal}); empty when it answered. A refusal
     * is not an answer: {@link #text()} is then empty, and the run still returns normally so that the caller
     * decides (the command line exits with a code of its own).
     */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** The run's id, for {@code agent.resume(runId, decisions)} when it waits; empty when it has none. */
    public String runId() {
        return runId;
    }

    /**
     * The tool calls that wait for a person's decision: the run stopped before their step ({@link #waiting()}),
     * and {@link #text()} is empty; empty when the run ended.
     */
    public List<PendingCall> pending() {
        return pending;
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
        return refusal != null;
    }

    /**
     * Whether the answer was cut off before the model finished it: at the token limit (raise
     * {@link io.agent4j.chat.ChatOptions#maxTokens()}, or ask for a shorter answer) or by the
     * provider's content filter.
     */
    public boolean truncated() {
        return finishReason.cutOff();
    }

    /** Whether {@code other} is a result with the same values. */
    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof AgentResult result && text.equals(result.text)
                && messages.equals(result.messages) && steps == result.steps && usage.equals(result.usage)
                && Objects.equals(cost, result.cost) && finishReason == result.finishReason
                && Objects.equals(refusal, result.refusal) && runId.equals(result.runId)
                && pending.equals(result.pending);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, messages, steps, usage, cost, finishReason, refusal, runId, pending);
    }

    /** The values by name, as a record shows its components. */
    @Override
    public String toString() {
        return "AgentResult[text=" + text + ", messages=" + messages + ", steps=" + steps + ", usage=" + usage
                + ", cost=" + cost() + ", finishReason=" + finishReason + ", refusal=" + refusal() + ", runId=" + runId
                + ", pending=" + pending + "]";
    }

    /**
     * Builds an {@link AgentResult}; the transcript and the pending calls are copied at {@link #build()}. Only
     * the cost and the refusal may be null; another null is refused by its setter.
     */
    public static final class Builder {
        private String text = "";
        private List<Message> messages = List.of();
        private int steps;
        private Usage usage = Usage.ZERO;
        private BigDecimal cost;
        private FinishReason finishReason = FinishReason.STOP;
        private String refusal;
        private String runId = "";
        private List<PendingCall> pending = List.of();

        private Builder() {
        }

        /** The model's final answer; {@code ""} unless set. */
        public Builder text(String text) {
            this.text = Objects.requireNonNull(text, "text");
            return this;
        }

        /** The whole transcript of the run. */
        public Builder messages(List<Message> messages) {
            this.messages = Objects.requireNonNull(messages, "messages");
            return this;
        }

        /** How many times the model was called, not negative. */
        public Builder steps(int steps) {
            this.steps = steps;
            return this;
        }

        /** The tokens of all the model calls together; {@link Usage#ZERO} unless set. */
        public Builder usage(Usage usage) {
            this.usage = Objects.requireNonNull(usage, "usage");
            return this;
        }

        /** What the run cost in US dollars; null (the default) when a price is not known. */
        public Builder cost(BigDecimal cost) {
            this.cost = cost;
            return this;
        }

        /** Why the model stopped writing the answer; {@link FinishReason#STOP} unless set. */
        public Builder finishReason(FinishReason finishReason) {
            this.finishReason = Objects.requireNonNull(finishReason, "finishReason");
            return this;
        }

        /** What the model said when it refused to answer; null (the default) when it answered. */
        public Builder refusal(String refusal) {
            this.refusal = refusal;
            return this;
        }

        /** The run's id; {@code ""} unless set. */
        public Builder runId(String runId) {
            this.runId = Objects.requireNonNull(runId, "runId");
            return this;
        }

        /** The tool calls that wait for a person's decision; none unless set. */
        public Builder pending(List<PendingCall> pending) {
            this.pending = Objects.requireNonNull(pending, "pending");
            return this;
        }

        /**
         * Creates the result.
         *
         * @throws IllegalArgumentException when steps is negative
         */
        public AgentResult build() {
            return new AgentResult(this);
        }
    }
}
