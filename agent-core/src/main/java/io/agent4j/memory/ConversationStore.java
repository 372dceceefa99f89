package io.agent4j.memory;

import io.agent4j.chat.Message;
import io.agent4j.errors.ConcurrentConversationException;
import io.agent4j.errors.CorruptConversationException;
import java.util.List;
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
}
