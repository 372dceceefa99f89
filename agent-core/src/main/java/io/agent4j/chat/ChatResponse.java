package io.agent4j.chat;

import java.util.List;
import java.util.Objects;

/**
 * One reply of the model. The agent uses the first answer ({@link #message()}); with
 * {@link ChatOptions#n()} above 1, {@link #choices()} holds every answer the server wrote.
 *
 * @param message the assistant message, with any tool calls (the first choice's)
 * @param finishReason why the model stopped (the first choice's)
 * @param usage the tokens of this call ({@link Usage#UNKNOWN} when the server reported none)
 * @param model the model that answered, as the server named it; may be null
 * @param logprobs the first choice's log probabilities, or null when not asked for or not sent
 * @param systemFingerprint the server's configuration that answered ({@code system_fingerprint}); may be null
 * @param serviceTier the tier that processed the request ({@code service_tier}); may be null
 * @param choices every choice in the server's order, the first being {@code message}, {@code finishReason}
 *     and {@code logprobs}; empty or null for just that one
 * @param id the server's id of the completion (OpenAI's {@code chatcmpl-...}), for a trace or a support
 *     request; may be null
 */
public record ChatResponse(AssistantMessage message, FinishReason finishReason, Usage usage, String model,
        Logprobs logprobs, String systemFingerprint, String serviceTier, List<Choice> choices, String id) {

    /**
     * Creates a response; a null finish reason or usage become {@link FinishReason#OTHER} and
     * {@link Usage#UNKNOWN}.
     *
     * @throws IllegalArgumentException when the first of {@code choices} is not this response's answer
     */
    public ChatResponse {
        Objects.requireNonNull(message, "message");
        finishReason = finishReason == null ? FinishReason.OTHER : finishReason;
        usage = usage == null ? Usage.UNKNOWN : usage;
        Choice first = new Choice(message, finishReason, logprobs);
        if (choices == null || choices.isEmpty()) {
            choices = List.of(first);
        } else if (!choices.get(0).equals(first)) {
            throw new IllegalArgumentException("the first choice must be the response's message, finish reason "
                    + "and logprobs");
        } else {
            choices = List.copyOf(choices);
        }
    }

    /** A response with one choice and no logprobs, fingerprint, tier or id. */
    public ChatResponse(AssistantMessage message, FinishReason finishReason, Usage usage, String model) {
        this(message, finishReason, usage, model, null, null, null, null);
    }

    /** A response without the server's id. */
    public ChatResponse(AssistantMessage message, FinishReason finishReason, Usage usage, String model,
            Logprobs logprobs, String systemFingerprint, String serviceTier, List<Choice> choices) {
        this(message, finishReason, usage, model, logprobs, systemFingerprint, serviceTier, choices, null);
    }

    /** A response of the choices the server wrote, the first of which the agent uses, without the server's id. */
    public static ChatResponse of(List<Choice> choices, Usage usage, String model, String systemFingerprint,
            String serviceTier) {
        return of(choices, usage, model, systemFingerprint, serviceTier, null);
    }

    /** A response of the choices the server wrote, the first of which the agent uses, with the server's id. */
    public static ChatResponse of(List<Choice> choices, Usage usage, String model, String systemFingerprint,
            String serviceTier, String id) {
        if (choices == null || choices.isEmpty()) {
            throw new IllegalArgumentException("a response needs at least one choice");
        }
        Choice first = choices.get(0);
        return new ChatResponse(first.message(), first.finishReason(), usage, model, first.logprobs(),
                systemFingerprint, serviceTier, choices, id);
    }
}
