package io.agent4j.memory;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.Agent4jException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Writes whole turns (user message and a tool call, then the result and the answer) to one
 * conversation of a store and counts those that were lost; as a program, for the tests that run
 * several processes on one store: {@code TurnWriter FILE|JDBC-URL CONVERSATION TURNS} prints the
 * lost turns, and their first error on stderr.
 */
final class TurnWriter {

    private TurnWriter() {
    }

    /** Writes {@code turns} turns and returns how many were not stored; the first failure goes to stderr. */
    static int write(ConversationStore store, String conversationId, int turns) {
        int lost = 0;
        String writer = UUID.randomUUID().toString();
        long size = store.load(conversationId).size();
        for (int turn = 0; turn < turns; turn++) {
            String callId = "call_" + turn;
            List<Message> first = List.of(new UserMessage("Turn " + turn + "?"),
                    new AssistantMessage(null, List.of(new ToolCall(callId, "clock", "{}"))));
            List<Message> second = List.of(new ToolMessage(callId, "clock", "12:00"),
                    AssistantMessage.of("Answer " + turn + "."));
            try {
                store.append(conversationId, writer, size, first, false);
                store.append(conversationId, writer, size + 2, second, true);
                size += 4;
            } catch (Agent4jException e) {
                if (lost++ == 0) {
                    System.err.println(conversationId + ": " + e.getMessage());
                }
                size = store.load(conversationId).size();
            }
        }
        return lost;
    }

    /** Writes to a SQLite file or a JDBC URL: STORE CONVERSATION TURNS; prints the number of lost turns on stdout. */
    public static void main(String[] args) {
        ConversationStore store = args[0].startsWith("jdbc:") ? JdbcConversationStore.connect(args[0], null, null)
                : JdbcConversationStore.sqlite(Path.of(args[0]));
        int lost = write(store, args[1], Integer.parseInt(args[2]));
        System.out.println(lost);
    }
}
