package io.agent4j.chat.internal;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ToolCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes the ids of the tool calls of one assistant message unique, so that each result answers
 * exactly one call: the first call with an id keeps it, a later call with the same id (or a blank
 * one) gets the id with {@code _2}, {@code _3} ... appended, skipping any id the message already holds.
 */
public final class ToolCallIds {

    private ToolCallIds() {
    }

    /** The message with unique call ids; the same message when they already are. */
    public static AssistantMessage unique(AssistantMessage message) {
        List<ToolCall> calls = message.toolCalls();
        Set<String> taken = new HashSet<>();
        boolean unique = true;
        for (ToolCall call : calls) {
            unique &= !call.id().isBlank() && taken.add(call.id());
        }
        if (unique) {
            return message;
        }
        Set<String> used = new HashSet<>();
        List<ToolCall> renamed = new ArrayList<>(calls.size());
        for (ToolCall call : calls) {
            String id = call.id();
            if (id.isBlank() || !used.add(id)) {
                String base = id.isBlank() ? "call" : id;
                int n = 2;
                while (taken.contains(base + "_" + n) || used.contains(base + "_" + n)) {
                    n++;
                }
                id = base + "_" + n;
                used.add(id);
            }
            renamed.add(id.equals(call.id()) ? call : new ToolCall(id, call.name(), call.arguments()));
        }
        return new AssistantMessage(message.content(), renamed, message.refusal());
    }
}
