package io.agent4j.memory;

import io.agent4j.ConcurrentConversationException;
import io.agent4j.chat.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps conversations in this process's memory: the default store; gone when the process ends. */
public final class InMemoryConversationStore implements ConversationStore {

    private final Map<String, List<Message>> conversations = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryConversationStore() {
    }

    @Override
    public List<Message> load(String conversationId) {
        List<Message> messages = conversations.get(conversationId);
        if (messages == null) {
            return List.of();
        }
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    @Override
    public void append(String conversationId, long expectedSize, List<Message> messages) {
        List<Message> stored = conversations.computeIfAbsent(conversationId, id -> new ArrayList<>());
        synchronized (stored) {
            if (stored.size() != expectedSize) {
                throw new ConcurrentConversationException("Conversation '" + conversationId + "' holds "
                        + stored.size() + " messages, not the " + expectedSize + " this run started from: someone "
                        + "else wrote to it meanwhile. Load it again and resend.");
            }
            stored.addAll(messages);
        }
    }
}
