package io.agent4j;

import io.agent4j.answer.AnswerType;
import io.agent4j.approval.Decision;
import io.agent4j.approval.PendingCall;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.Message;
import io.agent4j.chat.ResponseFormat;
import io.agent4j.chat.StreamListener;
import io.agent4j.chat.StructuredOutput;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
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
import io.agent4j.memory.RunRecord;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * One run of the agent loop: build the request from what memory selects, call the model,
 * run the tool calls, append, repeat until the model gives a final answer, which a typed run
 * checks against its schema and the output guardrails check before it is returned; an answer they
 * reject is sent back for repair. What completes is handed to {@code persist} (a conversation's
 * store) at once: each answer of the model when it arrives (the user message with the first; an
 * answer whose calls wait for approval together with the waiting state), then each result of its
 * tool calls once it and every call before it have finished; a final answer once it is accepted.
 * The ids of a reply's tool calls are made unique first, so that each result answers one call.
 */
final class AgentLoop {

    /** Where the steps of a conversation's turn go as they complete. */
    @FunctionalInterface
    interface Persist {
        /**
         * Stores {@code messages} with the run's state, in one transaction; {@code endsTurn} when the
         * run ends with them or waits.
         */
        void save(List<Message> messages, boolean endsTurn, RunRecord run);
    }

    private final Agent agent;
    private final String conversationId;
    private final String runId;
    /** The decisions the run was resumed with, kept with its state; empty for a run that never waited. */
    private List<Decision> decisions = List.of();
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
    private int steps;
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
    private ToolRunner runner;

    AgentLoop(Agent agent, List<Message> history, String conversationId, StreamHandler handler,
            Cancellation cancellation, Persist persist, AnswerType<?> answer) {
        this(agent, history, conversationId, conversationId, handler, cancellation, persist, answer, null);
    }

