package io.agent4j;

import io.agent4j.answer.AnswerType;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.Message;
import io.agent4j.chat.ResponseFormat;
import io.agent4j.chat.StructuredOutput;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.chat.internal.ToolCallIds;
import io.agent4j.errors.BudgetExceededException;
import io.agent4j.errors.GuardrailException;
import io.agent4j.errors.InvalidAnswerException;
import io.agent4j.errors.MaxStepsExceededException;
import io.agent4j.errors.RefusalException;
import io.agent4j.guardrail.GuardrailEvent;
import io.agent4j.guardrail.GuardrailEvent.Stage;
import io.agent4j.guardrail.Verdict;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * One run of the loop of DESIGN.md: build the request from what memory selects, call the model,
 * run the tool calls, append, repeat until the model gives a final answer, which a typed run
 * checks against its schema and the output guardrails check before it is returned; an answer they
 * reject is sent back for repair. What completes is handed to {@code persist} (a conversation's
 * store) at once: each answer of the model when it arrives (the user message with the first), then
 * the results of its tool calls once they have all finished; a final answer once it is accepted.
 * The ids of a reply's tool calls are made unique first, so that each result answers one call.
 */
final class AgentLoop {

    /** Where the steps of a conversation's turn go as they complete. */
    @FunctionalInterface
    interface Persist {
        /** Stores {@code messages}; {@code endsTurn} when they end with the turn's accepted answer. */
        void save(List<Message> messages, boolean endsTurn);
    }

    private final Agent agent;
    private final String conversationId;
    private final StreamHandler handler;
    private final Cancellation cancellation;
    private final Persist persist;
    private final AnswerType<?> answer;
    private final ChatOptions options;
    private final String answerInstructions;
    private final List<Message> transcript;
    private final List<Message> unsaved = new ArrayList<>();
    private final Consumer<Consumer<AgentListener>> notify;
    private final Budgets budgets;
    /** The model of the last answer, or of the options, for the estimate of the next request's price. */
    private String lastModel;
    private int toolCalls;
    private Usage usage = Usage.ZERO;
    private int repairs;
    private Object value;
    /**
     * Tokens by the model that answered (a null key when neither the response nor the options name
     * one), priced once at the end of the run: cost is linear in tokens.
     */
    private final Map<String, Usage> usageByModel = new HashMap<>(2);
    /** The input guardrails' decisions when they run beside the first model call, told once they are joined. */
    private final List<Consumer<AgentListener>> inputEvents = java.util.Collections.synchronizedList(new ArrayList<>());

    AgentLoop(Agent agent, List<Message> history, String conversationId, StreamHandler handler,
            Cancellation cancellation, Persist persist, AnswerType<?> answer) {
        this(agent, history, conversationId, handler, cancellation, persist, answer, Budgets.Spent.NOTHING);
    }

    AgentLoop(Agent agent, List<Message> history, String conversationId, StreamHandler handler,
            Cancellation cancellation, Persist persist, AnswerType<?> answer, Budgets.Spent spent) {
        this.agent = agent;
        this.conversationId = conversationId;
        this.handler = handler;
        this.cancellation = cancellation;
        this.persist = persist;
        this.answer = answer == null || agent.strictTools ? answer : answer.lenient();
        this.transcript = new ArrayList<>(history);
        this.budgets = new Budgets(agent.budget, persist == null ? io.agent4j.usage.Budget.NONE
                : agent.conversationBudget, spent, agent.prices);
        this.lastModel = agent.options.model();
        this.notify = event -> agent.notify(handler, event);
        StructuredOutput way = agent.model.structuredOutput();
        if (this.answer == null) {
            this.options = agent.options;
            this.answerInstructions = null;
        } else {
            ResponseFormat format = switch (way) {
                case JSON_SCHEMA -> ResponseFormat.jsonSchema(this.answer.name(), this.answer.schema(),
                        this.answer.strict());
                case JSON_OBJECT -> ResponseFormat.jsonObject();
                case INSTRUCTIONS -> null;
            };
            this.options = format == null ? agent.options
                    : agent.options.withOverrides(ChatOptions.builder().responseFormat(format).build());
            this.answerInstructions = way == StructuredOutput.JSON_SCHEMA ? null
                    : "Answer with one JSON object that matches this JSON schema, and nothing else (no prose, "
                            + "no Markdown):\n" + this.answer.schema();
        }
    }

    /** The typed answer's value, once {@link #run} returned. */
    Object value() {
        return value;
    }

    /** How often the model was asked to repair its final answer. */
    int repairs() {
        return repairs;
    }

