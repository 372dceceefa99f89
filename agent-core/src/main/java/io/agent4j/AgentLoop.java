package io.agent4j;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.chat.internal.ToolCallIds;
import io.agent4j.errors.MaxStepsExceededException;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run of the loop of DESIGN.md: build the request from what memory selects, call the model,
 * run the tool calls, append, repeat until the model answers in text. What completes is handed to
 * {@code persist} (a conversation's store) at once: each answer of the model when it arrives (the
 * user message with the first), then the results of its tool calls once they have all finished.
 * The ids of a reply's tool calls are made unique first, so that each result answers one call.
 */
final class AgentLoop {

    private final Agent agent;
    private final String conversationId;
    private final StreamHandler handler;
    private final Cancellation cancellation;
    private final Consumer<List<Message>> persist;
    private final List<Message> transcript;
    private final List<Message> unsaved = new ArrayList<>();
    private Usage usage = Usage.ZERO;
    /**
     * Tokens by the model that answered (a null key when neither the response nor the options name
     * one), priced once at the end of the run: cost is linear in tokens.
     */
    private final Map<String, Usage> usageByModel = new HashMap<>(2);

    AgentLoop(Agent agent, List<Message> history, String conversationId, StreamHandler handler,
            Cancellation cancellation, Consumer<List<Message>> persist) {
        this.agent = agent;
        this.conversationId = conversationId;
        this.handler = handler;
        this.cancellation = cancellation;
        this.persist = persist;
        this.transcript = new ArrayList<>(history);
    }

    AgentResult run(UserMessage prompt) {
        if (transcript.isEmpty() && agent.instructions != null) {
            add(new SystemMessage(agent.instructions));
        }
        add(prompt);
        ToolRunner tools = new ToolRunner(agent.executor, agent.toolTimeout, agent.maxToolResultLength,
                agent.maxRepeatedCalls, conversationId, event -> agent.notify(handler, event));
        for (int count = 1; count <= agent.maxSteps; count++) {
            int step = count;
            cancellation.throwIfCancelled();
            // asked at every step: a tool source's tools may have changed since the last
            Toolbox toolbox = agent.toolbox();
            List<ToolDefinition> definitions = toolbox.definitions();
            ChatRequest request = new ChatRequest(agent.memory.select(transcript, definitions), definitions,
                    agent.options);
            agent.notify(handler, l -> l.onRequest(step, request));
            ChatResponse response = handler == null ? agent.model.chat(request)
                    : agent.model.stream(request, handler::onText, cancellation);
            agent.notify(handler, l -> l.onResponse(step, response));
            account(response);
            AssistantMessage reply = ToolCallIds.unique(response.message());
            add(reply);
            save();
            if (!reply.hasToolCalls()) {
                AgentResult result = new AgentResult(reply.content() == null ? "" : reply.content(), transcript, step,
                        usage, cost(), response.finishReason(), Optional.ofNullable(reply.refusal()));
                agent.notify(handler, l -> l.onFinished(result));
                return result;
            }
            // Any call of a cut reply may be incomplete, or arguments the model did not mean: none is run.
            List<? extends Message> results = response.finishReason().cutOff()
                    ? tools.notRun(step, reply.toolCalls(), response.finishReason())
                    : tools.run(step, toolbox, reply.toolCalls(), cancellation);
            results.forEach(this::add);
            save();
            cancellation.throwIfCancelled();
        }
        throw new MaxStepsExceededException(agent.maxSteps, transcript, usage,
                cost());
    }

    private void add(Message message) {
        transcript.add(message);
        if (persist != null) {
            unsaved.add(message);
        }
    }

    private void save() {
        if (persist != null) {
            persist.accept(List.copyOf(unsaved));
            unsaved.clear();
        }
    }

    private void account(ChatResponse response) {
        usage = usage.plus(response.usage());
        String model = response.model() != null ? response.model() : agent.options.model();
        usageByModel.merge(model, response.usage(), Usage::plus);
    }

    /** What the run cost; empty when a model that answered is not in the price table. */
    private Optional<BigDecimal> cost() {
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, Usage> entry : usageByModel.entrySet()) {
            Optional<BigDecimal> cost = agent.prices.cost(entry.getKey(), entry.getValue());
            if (cost.isEmpty()) {
                return Optional.empty();
            }
            total = total.add(cost.get());
        }
        return Optional.of(total);
    }
}
