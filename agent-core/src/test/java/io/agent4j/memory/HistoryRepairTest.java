package io.agent4j.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryRepairTest {

    private static final AssistantMessage CALLS = new AssistantMessage(null, List.of(new ToolCall("c1", "f", "{}"),
            new ToolCall("c2", "g", "{}")));

    @Test
    void aValidHistoryIsReturnedAsIs() {
        List<Message> history = List.of(new SystemMessage("s"), new UserMessage("u"), CALLS,
                new ToolMessage("c1", "f", "1"), new ToolMessage("c2", "g", "2"), AssistantMessage.of("done"));
        assertThat(HistoryRepair.repair("x", history)).isSameAs(history);
    }

    @Test
    void anOrphanedToolMessageIsDropped() {
        List<Message> history = List.of(new UserMessage("u"), new ToolMessage("zz", "f", "stray"),
                AssistantMessage.of("a"));
        assertThat(HistoryRepair.repair("x", history)).containsExactly(new UserMessage("u"), AssistantMessage.of("a"));
    }

    @Test
    void aToolMessageAnsweringTheSameCallTwiceKeepsTheFirst() {
        List<Message> history = List.of(new UserMessage("u"), CALLS, new ToolMessage("c1", "f", "1"),
                new ToolMessage("c1", "f", "again"), new ToolMessage("c2", "g", "2"));
        assertThat(HistoryRepair.repair("x", history)).containsExactly(new UserMessage("u"), CALLS,
                new ToolMessage("c1", "f", "1"), new ToolMessage("c2", "g", "2"));
    }

    @Test
    void unansweredCallsGetAResultSayingSoAtTheEnd() {
        List<Message> history = List.of(new UserMessage("u"), CALLS, new ToolMessage("c1", "f", "1"));
        assertThat(HistoryRepair.repair("x", history)).containsExactly(new UserMessage("u"), CALLS,
                new ToolMessage("c1", "f", "1"), new ToolMessage("c2", "g", HistoryRepair.MISSING_RESULT));
    }

    @Test
    void unansweredCallsInTheMiddleAreAnsweredBeforeTheNextMessage() {
        List<Message> history = List.of(new UserMessage("u"), CALLS, new UserMessage("again?"));
        assertThat(HistoryRepair.repair("x", history)).containsExactly(new UserMessage("u"), CALLS,
                new ToolMessage("c1", "f", HistoryRepair.MISSING_RESULT),
                new ToolMessage("c2", "g", HistoryRepair.MISSING_RESULT), new UserMessage("again?"));
    }

    @Test
    void callsOfOneMessageSharingAnIdGetUniqueIdsAndKeepEveryResultInOrder() {
        AssistantMessage twice = new AssistantMessage(null, List.of(new ToolCall("dup", "f", "{\"n\":1}"),
                new ToolCall("dup", "f", "{\"n\":2}")));
        List<Message> history = List.of(new UserMessage("u"), twice, new ToolMessage("dup", "f", "one"),
                new ToolMessage("dup", "f", "two"), AssistantMessage.of("done"));

        assertThat(HistoryRepair.repair("x", history)).containsExactly(new UserMessage("u"),
                new AssistantMessage(null, List.of(new ToolCall("dup", "f", "{\"n\":1}"),
                        new ToolCall("dup_2", "f", "{\"n\":2}"))),
                new ToolMessage("dup", "f", "one"), new ToolMessage("dup_2", "f", "two"), AssistantMessage.of("done"));
    }

    @Test
    void aRepairOfCallIdsKeepsTheMessagesRefusal() {
        AssistantMessage twice = new AssistantMessage(null, List.of(new ToolCall("dup", "f", "{}"),
                new ToolCall("dup", "f", "{}")), "I'm sorry.");
        List<Message> history = List.of(new UserMessage("u"), twice, new ToolMessage("dup", "f", "one"),
                new ToolMessage("dup", "f", "two"));

        assertThat(((AssistantMessage) HistoryRepair.repair("x", history).get(1)).refusal()).isEqualTo("I'm sorry.");
    }

    @Test
    void aRenamedCallWithoutItsResultIsAnsweredUnderItsNewId() {
        AssistantMessage twice = new AssistantMessage(null, List.of(new ToolCall("dup", "f", "{}"),
                new ToolCall("dup", "g", "{}")));
        List<Message> repaired = HistoryRepair.repair("x", List.of(new UserMessage("u"), twice,
                new ToolMessage("dup", "f", "one")));
        assertThat(repaired).endsWith(new ToolMessage("dup", "f", "one"),
                new ToolMessage("dup_2", "g", HistoryRepair.MISSING_RESULT));
    }
}
