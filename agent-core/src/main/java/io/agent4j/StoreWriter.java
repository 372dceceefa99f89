package io.agent4j;

import io.agent4j.chat.Message;
import io.agent4j.memory.ConversationStore;
import io.agent4j.memory.RunRecord;
import java.util.List;

/** Stores a resumed run's steps in its conversation, as the writer that took the run over. */
final class StoreWriter implements AgentLoop.Persist {

    private final ConversationStore store;
    private final String conversationId;
    private final String writer;
    private long stored;

    StoreWriter(ConversationStore store, String conversationId, String writer, long stored) {
        this.store = store;
        this.conversationId = conversationId;
        this.writer = writer;
        this.stored = stored;
    }

    @Override
    public void save(List<Message> messages, boolean endsTurn, RunRecord run) {
        store.append(conversationId, writer, stored, messages, endsTurn, run);
        stored += messages.size();
    }
}