    AgentLoop(Agent agent, List<Message> history, String conversationId, String runId, StreamHandler handler,
            Cancellation cancellation, Persist persist, AnswerType<?> answer, Budgets.Spent spent) {
        this.agent = agent;
        this.conversationId = conversationId;
        this.runId = runId;
        this.handler = handler;
        this.cancellation = cancellation;
        this.persist = persist;
        this.answer = answer == null || agent.strictTools ? answer : answer.lenient();
        this.transcript = new ArrayList<>(history);
        // a conversation's send gives what the conversation spent before it; other runs have no conversation budget
        this.budgets = new Budgets(agent.budget, spent == null ? io.agent4j.usage.Budget.NONE
                : agent.conversationBudget, spent == null ? Budgets.Spent.NOTHING : spent, agent.prices);
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

    /**
     * The run's result with its typed answer's value, and how often the model was asked to repair
     * its final answer, once {@link #run} or {@link #resume} returned {@code result}.
     */
    @SuppressWarnings("unchecked")
    <T> TypedResult<T> typed(AgentResult result) {
        return new TypedResult<>((T) value, repairs, result);
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
        CompletableFuture<UserMessage> inputChecks = checking;
        UserMessage sent = message;
        return recorded(false, () -> steps(1, inputChecks, promptAt, sent));
    }

    /**
     * Continues a run from its stored state: the step it waited before, its calls run as decided (a
     * rejected call answered with the person's reason), or the step its process died in, whose calls
     * without a stored result are run again only when their tool is idempotent and, if the call needs
     * approval, it was approved; then the loop goes on.
     */
    AgentResult resume(RunRecord run, List<Decision> given) {
        this.decisions = given.isEmpty() ? run.decisions() : List.copyOf(given);
        this.steps = run.steps();
        this.usage = run.usage();
        this.toolCalls = run.toolCalls();
        if (run.usage().totalTokens() > 0 || !run.usage().known()) {
            usageByModel.put(run.model(), run.usage());
        }
        if (run.model() != null) {
            lastModel = run.model();
        }
        return recorded(true, () -> {
            finishStoredStep(given.isEmpty());
            return steps(run.steps() + 1, null, -1, null);
        });
    }

    /**
     * Runs the loop inside the agent's interceptors, and records how the run ended in its state
     * (failed, when it throws), for the store's list of runs; the listeners are told of a failure.
     */
    private AgentResult recorded(boolean resumed, java.util.function.Supplier<AgentResult> run) {
        if (agent.interceptors.isEmpty()) {
            return failedRecorded(run);
        }
        return Interceptors.run(agent.interceptors, new AgentInterceptor.Run(agent.name, runId, conversationId,
                resumed, options.model() != null ? options.model() : lastModel != null ? lastModel : agent.model.model()),
                () -> failedRecorded(run));
    }

    private AgentResult failedRecorded(java.util.function.Supplier<AgentResult> run) {
        try {
            return run.get();
        } catch (RuntimeException | Error e) {
            agent.notify(handler, l -> l.onFailed(e));
            if (persist != null) {
                try {
                    persist.save(List.of(), true, state(RunRecord.Status.FAILED, List.of()));
                } catch (RuntimeException notRecorded) {
                    e.addSuppressed(notRecorded);
                }
            }
            throw e;
        }
    }

    /**
     * Answers the calls of the last stored reply that have no result yet, before the loop goes on:
     * as decided, or, after a crash (no decisions given now), run again only when that is safe.
     */
    private void finishStoredStep(boolean crashed) {
        List<ToolCall> open = unansweredCalls();
        if (open.isEmpty()) {
            return;
        }
        Toolbox toolbox = agent.toolbox();
        Map<String, io.agent4j.tool.ToolResult> given = new HashMap<>();
        Map<String, Decision> decided = new HashMap<>();
        decisions.forEach(d -> decided.put(d.callId(), d));
        int decidedStep = steps;
        for (ToolCall call : open) {
            Decision decision = decided.get(call.id());
            if (decision != null) {
                agent.notify(handler, l -> l.onDecision(decidedStep, call, decision));
            }
            if (decision != null && !decision.approved()) {
                given.put(call.id(), io.agent4j.tool.ToolResult.failure("Rejected: a person did not approve this call "
                        + "of tool '" + call.name() + "', so it was not run" + (decision.reason().isBlank() ? "."
                                : ": " + decision.reason())));
            } else if (crashed && (!toolbox.idempotent(call.name())
                    || decision == null && needsApproval(toolbox, call))) {
                // the process running it died: it may or may not have run, and running it again could do it
                // twice; a call that needs approval runs only with one, even when its tool is idempotent
                given.put(call.id(), io.agent4j.tool.ToolResult.failure("Unknown: the run stopped while tool '"
                        + call.name() + "' was called, so whether it ran is not known; it was not run again. "
                        + "Check its effect before calling it again."));
            }
        }
        int step = steps;
        int running = open.size() - given.size();
        withinBudget(() -> budgets.beforeTools(toolCalls, running));
        toolCalls += running;
        ToolRunner tools = tools();
        try {
            tools.run(step, toolbox, open, given, cancellation, this::completed);
        } catch (Guards.Stopped stopped) {
            throw stopStep(stopped);
        }
        cancellation.throwIfCancelled();
    }

    /** One model call, streamed to the handler when there is one; its retries told to the listeners. */
    private ChatResponse call(int step, ChatRequest request) {
        StreamListener events = new StreamListener() {
            @Override
            public void onText(String delta) {
                handler.onText(delta);
            }

            @Override
            public void onRetry(io.agent4j.chat.Retry retry) {
                agent.notify(handler, l -> l.onRetry(step, retry));
            }
        };
        return handler == null ? agent.model.chat(request, events, cancellation)
                : agent.model.stream(request, events, cancellation);
    }

    private ToolRunner tools() {
        if (runner == null) {
            runner = new ToolRunner(agent.executor, agent.onDefaultExecutor(), agent.toolTimeout,
                    agent.maxToolResultLength, agent.maxRepeatedCalls, conversationId, agent.guards, notify,
                    agent.model.acceptsImages(), agent.interceptors, agent.toolSpeeds);
        }
        return runner;
    }

    /** A tool result, stored as soon as it (and every call before it) has finished. */
    private void completed(Message result) {
        add(result);
        save(false);
    }

    private AgentResult steps(int first, CompletableFuture<UserMessage> checking, int promptAt, UserMessage message) {
        ToolRunner tools = tools();
        for (int count = first; count <= agent.maxSteps; count++) {
            int step = count;
            cancellation.throwIfCancelled();
            // asked at every step: a tool source's tools may have changed since the last
            Toolbox toolbox = agent.toolbox();
            List<ToolDefinition> definitions = toolbox.definitions();
            ChatRequest request = new ChatRequest(withAnswerInstructions(agent.memory.select(transcript, definitions)),
                    definitions, options);
            withinBudget(() -> budgets.beforeCall(request, lastModel, usage, this::cost));
            agent.notify(handler, l -> l.onRequest(step, request));
            ChatResponse response = agent.interceptors.isEmpty() ? call(step, request)
                    : Interceptors.modelCall(agent.interceptors, step, request, () -> call(step, request));
            agent.notify(handler, l -> l.onResponse(step, response));
            account(response);
            steps = step;
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
                // Any call of a cut reply may be incomplete, or arguments the model did not mean: none is run.
                boolean cut = response.finishReason().cutOff();
                List<PendingCall> waiting;
                try {
                    waiting = cut ? List.of() : approvals(toolbox, reply.toolCalls());
                } catch (RuntimeException policyFailed) {
                    save(false);
                    throw policyFailed;
                }
                // a reply whose calls wait is stored with the waiting state, in one transaction: stored as
                // running first, a crash in between would leave calls that need approval to a recovery
                if (waiting.isEmpty()) {
                    save(false);
                }
                try {
                    budgets.afterCall(usage, this::cost);
                    budgets.beforeTools(toolCalls, reply.toolCalls().size());
                } catch (Budgets.Exceeded exceeded) {
                    save(false);
                    throw overBudget(exceeded);
                }
                if (cut) {
                    toolCalls += reply.toolCalls().size();
                    tools.notRun(step, reply.toolCalls(), response.finishReason()).forEach(this::add);
                    save(false);
                    continue;
                }
                if (!waiting.isEmpty()) {
                    return waitFor(step, waiting, response.finishReason());
                }
                toolCalls += reply.toolCalls().size();
                try {
                    tools.run(step, toolbox, reply.toolCalls(), Map.of(), cancellation, this::completed);
                } catch (Guards.Stopped stopped) {
                    throw stopStep(stopped);
                }
                cancellation.throwIfCancelled();
                continue;
            }
            AgentResult result = finish(step, reply, response.finishReason());
            if (result != null) {
                agent.notify(handler, l -> l.onFinished(result));
                return result;
            }
        }
        throw new MaxStepsExceededException(agent.maxSteps, transcript, usage, knownCost());
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
                throw new RefusalException(reply.refusal(), transcript, usage, knownCost());
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
                        transcript, usage, knownCost());
            }
            typed = Optional.ofNullable(checked.value());
        }
        if (!agent.guards.output.isEmpty()) {
            Guards.Decision decision;
            try {
                decision = agent.guards.checkOutput(step, text, typed, transcript, this::recheck, notify);
            } catch (Guards.Stopped stopped) {
                throw stopWithout(reply, stopped);
            }
            if (decision.retry() != null) {
                if (repairs >= agent.maxRepairs) {
                    throw stopWithout(reply, new Guards.Stopped(decision.guardrail(), Stage.OUTPUT,
                            "the answer was still rejected after " + repairs + " repair(s): "
                                    + decision.retry().feedback()));
                }
                repair("Your answer was not accepted (guardrail '" + decision.guardrail() + "'): "
                        + decision.retry().feedback());
                return null;
            }
            if (!decision.text().equals(text)) {
                text = decision.text();
                AssistantMessage replaced = new AssistantMessage(text, List.of(), null);
                transcript.set(transcript.size() - 1, replaced);
                if (persist != null) {
                    unsaved.set(unsaved.size() - 1, replaced);
                }
            }
            typed = decision.value();
        }
        save(true);
        value = typed.orElse(null);
        return result(text, step, finishReason).refusal(reply.refusal()).build();
    }

    /** The value of a final answer an output guardrail replaced: a typed one must still match its schema. */
    private Optional<Object> recheck(String guardrail, String text) {
        if (answer == null) {
            return Optional.empty();
        }
        AnswerType.Checked<?> checked = answer.check(text);
        if (!checked.ok()) {
            throw new Guards.Stopped(guardrail, Stage.OUTPUT, "it replaced the answer with one that does not match "
                    + "the answer's schema: " + String.join("; ", checked.problems()));
        }
        return Optional.ofNullable(checked.value());
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
                usage, knownCost());
    }

    /** Runs a budget check, a limit it finds reached ending the run with the transcript so far. */
    private void withinBudget(Runnable check) {
        try {
            check.run();
        } catch (Budgets.Exceeded exceeded) {
            throw overBudget(exceeded);
        }
    }

    /** The run's id. */
    String runId() {
        return runId;
    }

    /** The tool calls this run asked for, for its conversation's budget. */
    int toolCalls() {
        return toolCalls;
    }

    /**
     * A stop at a tool call or result: each call of the step without a result yet is answered as
     * stopped, so that a conversation can still be sent to the model; the results already stored stay.
     */
    private GuardrailException stopStep(Guards.Stopped stopped) {
        ToolRunner.stopped(unansweredCalls(), stopped.guardrail, stopped.stage).forEach(this::add);
        save(false);
        return stop(stopped);
    }

    /** The calls of the transcript's last reply that have no result after it yet. */
    private List<ToolCall> unansweredCalls() {
        int at = transcript.size() - 1;
        while (at >= 0 && !(transcript.get(at) instanceof AssistantMessage)) {
            at--;
        }
        if (at < 0) {
            return List.of();
        }
        Set<String> answered = new HashSet<>();
        for (Message message : transcript.subList(at + 1, transcript.size())) {
            if (message instanceof ToolMessage result) {
                answered.add(result.toolCallId());
            }
        }
        return ((AssistantMessage) transcript.get(at)).toolCalls().stream()
                .filter(call -> !answered.contains(call.id())).toList();
    }

    private GuardrailException stop(Guards.Stopped stopped) {
        return new GuardrailException(stopped.guardrail, stopped.stage.label(), stopped.reason, transcript, usage,
                knownCost(), stopped.getCause());
    }

    private void add(Message message) {
        transcript.add(message);
        if (persist != null) {
            unsaved.add(message);
        }
    }

    /** Stores what is not stored yet with the run's state: running, or (when it ends the turn) completed. */
    private void save(boolean endsTurn) {
        if (persist != null && !unsaved.isEmpty()) {
            persist.save(List.copyOf(unsaved), endsTurn, state(endsTurn ? RunRecord.Status.COMPLETED
                    : RunRecord.Status.RUNNING, List.of()));
            unsaved.clear();
        }
    }

    private RunRecord state(RunRecord.Status status, List<PendingCall> pending) {
        return new RunRecord(runId, conversationId, status, steps, toolCalls, usage, pending, decisions, agent.runLabels,
                lastModel, agent.options, java.time.Instant.now());
    }

    /**
     * Why each call of a step needs approval, by the tool's declaration and the agent's policy; empty
     * when none does. A call of a tool the agent does not have needs none: it runs nothing, and the
     * model is told the tool is unknown.
     */
    private List<PendingCall> approvals(Toolbox toolbox, List<io.agent4j.chat.ToolCall> calls) {
        List<PendingCall> pending = new ArrayList<>();
        Set<String> names = toolbox.names();
        for (io.agent4j.chat.ToolCall call : calls) {
            if (!names.contains(call.name())) {
                continue;
            }
            Optional<String> reason = agent.approvals.check(call, toolbox.approval(call.name()),
                    new io.agent4j.tool.ToolContext(conversationId, call.id()));
            if (reason != null && reason.isPresent()) {
                pending.add(new PendingCall(call.id(), call.name(), call.arguments(), reason.get()));
            }
        }
        return pending;
    }

    private boolean needsApproval(Toolbox toolbox, io.agent4j.chat.ToolCall call) {
        return !approvals(toolbox, List.of(call)).isEmpty();
    }

    /**
     * Stops the run before a step whose calls need approval: none of them runs, those that need none
     * included (they run when the run is resumed), and the run's state is stored as waiting with the
     * pending calls; a one-off run stores its whole transcript then, under its own id.
     */
    private AgentResult waitFor(int step, List<PendingCall> pending, FinishReason finishReason) {
        agent.notify(handler, l -> l.onWaiting(step, pending));
        RunRecord waiting = state(RunRecord.Status.WAITING, pending);
        if (!agent.store.keepsRuns()) {
            throw new IllegalStateException("A call of tool '" + pending.get(0).tool() + "' needs approval, but the "
                    + "agent's store (" + agent.store.getClass().getName() + ") keeps no runs, so the run could not be "
                    + "resumed; use InMemoryConversationStore or JdbcConversationStore");
        }
        if (persist != null) {
            persist.save(List.copyOf(unsaved), true, waiting);
            unsaved.clear();
        } else {
            agent.store.append(conversationId, runId, 0, transcript, true, waiting);
        }
        AgentResult result = result("", step, finishReason).pending(pending).build();
        agent.notify(handler, l -> l.onFinished(result));
        return result;
    }

    private void account(ChatResponse response) {
        if (response.model() != null) {
            lastModel = response.model();
        }
        usage = usage.plus(response.usage());
        String model = response.model() != null ? response.model() : agent.options.model();
        usageByModel.merge(model, response.usage(), Usage::plus);
    }

    /** A result of the run so far with this text. */
    private AgentResult.Builder result(String text, int step, FinishReason finishReason) {
        return AgentResult.builder().text(text).messages(transcript).steps(step).usage(usage).cost(knownCost())
                .finishReason(finishReason).runId(runId);
    }

    /** What the run cost; null when a model that answered is not in the price table. */
    private BigDecimal knownCost() {
        return cost().orElse(null);
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
