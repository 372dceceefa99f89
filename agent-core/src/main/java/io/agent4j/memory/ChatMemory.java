package io.agent4j.memory;

import io.agent4j.chat.Message;
import io.agent4j.errors.ContextOverflowException;
import io.agent4j.memory.internal.Blocks;
import io.agent4j.tool.ToolDefinition;
import java.util.List;

/**
 * What the model sees of a conversation's past. The API remembers nothing, so every request
 * resends the history; a policy picks the part that is sent. Every policy keeps the system
 * instructions first and never splits a tool exchange (an assistant message with
 * {@code tool_calls} goes or stays with its {@code tool} messages); the stored history is never
 * changed.
 *
 * <pre>{@code
 * Agent.builder().memory(ChatMemory.tokenWindow("gpt-4o", 4_096)) ...
 * }</pre>
 */
@FunctionalInterface
public interface ChatMemory {

    /**
     * The messages to send, oldest first.
     *
     * @param history every message of the conversation, system first
     * @param tools the tools the request offers (they take room too)
     * @throws ContextOverflowException when the newest turn alone does not fit
     */
    List<Message> select(List<Message> history, List<ToolDefinition> tools);

    /** Sends everything: the default, for short conversations. */
    static ChatMemory all() {
        return (history, tools) -> history;
    }

    /**
     * Sends the newest {@code maxMessages} messages (whole tool exchanges; the newest turn is
     * always sent whole, even when it alone is longer).
     */
    static ChatMemory lastMessages(int maxMessages) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1, was " + maxMessages);
        }
        return (history, tools) -> {
            Blocks blocks = Blocks.of(history);
            int first = blocks.newestTurn();
            int count = 0;
            for (int b = first; b < blocks.blocks().size(); b++) {
                count += blocks.blocks().get(b).size();
            }
            while (first > 0 && count + blocks.blocks().get(first - 1).size() <= maxMessages) {
                count += blocks.blocks().get(--first).size();
            }
            return blocks.from(first);
        };
    }

    /**
     * Sends as much of the newest history as fits the context window of {@code model} (see
     * {@link ContextWindows}) minus {@code completionBudget} tokens kept for the answer, counting
     * with the model's encoding.
     *
     * @throws IllegalArgumentException when the model's context window is not known: use
     *     {@link #tokenWindow(TokenCounter, int, int)}
     */
    static ChatMemory tokenWindow(String model, int completionBudget) {
        int window = ContextWindows.of(model).orElseThrow(() -> new IllegalArgumentException("The context window "
                + "of model '" + model + "' is not known; give it: ChatMemory.tokenWindow(TokenCounter.forModel(\""
                + model + "\"), contextWindow, completionBudget)"));
        return tokenWindow(TokenCounter.forModel(model), window, completionBudget);
    }

    /**
     * {@link #tokenWindow(String, int)} when the model's context window is known, else
     * {@link #all()}: a safe default when the model is chosen at run time.
     */
    static ChatMemory forModel(String model, int completionBudget) {
        return ContextWindows.of(model).isPresent() ? tokenWindow(model, completionBudget) : all();
    }

    /**
     * Sends as much of the newest history as fits {@code contextWindow} minus
     * {@code completionBudget}, counting the tool definitions and every message's overhead.
     */
    static ChatMemory tokenWindow(TokenCounter counter, int contextWindow, int completionBudget) {
        if (completionBudget < 1 || contextWindow <= completionBudget) {
            throw new IllegalArgumentException("the completion budget (" + completionBudget + ") must be positive "
                    + "and smaller than the context window (" + contextWindow + ")");
        }
        int available = contextWindow - completionBudget;
        // the counter remembers each message's and tool definition's count: a step tokenizes only what is new
        return (history, tools) -> {
            Blocks blocks = Blocks.of(history);
            int first = blocks.newestTurn();
            int toolTokens = counter.countTools(tools);
            int used = toolTokens + counter.countMessages(blocks.from(first));
            if (used > available) {
                throw new ContextOverflowException("The newest turn needs " + used + " tokens with the instructions "
                        + "and tools, but the context window leaves " + available + " (" + contextWindow + " minus "
                        + completionBudget + " for the answer). Shorten the message or the tool results, or use a "
                        + "model with a larger window.", used, available);
            }
            while (first > 0) {
                int more = 0;
                for (Message message : blocks.blocks().get(first - 1)) {
                    more += counter.count(message);
                }
                if (used + more > available) {
                    break;
                }
                used += more;
                first--;
            }
            return blocks.from(first);
        };
    }
}
