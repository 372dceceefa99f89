package io.agent4j.memory;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.internal.ToolCallIds;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a stored history valid to send: a {@code tool} message that answers no preceding call is
 * dropped, a call left without an answer (a run that crashed, a hand edit) gets a {@code tool}
 * message saying no result was recorded, and calls of one message that share an id (as some
 * models send them) get unique ids, their results matched to them in order. Every repair is logged
 * at WARN.
 */
public final class HistoryRepair {

    /** The content given to a call whose result was never stored. */
    public static final String MISSING_RESULT = "Error: no result was recorded for this call; the run that made "
            + "it stopped before the tool finished.";

    private static final Logger log = LoggerFactory.getLogger(HistoryRepair.class);

    private HistoryRepair() {
    }

    /** The history, repaired; the same list when nothing needed repair. */
    public static List<Message> repair(String conversationId, List<Message> history) {
        List<Message> repaired = new ArrayList<>(history.size());
        // the open calls by the id their results quote; a repeated id holds its calls in order
        Map<String, Deque<ToolCall>> open = new LinkedHashMap<>();
        boolean changed = false;
        for (Message message : history) {
            if (message instanceof ToolMessage tool) {
                Deque<ToolCall> calls = open.get(tool.toolCallId());
                if (calls == null || calls.isEmpty()) {
                    log.warn("Conversation '{}': dropped a tool message answering no call (id {})", conversationId,
                            tool.toolCallId());
                    changed = true;
                    continue;
                }
                String id = calls.removeFirst().id();
                if (!id.equals(tool.toolCallId())) {
                    tool = new ToolMessage(id, tool.toolName(), tool.content());
                    changed = true;
                }
                repaired.add(tool);
                continue;
            }
            changed |= closeOpenCalls(conversationId, open, repaired);
            if (message instanceof AssistantMessage assistant) {
                AssistantMessage unique = ToolCallIds.unique(assistant);
                if (unique != assistant) {
                    log.warn("Conversation '{}': tool calls of one message shared an id; gave them unique ids",
                            conversationId);
                    changed = true;
                }
                for (int i = 0; i < unique.toolCalls().size(); i++) {
                    open.computeIfAbsent(assistant.toolCalls().get(i).id(), id -> new ArrayDeque<>())
                            .addLast(unique.toolCalls().get(i));
                }
                message = unique;
            }
            repaired.add(message);
        }
        changed |= closeOpenCalls(conversationId, open, repaired);
        return changed ? List.copyOf(repaired) : history;
    }

    private static boolean closeOpenCalls(String conversationId, Map<String, Deque<ToolCall>> open,
            List<Message> into) {
        boolean closed = false;
        for (Deque<ToolCall> calls : open.values()) {
            for (ToolCall call : calls) {
                log.warn("Conversation '{}': call {} of tool '{}' had no result; added one saying so", conversationId,
                        call.id(), call.name());
                into.add(new ToolMessage(call.id(), call.name(), MISSING_RESULT));
                closed = true;
            }
        }
        open.clear();
        return closed;
    }
}
