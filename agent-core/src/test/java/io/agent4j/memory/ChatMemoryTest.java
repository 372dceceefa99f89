package io.agent4j.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.ContextOverflowException;
import io.agent4j.testing.CountingEncoding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatMemoryTest {

    private static final SystemMessage SYSTEM = new SystemMessage("You are terse.");

    /** system, then `turns` turns each of: user, assistant calling two tools, two tool results, answer. */
    private static List<Message> history(int turns) {
        List<Message> messages = new ArrayList<>(List.of(SYSTEM));
        for (int t = 0; t < turns; t++) {
            messages.add(new UserMessage("question " + t));
            messages.add(new AssistantMessage(null, List.of(new ToolCall("a" + t, "f", "{}"),
                    new ToolCall("b" + t, "g", "{}"))));
            messages.add(new ToolMessage("a" + t, "f", "result a" + t));
            messages.add(new ToolMessage("b" + t, "g", "result b" + t));
            messages.add(AssistantMessage.of("answer " + t));
        }
        return messages;
    }

    /** Every tool message follows the assistant call it answers, and every call is answered. */
    private static void assertToolExchangesWhole(List<Message> selected) {
        List<String> open = new ArrayList<>();
        for (Message message : selected) {
            if (message instanceof ToolMessage tool) {
                assertThat(open).as("tool message %s answers a call that was sent", tool.toolCallId())
                        .contains(tool.toolCallId());
                open.remove(tool.toolCallId());
            } else {
                assertThat(open).as("calls answered before the next message").isEmpty();
                if (message instanceof AssistantMessage assistant) {
                    assistant.toolCalls().forEach(call -> open.add(call.id()));
                }
            }
        }
        assertThat(open).isEmpty();
    }

    @Test
    void allKeepsEverything() {
        List<Message> history = history(3);
        assertThat(ChatMemory.all().select(history, List.of())).isEqualTo(history);
    }

    @Test
    void lastMessagesKeepsTheSystemFirstAndWholeExchanges() {
        List<Message> history = history(3);
        for (int n = 1; n <= history.size(); n++) {
            List<Message> selected = ChatMemory.lastMessages(n).select(history, List.of());
            assertThat(selected.get(0)).isEqualTo(SYSTEM);
            assertToolExchangesWhole(selected);
            assertThat(selected).endsWith(history.get(history.size() - 1));
            assertThat(selected.subList(1, selected.size())).isEqualTo(
                    history.subList(history.size() - (selected.size() - 1), history.size()));
        }
    }

    @Test
    void lastMessagesNeverCutsTheThreeMessagesBeforeAToolResult() {
        List<Message> history = history(2);
        List<Message> selected = ChatMemory.lastMessages(8).select(history, List.of());
        // the newest turn has 5 messages; the older answer (1) fits, the older exchange (3) would make 9
        assertThat(selected).hasSize(1 + 5 + 1);
        assertThat(selected.get(1)).isEqualTo(AssistantMessage.of("answer 0"));
        assertToolExchangesWhole(selected);
    }

    @Test
    void theNewestTurnIsKeptWholeEvenWhenLongerThanTheLimit() {
        List<Message> history = history(2);
        List<Message> selected = ChatMemory.lastMessages(2).select(history, List.of());
        assertThat(selected).containsExactlyElementsOf(
                concat(List.of(SYSTEM), history.subList(history.size() - 5, history.size())));
    }

    @Test
    void tokenWindowKeepsWhatFitsNewestFirst() {
        TokenCounter counter = TokenCounter.forModel("gpt-4o");
        List<Message> history = history(6);
        int whole = counter.countMessages(history);
        ChatMemory memory = ChatMemory.tokenWindow(counter, whole / 2 + 100, 100);
        List<Message> selected = memory.select(history, List.of());
        assertThat(selected.get(0)).isEqualTo(SYSTEM);
        assertThat(selected.size()).isLessThan(history.size());
        assertThat(counter.countMessages(selected)).isLessThanOrEqualTo(whole / 2);
        assertToolExchangesWhole(selected);
        assertThat(selected).endsWith(history.get(history.size() - 1));
        List<Message> oneMore = ChatMemory.tokenWindow(counter, whole + 100, 100).select(history, List.of());
        assertThat(oneMore).isEqualTo(history);
    }

    @Test
    void toolDefinitionsTakeRoomInTheWindow() {
        TokenCounter counter = TokenCounter.forModel("gpt-4o");
        List<Message> history = history(4);
        var tools = io.agent4j.tool.Toolbox.of(new io.agent4j.testing.TravelTools()).definitions();
        int window = counter.countMessages(history) + 100;
        assertThat(ChatMemory.tokenWindow(counter, window, 100).select(history, List.of())).isEqualTo(history);
        assertThat(ChatMemory.tokenWindow(counter, window + counter.countTools(tools) - 1, 100).select(history, tools))
                .hasSizeLessThan(history.size());
    }

    @Test
    void newestTurnThatCannotFitFailsClearly() {
        TokenCounter counter = TokenCounter.forModel("gpt-4o");
        List<Message> history = List.of(SYSTEM, new UserMessage("word ".repeat(500)));
        assertThatThrownBy(() -> ChatMemory.tokenWindow(counter, 300, 100).select(history, List.of()))
                .isInstanceOfSatisfying(ContextOverflowException.class, e -> {
                    assertThat(e.availableTokens()).isEqualTo(200);
                    assertThat(e.neededTokens()).isGreaterThan(500);
                })
                .hasMessageContaining("300 minus 100 for the answer");
    }

    @Test
    void modelWindowsComeFromTheTable() {
        assertThat(ContextWindows.of("gpt-4o")).contains(128_000);
        assertThat(ContextWindows.of("gpt-4o-2024-08-06")).contains(128_000);
        assertThat(ContextWindows.of("gpt-4.1-mini")).contains(1_047_576);
        assertThat(ContextWindows.of("gpt-4")).contains(8_192);
        assertThat(ContextWindows.of("llama3.1")).isEmpty();
        assertThatThrownBy(() -> ChatMemory.tokenWindow("llama3.1", 1000)).hasMessageContaining("not known")
                .hasMessageContaining("TokenCounter.forModel");
        assertThatThrownBy(() -> ChatMemory.tokenWindow("gpt-4", 9000)).hasMessageContaining("completion budget");
    }

    @Test
    void forModelUsesTheWindowWhenKnownAndEverythingOtherwise() {
        List<Message> longHistory = new ArrayList<>(List.of(SYSTEM));
        for (int i = 0; i < 40; i++) {
            longHistory.add(new UserMessage("word ".repeat(400)));
            longHistory.add(AssistantMessage.of("ok " + i));
        }
        assertThat(ChatMemory.forModel("gpt-4", 1_000).select(longHistory, List.of())).hasSizeLessThan(longHistory.size());
        assertThat(ChatMemory.forModel("llama3.1", 1_000).select(longHistory, List.of())).isEqualTo(longHistory);
    }

    private static List<Message> concat(List<Message> a, List<Message> b) {
        List<Message> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void aTokenWindowTokenizesOnlyWhatIsNewAtEachStep() {
        CountingEncoding encoding = new CountingEncoding();
        ChatMemory memory = ChatMemory.tokenWindow(TokenCounter.of(encoding), 128_000, 4_096);
        List<Message> history = new ArrayList<>(history(40));
        memory.select(history, List.of());
        for (int step = 0; step < 10; step++) {
            List<Message> added = history(1).subList(1, 6);
            history.addAll(added);
            int before = encoding.asked();

            List<Message> selected = memory.select(List.copyOf(history), List.of());

            assertThat(selected).isEqualTo(history);
            CountingEncoding alone = new CountingEncoding();
            TokenCounter.of(alone).countMessages(added);
            assertThat(encoding.asked() - before).as("texts tokenized at step %d: only the %d new messages' texts "
                    + "(the %d-message window costs %d)", step, added.size(), history.size(),
                    expectedFor(history)).isEqualTo(alone.asked());
        }
    }

    private static int expectedFor(List<Message> messages) {
        CountingEncoding encoding = new CountingEncoding();
        TokenCounter.of(encoding).countMessages(messages);
        return encoding.asked();
    }
}