    AgentResult run(UserMessage prompt) {
        if (transcript.isEmpty() && agent.instructions != null) {
            add(new SystemMessage(agent.instructions));
        }
        Guards guards = agent.guards;
        UserMessage message = prompt;
        CompletableFuture<UserMessage> checking = null;
        try {
            if (!guards.input.isEmpty() && !guards.inputInParallel) {
                message = guards.checkInput(1, prompt, notify);
            } else if (!guards.input.isEmpty()) {
                // the decisions are told on this thread once the check is joined, as listeners expect
                checking = CompletableFuture.supplyAsync(() -> guards.checkInput(1, prompt, inputEvents::add),
                        agent.executor);
            }
        } catch (Guards.Stopped stopped) {
            throw stop(stopped);
        }
        int promptAt = transcript.size();
        add(message);
        ToolRunner tools = new ToolRunner(agent.executor, agent.toolTimeout, agent.maxToolResultLength,
                agent.maxRepeatedCalls, conversationId, guards, notify);
        for (int count = 1; count <= agent.maxSteps; count++) {
            int step = count;
            cancellation.throwIfCancelled();
            // asked at every step: a tool source's tools may have changed since the last
            Toolbox toolbox = agent.toolbox();
            List<ToolDefinition> definitions = toolbox.definitions();
            ChatRequest request = new ChatRequest(withAnswerInstructions(agent.memory.select(transcript, definitions)),
                    definitions, options);
            try {
                budgets.beforeCall(request, lastModel, usage, cost());
            } catch (Budgets.Exceeded exceeded) {
                throw overBudget(exceeded);
            }
            agent.notify(handler, l -> l.onRequest(step, request));
            ChatResponse response = handler == null ? agent.model.chat(request)
                    : agent.model.stream(request, handler::onText, cancellation);
            agent.notify(handler, l -> l.onResponse(step, response));
            account(response);
            if (checking != null) {
                UserMessage checked = awaitInput(checking);
                checking = null;
                List.copyOf(inputEvents).forEach(notify);
                if (checked != transcript.get(promptAt)) {
                    // the model answered a message the guardrails rewrote: ask again with the rewrite
                    transcript.set(promptAt, checked);
                    if (persist != null) {
                        unsaved.set(unsaved.indexOf(message), checked);
                    }
                    message = checked;
                    continue;
                }
            }
            AssistantMessage reply = ToolCallIds.unique(response.message());
            add(reply);
            if (reply.hasToolCalls()) {
                save(false);
                try {
                    budgets.afterCall(usage, cost());
                    budgets.beforeTools(toolCalls, reply.toolCalls().size());
                } catch (Budgets.Exceeded exceeded) {
                    throw overBudget(exceeded);
                }
                toolCalls += reply.toolCalls().size();
                // Any call of a cut reply may be incomplete, or arguments the model did not mean: none is run.
                List<? extends Message> results;
                try {
                    results = response.finishReason().cutOff()
                            ? tools.notRun(step, reply.toolCalls(), response.finishReason())
                            : tools.run(step, toolbox, reply.toolCalls(), cancellation);
                } catch (Guards.Stopped stopped) {
                    throw stop(stopped);
                }
                results.forEach(this::add);
                save(false);
                cancellation.throwIfCancelled();
                continue;
            }
            AgentResult result = finish(step, reply, response.finishReason());
            if (result != null) {
                agent.notify(handler, l -> l.onFinished(result));
                return result;
            }
        }
        throw new MaxStepsExceededException(agent.maxSteps, transcript, usage,
                cost());
    }

    /**
     * Checks a final answer: against the answer's schema for a typed run, then by the output
     * guardrails. Returns the result when it is accepted; null when the model was asked to repair
     * it (the repair request is in the transcript).
     */
    private AgentResult finish(int step, AssistantMessage reply, FinishReason finishReason) {
        String text = reply.content() == null ? "" : reply.content();
        Optional<Object> typed = Optional.empty();
        if (answer != null) {
            if (reply.refused()) {
                save(true);
                throw new RefusalException(reply.refusal(), transcript, usage, cost());
            }
            AnswerType.Checked<?> checked = checkAnswer(step, text, finishReason);
            if (!checked.ok()) {
                if (repairs < agent.maxRepairs) {
                    repair("Your answer was not accepted: it does not match the required JSON schema.\n- "
                            + String.join("\n- ", checked.problems())
                            + "\nAnswer again with only the corrected JSON object.");
                    return null;
                }
                save(true);
                throw new InvalidAnswerException(answer.type().getTypeName(), text, checked.problems(), repairs,
                        transcript, usage, cost());
            }
            typed = Optional.ofNullable(checked.value());
        }
        if (!agent.guards.output.isEmpty()) {
            Guards.Decision decision;
            try {
                decision = agent.guards.checkOutput(step, text, typed, transcript, notify);
            } catch (Guards.Stopped stopped) {
                throw stopWithout(reply, stopped);
            }
            Verdict verdict = decision.verdict();
            if (verdict instanceof Verdict.Replace replace) {
                text = replace.text();
                if (answer != null) {
                    AnswerType.Checked<?> checked = answer.check(text);
                    if (!checked.ok()) {
                        throw stopWithout(reply, new Guards.Stopped(decision.guardrail(), Stage.OUTPUT,
                                "it replaced the answer with one that does not match the answer's schema: "
                                        + String.join("; ", checked.problems())));
                    }
                    typed = Optional.ofNullable(checked.value());
                }
                AssistantMessage replaced = new AssistantMessage(text, List.of(), null);
                transcript.set(transcript.size() - 1, replaced);
                if (persist != null) {
                    unsaved.set(unsaved.size() - 1, replaced);
                }
            } else if (verdict instanceof Verdict.Retry retry) {
                if (repairs >= agent.maxRepairs) {
                    throw stopWithout(reply, new Guards.Stopped(decision.guardrail(), Stage.OUTPUT,
                            "the answer was still rejected after " + repairs + " repair(s): " + retry.feedback()));
                }
                repair("Your answer was not accepted (guardrail '" + decision.guardrail() + "'): "
                        + retry.feedback());
                return null;
            } else if (verdict instanceof Verdict.Stop stop) {
                throw stopWithout(reply, new Guards.Stopped(decision.guardrail(), Stage.OUTPUT, stop.reason()));
            }
        }
        save(true);
        value = typed.orElse(null);
        return new AgentResult(text, transcript, step, usage, cost(), finishReason,
                Optional.ofNullable(reply.refusal()));
    }

