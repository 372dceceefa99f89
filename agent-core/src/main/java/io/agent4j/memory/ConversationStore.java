package io.agent4j.memory;

import io.agent4j.ConcurrentConversationException;
import io.agent4j.chat.Message;
import java.util.List;

/**
 * Where conversations live between turns and across restarts. Messages are kept exactly as sent
 * and received, {@code tool_calls} and {@code tool} messages included, in order. Implementations
 * must be thread-safe.
 */
public interface ConversationStore {

    /** Every message of a conversation, oldest first; empty for one never stored. */
    List<Message> load(String conversationId);

    /**
     * Appends messages atomically: all of them or none.
     *
     * @param expectedSize how many messages the conversation holds now, as this writer last saw it
     * @throws ConcurrentConversationException when the conversation holds another number of messages,
     *     because someone else appended in the meantime
     */
    void append(String conversationId, long expectedSize, List<Message> messages);
}
