package io.agent4j.memory;

import io.agent4j.chat.Message;
import io.agent4j.errors.ConcurrentConversationException;
import io.agent4j.approval.Decision;
import io.agent4j.memory.internal.StoredRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps conversations in this process's memory: the default store; gone when the process ends.
 * A turn stays its writer's until the writer ends it; a writer in one process ends its turn even
 * when its run fails, so no turn is left open here.
 */
public final class InMemoryConversationStore implements ConversationStore {

    private final Map<String, Stored> conversations = new ConcurrentHashMap<>();
    /** Each run's state; written under the lock of its conversation's {@link Stored}. */
    private final Map<String, RunRecord> runs = new ConcurrentHashMap<>();
    /** How many messages each run's conversation held when the run was stored last; written with {@link #runs}. */
    private final Map<String, Integer> runSizes = new ConcurrentHashMap<>();

    private static final class Stored {
        final List<Message> messages = new ArrayList<>();
        String turnWriter;
    }

    /** Creates an empty store. */
    public InMemoryConversationStore() {
    }

    @Override
    public List<Message> load(String conversationId) {
        Stored stored = conversations.get(conversationId);
        if (stored == null) {
            return List.of();
        }
        synchronized (stored) {
            return List.copyOf(stored.messages);
        }
    }

    @Override
    public void append(String conversationId, String writer, long expectedSize, List<Message> messages,
            boolean endsTurn) {
        append(conversationId, writer, expectedSize, messages, endsTurn, null);
    }

    @Override
    public void append(String conversationId, String writer, long expectedSize, List<Message> messages,
            boolean endsTurn, RunRecord run) {
        Objects.requireNonNull(writer, "writer");
        Stored stored = conversations.computeIfAbsent(conversationId, id -> new Stored());
        synchronized (stored) {
            check(stored, conversationId, writer, expectedSize);
            stored.messages.addAll(messages);
            stored.turnWriter = endsTurn ? null : writer;
            if (run != null) {
                runs.put(run.runId(), run);
                runSizes.put(run.runId(), stored.messages.size());
            }
        }
    }

    /** Yes: runs are kept beside their conversations. */
    @Override
    public boolean keepsRuns() {
        return true;
    }

    @Override
    public Optional<RunRecord> run(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public List<RunRecord> runs(RunRecord.Status status) {
        return runs.values().stream().filter(run -> run.status() == status)
                .sorted(Comparator.comparing(RunRecord::updatedAt).reversed()).toList();
    }

    @Override
    public RunRecord claim(String runId, String writer, long expectedSize, Set<RunRecord.Status> expected,
            List<Decision> decisions) {
        RunRecord run = runs.get(runId);
        if (run == null) {
            throw new IllegalArgumentException("this store holds no run '" + runId + "'");
        }
        Stored stored = conversations.computeIfAbsent(run.conversationId(), id -> new Stored());
        synchronized (stored) {
            RunRecord current = runs.get(runId);
            check(stored, current.conversationId(), writer, expectedSize);
            if (expected.contains(current.status())) {
                int left = runSizes.get(runId);
                if (left != expectedSize) {
                    throw StoredRun.wentOn(current, left, expectedSize);
                }
                stored.turnWriter = writer;
                runs.put(runId, current.resumed(decisions));
            }
            return current;
        }
    }

    private static void check(Stored stored, String conversationId, String writer, long expectedSize) {
        if (stored.turnWriter != null && !stored.turnWriter.equals(writer)) {
            throw new ConcurrentConversationException("Conversation '" + conversationId + "' has a turn in "
                    + "progress by another writer; nothing of this step was stored. Wait until that turn ends, "
                    + "then load the conversation again and resend.");
        }
        if (stored.messages.size() != expectedSize) {
            throw new ConcurrentConversationException("Conversation '" + conversationId + "' holds "
                    + stored.messages.size() + " messages, not the " + expectedSize + " this run started from: "
                    + "someone else wrote to it meanwhile. Load it again and resend.");
        }
    }

    @Override
    public void endTurn(String conversationId, String writer) {
        Stored stored = conversations.get(conversationId);
        if (stored != null) {
            synchronized (stored) {
                if (writer.equals(stored.turnWriter)) {
                    stored.turnWriter = null;
                }
            }
        }
    }
}
