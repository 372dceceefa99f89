package io.agent4j.memory;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a stored history valid to send: a {@code tool} message that answers no preceding call is
 * dropped, and a call left without an answer (a run that crashed, a hand edit) gets a {@code tool}
 * message saying no result was recorded. Every repair is logged at WARN.
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
        Map<String, ToolCall> open = new LinkedHashMap<>();
        boolean changed = false;
        for (Message message : history) {
            if (message instanceof ToolMessage tool) {
                if (open.remove(tool.toolCallId()) == null) {
                    log.warn("Conversation '{}': dropped a tool message answering no call (id {})", conversationId,
                            tool.toolCallId());
                    changed = true;
                    continue;
                }
                repaired.add(message);
                continue;
            }
            changed |= closeOpenCalls(conversationId, open, repaired);
            repaired.add(message);
            if (message instanceof AssistantMessage assistant) {
                assistant.toolCalls().forEach(call -> open.put(call.id(), call));
            }
        }
        changed |= closeOpenCalls(conversationId, open, repaired);
        return changed ? List.copyOf(repaired) : history;
    }

    private static boolean closeOpenCalls(String conversationId, Map<String, ToolCall> open, List<Message> into) {
        if (open.isEmpty()) {
            return false;
        }
        for (ToolCall call : open.values()) {
            log.warn("Conversation '{}': call {} of tool '{}' had no result; added one saying so", conversationId,
                    call.id(), call.name());
            into.add(new ToolMessage(call.id(), call.name(), MISSING_RESULT));
        }
        open.clear();
        return true;
    }
}
