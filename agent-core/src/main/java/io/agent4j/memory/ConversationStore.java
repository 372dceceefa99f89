package io.agent4j.memory;

import io.agent4j.chat.Message;
import io.agent4j.errors.ConcurrentConversationException;
import io.agent4j.errors.CorruptConversationException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where conversations live between turns and across restarts. Messages are kept exactly as sent
 * and received, {@code tool_calls} and {@code tool} messages included, in order. Implementations
 * must be thread-safe.
 *
 * <p>A turn (a user message, the tool steps it leads to, the answer) is written in several
 * appends by one writer, a {@link io.agent4j.Conversation} object, named by an id unique to it.
 * The writer opens its turn with {@link #beginTurn} (or with its first append that does not end
 * it); until the writer ends it (an append with {@code endsTurn}, or {@link #endTurn}), an append
 * or {@code beginTurn} of any other writer to that conversation fails with
 * {@link ConcurrentConversationException}, so turns never interleave. A turn whose writer stored
 * nothing for a while (the store's turn lease) is taken as abandoned, its writer having crashed,
 * and the next writer may take the conversation over.
 */
public interface ConversationStore {

    /**
     * Every message of a conversation, oldest first; empty for one never stored.
     *
     * @throws CorruptConversationException when a stored message cannot be read
     */
    List<Message> load(String conversationId);

    /**
     * Appends one step of a writer's turn atomically: all of its messages or none.
     *
     * @param writer an id unique to the writer, such as a random UUID
     * @param expectedSize how many messages the conversation holds now, as this writer last saw it
     * @param endsTurn whether these messages end the writer's turn (its final answer)
     * @throws ConcurrentConversationException when another writer has a turn open in the
     *     conversation, or the conversation holds another number of messages because someone else
     *     appended in the meantime; nothing is stored then
     */
    void append(String conversationId, String writer, long expectedSize, List<Message> messages, boolean endsTurn);

    /**
     * Opens a turn of the writer without storing anything, so that a conversation another writer is
     * using is refused before any work is done: an append of no messages that does not end the turn.
     *
     * @throws ConcurrentConversationException as {@link #append(String, String, long, List, boolean)}
     */
    default void beginTurn(String conversationId, String writer, long expectedSize) {
        append(conversationId, writer, expectedSize, List.of(), false);
    }

    /** Ends the writer's open turn without storing anything (its run failed or was cancelled); nothing when none is open. */
    void endTurn(String conversationId, String writer);

    /**
     * Appends messages as one whole turn of a writer of their own: all of them or none.
     *
     * @throws ConcurrentConversationException as {@link #append(String, String, long, List, boolean)}
     */
    default void append(String conversationId, long expectedSize, List<Message> messages) {
        append(conversationId, UUID.randomUUID().toString(), expectedSize, messages, true);
    }

    /**
     * Appends one step like {@link #append(String, String, long, List, boolean)} and stores the state
     * of the run it belongs to (new, or replacing what was stored) in the same transaction; a store
     * that {@link #keepsRuns() keeps no runs} appends the messages only.
     *
     * @throws ConcurrentConversationException as {@link #append(String, String, long, List, boolean)}
     */
    default void append(String conversationId, String writer, long expectedSize, List<Message> messages,
            boolean endsTurn, RunRecord run) {
        if (!keepsRuns()) {
            append(conversationId, writer, expectedSize, messages, endsTurn);
            return;
        }
        throw noRuns(this);
    }

    /**
     * Whether this store keeps the state of runs beside their messages, so that a run may wait for
     * approval and be resumed; a store that does not keeps messages only (the run methods' defaults).
     */
    default boolean keepsRuns() {
        return false;
    }

    /**
     * The stored state of a run; empty when the store holds none of that id.
     *
     * @throws io.agent4j.errors.CorruptConversationException when it cannot be read
     * @throws UnsupportedOperationException when the store keeps no runs
     */
    default Optional<RunRecord> run(String runId) {
        throw noRuns(this);
    }

    /**
     * The runs in {@code status}, the most recently stored first.
     *
     * @throws UnsupportedOperationException when the store keeps no runs
     */
    default List<RunRecord> runs(RunRecord.Status status) {
        throw noRuns(this);
    }

    /**
     * The run of this conversation that waits for approval, if any (the most recently stored one
     * should there be several); empty when the store keeps no runs.
     *
     * @throws io.agent4j.errors.CorruptConversationException when it cannot be read
     */
    default Optional<RunRecord> waitingRun(String conversationId) {
        if (!keepsRuns()) {
            return Optional.empty();
        }
        return runs(RunRecord.Status.WAITING).stream().filter(run -> run.conversationId().equals(conversationId))
                .findFirst();
    }

    /**
     * Takes a run over to resume it, in one transaction: opens a turn of {@code writer} in the run's
     * conversation, refused as {@link #beginTurn} refuses it (another writer's turn open, or another
     * size than {@code expectedSize}); then, when the run is in one of the {@code expected}
     * statuses, stores it {@link RunRecord#resumed resumed} with {@code decisions}. When it is not,
     * nothing changes and no turn is opened.
     *
     * @return the run as it was stored before; it was taken over when its status is one of {@code expected}
     * @throws ConcurrentConversationException when another writer has the conversation, or it changed
     * @throws io.agent4j.errors.ResumeRefusedException when the run's conversation went on without it:
     *     it holds another number of messages than when the run stored its last step (a later turn was
     *     written), so the run's next step would answer out of turn; nothing changes then
     * @throws IllegalArgumentException when the store holds no such run
     * @throws UnsupportedOperationException when the store keeps no runs
     */
    default RunRecord claim(String runId, String writer, long expectedSize, Set<RunRecord.Status> expected,
            List<io.agent4j.approval.Decision> decisions) {
        throw noRuns(this);
    }

    private static UnsupportedOperationException noRuns(ConversationStore store) {
        return new UnsupportedOperationException(store.getClass().getName() + " keeps no runs, so no run of it can "
                + "wait for approval or be resumed; use InMemoryConversationStore or JdbcConversationStore, or "
                + "implement the run methods of ConversationStore");
    }
}
