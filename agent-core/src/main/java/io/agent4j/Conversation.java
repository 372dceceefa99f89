package io.agent4j;

import io.agent4j.chat.Cancellation;
import io.agent4j.chat.Message;
import io.agent4j.chat.Usage;
import io.agent4j.memory.HistoryRepair;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A multi-turn conversation with an agent. Each {@link #send} runs the loop with the history so
 * far (as the agent's {@link io.agent4j.memory.ChatMemory} selects it; the instructions always
 * first) and stores every completed step in the agent's store, so a crash mid-run keeps what was
 * done and {@code agent.conversation(id)} resumes it, in this process or another.
 *
 * <pre>{@code
 * Conversation chat = agent.conversation("user-42");
 * chat.send("Plan my day in Seoul.");
 * chat.send("And tomorrow?");
 * }</pre>
 *
 * Sends on one object are serialized; two processes sending to the same id at once are detected
 * ({@link ConcurrentConversationException}), never interleaved.
 */
public final class Conversation {

    private final Agent agent;
    private final String id;
    private final List<Message> history;
    private long stored;
    private Usage usage = Usage.ZERO;
    private BigDecimal cost = BigDecimal.ZERO;
    private boolean costKnown = true;

    Conversation(Agent agent, String id) {
        this.agent = agent;
        this.id = id;
        List<Message> loaded = agent.store.load(id);
        this.stored = loaded.size();
        this.history = new ArrayList<>(HistoryRepair.repair(id, loaded));
    }

    /** The conversation's id, to resume it with {@code agent.conversation(id)}. */
    public String id() {
        return id;
    }

    /** Sends a user message and runs the loop until the agent answers. */
    public synchronized AgentResult send(String text) {
        return account(agent.send(List.copyOf(history), text, id, null, Cancellation.NEVER, this::persist));
    }

    /** Sends like {@link #send}, streaming the answer to {@code handler}; {@code cancellation} may stop it. */
    public synchronized AgentResult stream(String text, StreamHandler handler, Cancellation cancellation) {
        return account(agent.send(List.copyOf(history), text, id, handler, cancellation, this::persist));
    }

    private void persist(List<Message> messages) {
        agent.store.append(id, stored, messages);
        stored += messages.size();
        history.addAll(messages);
    }

    private AgentResult account(AgentResult result) {
        usage = usage.plus(result.usage());
        if (result.cost().isPresent()) {
            cost = cost.add(result.cost().get());
        } else {
            costKnown = false;
        }
        return result;
    }

    /** Every message so far, system first, as stored (after any repair on load). */
    public synchronized List<Message> messages() {
        return List.copyOf(history);
    }

    /** The tokens of every send on this object. */
    public synchronized Usage usage() {
        return usage;
    }

    /** What every send on this object cost in US dollars; empty when a price was unknown. */
    public synchronized Optional<BigDecimal> cost() {
        return costKnown ? Optional.of(cost) : Optional.empty();
    }

    @Override
    public String toString() {
        return "Conversation[" + id + ", " + history.size() + " messages]";
    }
}