    private AnswerType.Checked<?> checkAnswer(int step, String text, FinishReason finishReason) {
        AnswerType.Checked<?> checked = answer.check(text);
        if (!checked.ok() && finishReason.cutOff()) {
            List<String> problems = new ArrayList<>();
            problems.add(finishReason == FinishReason.LENGTH
                    ? "the answer was cut off at the token limit (finish_reason length); write a shorter answer"
                    : "the answer was cut by the content filter (finish_reason content_filter)");
            problems.addAll(checked.problems());
            checked = new AnswerType.Checked<>(null, null, problems);
        }
        Verdict verdict = checked.ok() ? Verdict.pass() : Verdict.retry(String.join("; ", checked.problems()));
        Guards.tell(notify, step, GuardrailEvent.ANSWER_SCHEMA, Stage.OUTPUT, verdict, null);
        return checked;
    }

    /** Sends the final answer back to the model with what was wrong with it. */
    private void repair(String request) {
        repairs++;
        add(new UserMessage(request));
        save(false);
    }

    /** The messages of a request, with the answer's schema in the instructions when the server cannot take it otherwise. */
    private List<Message> withAnswerInstructions(List<Message> messages) {
        if (answerInstructions == null) {
            return messages;
        }
        List<Message> sent = new ArrayList<>(messages.size() + 1);
        if (!messages.isEmpty() && messages.get(0) instanceof SystemMessage system) {
            sent.add(new SystemMessage(system.content() + "\n\n" + answerInstructions));
            sent.addAll(messages.subList(1, messages.size()));
        } else {
            sent.add(new SystemMessage(answerInstructions));
            sent.addAll(messages);
        }
        return sent;
    }

    private UserMessage awaitInput(CompletableFuture<UserMessage> checking) {
        try {
            return checking.join();
        } catch (CompletionException e) {
            List.copyOf(inputEvents).forEach(notify);
            if (e.getCause() instanceof Guards.Stopped stopped) {
                // the model's answer to a message that was stopped is neither kept nor stored
                transcript.remove(transcript.size() - 1);
                if (persist != null) {
                    unsaved.remove(unsaved.size() - 1);
                }
                throw stop(stopped);
            }
            throw e;
        }
    }

    /** A stop of the final answer: the answer is neither in the transcript nor stored; what came before it is. */
    private GuardrailException stopWithout(AssistantMessage reply, Guards.Stopped stopped) {
        transcript.remove(transcript.size() - 1);
        if (persist != null && !unsaved.isEmpty() && unsaved.get(unsaved.size() - 1) == reply) {
            unsaved.remove(unsaved.size() - 1);
        }
        save(false);
        return stop(stopped);
    }

    private BudgetExceededException overBudget(Budgets.Exceeded exceeded) {
        return new BudgetExceededException(exceeded.limit, exceeded.conversation, exceeded.getMessage(), transcript,
                usage, cost());
    }

    /** The tool calls this run asked for, for its conversation's budget. */
    int toolCalls() {
        return toolCalls;
    }

    private GuardrailException stop(Guards.Stopped stopped) {
        return new GuardrailException(stopped.guardrail, stopped.stage.label(), stopped.reason, transcript, usage,
                cost(), stopped.getCause());
    }

    private void add(Message message) {
        transcript.add(message);
        if (persist != null) {
            unsaved.add(message);
        }
    }

    private void save(boolean endsTurn) {
        if (persist != null && !unsaved.isEmpty()) {
            persist.save(List.copyOf(unsaved), endsTurn);
            unsaved.clear();
        }
    }

    private void account(ChatResponse response) {
        if (response.model() != null) {
            lastModel = response.model();
        }
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
