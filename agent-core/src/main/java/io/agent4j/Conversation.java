package io.agent4j;

import io.agent4j.answer.AnswerType;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.Message;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.ConcurrentConversationException;
import io.agent4j.memory.HistoryRepair;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A multi-turn conversation with an agent. Each {@link #send} runs the loop with the history so
 * far (as the agent's {@link io.agent4j.memory.ChatMemory} selects it; the instructions always
 * first) and stores each part of the turn in the agent's store as it completes: each answer of
 * the model when it arrives (the user message with the first), each result of its tool calls once
 * it and every call before it have finished (a call stopped by a
 * {@link io.agent4j.chat.Cancellation} stored as cancelled). A crash mid-run keeps what was done:
 * {@code agent.resume(runId)} continues the run (listed by
 * {@code store.runs(RunRecord.Status.RUNNING)}), or {@code agent.conversation(id)} goes on with
 * the conversation, in this process or another, where a call whose result was never stored is
 * answered, on loading, by a message saying so ({@link HistoryRepair}).
 *
 * <pre>{@code
 * Conversation chat = agent.conversation("user-42");
 * chat.send("Plan my day in Seoul.");
 * chat.send("And tomorrow?");
 * }</pre>
 *
 * Sends on one object are serialized. A turn is atomic against every other writer of the same id
 * (another object, another process): while this object's send runs, their sends fail with
 * {@link ConcurrentConversationException} before they ask the model, and store nothing, as does a
 * send of this object when another writer stored anything since this object last read or wrote
 * the conversation. A failed or cancelled send ends its turn, keeping the steps it stored.
 */
public final class Conversation {

    private final Agent agent;
    private final String id;
    private final List<Message> history;
    /** This object's name as a writer of the store: a turn it opened is continued only by it. */
    private final String writer = UUID.randomUUID().toString();
    /** Held by the send or resume in progress. */
    private final ReentrantLock sends = new ReentrantLock();
    private long stored;
    private boolean turnOpen;
    /** What the sends so far spent; read without waiting for a send in progress. */
    private volatile Totals totals = new Totals(Usage.ZERO, BigDecimal.ZERO, true);
    private int toolCalls;
    private Duration time = Duration.ZERO;
    /**
     * The run of the conversation that waits for approval (of the last send, or found in the store
     * when the conversation was loaded); no other send may start meanwhile.
     */
    private String waitingRun;
    /** The calls that run waits for. */
    private volatile List<io.agent4j.approval.PendingCall> pending = List.of();
    /** The loop of the send in progress, for what it spent. */
    private AgentLoop current;

    Conversation(Agent agent, String id) {
        this.agent = agent;
        this.id = id;
        List<Message> loaded = agent.store.load(id);
        this.stored = loaded.size();
        this.history = new ArrayList<>(HistoryRepair.repair(id, loaded));
        agent.store.waitingRun(id).ifPresent(run -> {
            waitingRun = run.runId();
            pending = run.pending();
        });
    }

    /** The conversation's id, to resume it with {@code agent.conversation(id)}. */
    public String id() {
        return id;
    }

    /** Sends a user message and runs the loop until the agent answers. */
    public AgentResult send(String text) {
        return send(new UserMessage(Objects.requireNonNull(text, "text")));
    }

    /** Sends a user message, such as a question with images, and runs the loop until the agent answers. */
    public AgentResult send(UserMessage message) {
        Objects.requireNonNull(message, "message");
        return serialized(() -> account(inTurn(() -> loop(null, Cancellation.NEVER, null).run(message))));
    }

    /**
     * Sends a user message and returns the answer as a value of {@code type}, checked as
     * {@link Agent#run(String, Class)} checks it; the answer's JSON is stored as the turn's answer.
     */
    public <T> TypedResult<T> send(String text, Class<T> type) {
        return send(new UserMessage(Objects.requireNonNull(text, "text")), AnswerType.of(type));
    }

    /** Sends like {@link #send(String, Class)} with an answer type made ahead, or of a generic type. */
    public <T> TypedResult<T> send(String text, AnswerType<T> type) {
        return send(new UserMessage(Objects.requireNonNull(text, "text")), type);
    }

    /** Sends like {@link #send(String, Class)} a user message of parts. */
    public <T> TypedResult<T> send(UserMessage message, AnswerType<T> type) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(type, "type");
        return serialized(() -> typed(() -> loop(null, Cancellation.NEVER, type), message));
    }

    /** Streams like {@link #stream(UserMessage, StreamHandler, Cancellation)} a typed answer. */
    public <T> TypedResult<T> stream(UserMessage message, AnswerType<T> type, StreamHandler handler,
            Cancellation cancellation) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(cancellation, "cancellation");
        return serialized(() -> typed(() -> loop(handler, cancellation, type), message));
    }

    private <T> TypedResult<T> typed(Supplier<AgentLoop> loops, UserMessage message) {
        AgentLoop[] loop = new AgentLoop[1];
        AgentResult result = account(inTurn(() -> {
            loop[0] = loops.get();
            return loop[0].run(message);
        }));
        return loop[0].typed(result);
    }

    private AgentLoop loop(StreamHandler handler, Cancellation cancellation, AnswerType<?> type) {
        AgentLoop loop = agent.loop(messages(), id, handler, cancellation, this::persist, type,
                new Budgets.Spent(totals.usage(), cost(), toolCalls, time));
        current = loop;
        return loop;
    }

    /** Sends like {@link #send}, streaming the answer to {@code handler}; {@code cancellation} may stop it. */
    public AgentResult stream(String text, StreamHandler handler, Cancellation cancellation) {
        return stream(new UserMessage(Objects.requireNonNull(text, "text")), handler, cancellation);
    }

    /** Streams like {@link #stream(String, StreamHandler, Cancellation)} for a user message of parts. */
    public AgentResult stream(UserMessage message, StreamHandler handler, Cancellation cancellation) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(cancellation, "cancellation");
        return serialized(() -> account(inTurn(() -> loop(handler, cancellation, null).run(message))));
    }

    /**
     * Runs a send or a resume while no other of this object's runs: under a lock rather than a
     * monitor, since a send waits for the model, and on Java 21 to 23 a virtual thread that waits
     * inside {@code synchronized} holds its carrier thread all the while.
     */
    private <T> T serialized(Supplier<T> run) {
        sends.lock();
        try {
            return run.get();
        } finally {
            sends.unlock();
        }
    }

    /**
     * Runs a turn: opens it in the store first, so that a conversation another writer is using is
     * refused before the model is asked; a turn that fails is ended so that others may write.
     */
    private AgentResult inTurn(Supplier<AgentResult> turn) {
        if (waitingRun != null) {
            throw new IllegalStateException("Conversation '" + id + "' waits for a decision on the pending calls of "
                    + "run '" + waitingRun + "'; resume it with resume(decisions) before sending again.");
        }
        agent.store.beginTurn(id, writer, stored);
        turnOpen = true;
        AgentResult result;
        long started = System.nanoTime();
        try {
            result = turn.get();
        } catch (RuntimeException | Error e) {
            spent(started);
            try {
                endTurn();
            } catch (RuntimeException endFailed) {
                e.addSuppressed(endFailed);
            }
            throw e;
        }
        spent(started);
        endTurn();
        return result;
    }

    /** Adds the time and tool calls of the send that just ended, for the conversation's budget. */
    private void spent(long started) {
        time = time.plusNanos(System.nanoTime() - started);
        if (current != null) {
            toolCalls += current.toolCalls();
            current = null;
        }
    }

    /** Ends this object's turn unless its final answer ended it already. */
    private void endTurn() {
        if (turnOpen) {
            turnOpen = false;
            agent.store.endTurn(id, writer);
        }
    }

    /** Stores a step with its run's state; the accepted final answer ends the turn in the same write. */
    private void persist(List<Message> messages, boolean ends, io.agent4j.memory.RunRecord run) {
        agent.store.append(id, writer, stored, messages, ends, run);
        turnOpen = !ends;
        stored += messages.size();
        synchronized (history) {
            history.addAll(messages);
        }
    }

    /** Tokens and cost of the sends so far, replaced as a whole. */
    private record Totals(Usage usage, BigDecimal cost, boolean costKnown) {
    }

    private AgentResult account(AgentResult result) {
        waitingRun = result.waiting() ? result.runId() : null;
        pending = result.waiting() ? result.pending() : List.of();
        Totals before = totals;
        totals = new Totals(before.usage().plus(result.usage()),
                result.cost().map(before.cost()::add).orElse(before.cost()),
                before.costKnown() && result.cost().isPresent());
        return result;
    }

    /**
     * The calls that the conversation's waiting run asks a person to decide on, for
     * {@link #resume}: those of the last send when its result was {@link AgentResult#waiting()}, or of
     * a run that waited when the conversation was loaded (stopped in another process); empty when
     * none waits.
     */
    public List<io.agent4j.approval.PendingCall> pending() {
        return pending;
    }

    /**
     * Resumes the run of this conversation that waits for approval (the last send's result was
     * {@link AgentResult#waiting()}, or {@link #pending()} is not empty), like {@link Agent#resume(String, java.util.List)}, and goes on
     * with the conversation as stored then.
     *
     * @throws IllegalStateException when no run of this object waits
     * @throws io.agent4j.errors.ResumeRefusedException when the decisions do not answer exactly its pending calls
     */
    public AgentResult resume(java.util.List<io.agent4j.approval.Decision> decisions) {
        return serialized(() -> resumeWaitingRun(decisions));
    }

    private AgentResult resumeWaitingRun(java.util.List<io.agent4j.approval.Decision> decisions) {
        if (waitingRun == null) {
            throw new IllegalStateException("Conversation '" + id + "' has no run waiting for approval.");
        }
        AgentResult result;
        try {
            result = agent.resumeInConversation(waitingRun, decisions, new Budgets.Spent(totals.usage(), cost(),
                    toolCalls, time));
        } finally {
            List<Message> loaded = agent.store.load(id);
            stored = loaded.size();
            synchronized (history) {
                history.clear();
                history.addAll(HistoryRepair.repair(id, loaded));
            }
            // a resume that was refused leaves the run waiting; one that failed while it ran (a
            // guardrail's stop, the model's error) ended it, and the conversation may go on
            String run = waitingRun;
            if (agent.store.run(run).map(r -> r.status() != io.agent4j.memory.RunRecord.Status.WAITING).orElse(true)) {
                waitingRun = null;
                pending = List.of();
            }
        }
        return account(result);
    }

    /**
     * Every message so far, system first, as stored (after any repair on load); during a send, with
     * the steps it stored so far. Does not wait for a send in progress.
     */
    public List<Message> messages() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** The tokens of every send on this object that ended. Does not wait for a send in progress. */
    public Usage usage() {
        return totals.usage();
    }

    /**
     * What every send on this object that ended cost in US dollars; empty when a price was unknown.
     * Does not wait for a send in progress.
     */
    public Optional<BigDecimal> cost() {
        Totals now = totals;
        return now.costKnown() ? Optional.of(now.cost()) : Optional.empty();
    }

    @Override
    public String toString() {
        return "Conversation[" + id + ", " + messages().size() + " messages]";
    }
}
