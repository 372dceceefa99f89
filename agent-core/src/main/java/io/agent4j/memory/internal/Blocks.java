package io.agent4j.memory.internal;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A history cut into the units memory may keep or drop: the leading system messages (always
 * kept), then blocks that never split a tool exchange — an assistant message with
 * {@code tool_calls} travels with the {@code tool} messages that answer it.
 *
 * @param system the leading system messages
 * @param blocks the rest, oldest first
 * @param newestTurn the index of the first block of the newest turn (its last user message)
 */
public record Blocks(List<Message> system, List<List<Message>> blocks, int newestTurn) {

    /** Cuts a (repaired) history into blocks. */
    public static Blocks of(List<Message> history) {
        List<Message> system = new ArrayList<>();
        int i = 0;
        while (i < history.size() && history.get(i) instanceof SystemMessage) {
            system.add(history.get(i++));
        }
        List<List<Message>> blocks = new ArrayList<>();
        int newestTurn = 0;
        while (i < history.size()) {
            Message message = history.get(i++);
            List<Message> block = new ArrayList<>();
            block.add(message);
            if (message instanceof AssistantMessage assistant && assistant.hasToolCalls()) {
                while (i < history.size() && history.get(i) instanceof ToolMessage) {
                    block.add(history.get(i++));
                }
            }
            if (message instanceof UserMessage) {
                newestTurn = blocks.size();
            }
            blocks.add(block);
        }
        return new Blocks(List.copyOf(system), List.copyOf(blocks), newestTurn);
    }

    /** The system messages followed by the blocks from {@code first} on. */
    public List<Message> from(int first) {
        List<Message> kept = new ArrayList<>(system);
        for (int b = first; b < blocks.size(); b++) {
            kept.addAll(blocks.get(b));
        }
        return kept;
    }
}
