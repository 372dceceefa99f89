package io.agent4j.bench.peer.springai;

import io.agent4j.bench.scenario.LongHistory;
import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.worker.NoDelaySockets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;

/**
 * A long conversation through Spring AI as its users keep one: a {@link ChatClient} with a
 * {@link MessageChatMemoryAdvisor} over a {@link MessageWindowChatMemory} large enough to keep every
 * message, in its {@link InMemoryChatMemoryRepository}, each step naming its conversation id; the
 * same model, system text and tools as {@link SpringAiRunner}, its connections without Nagle's
 * algorithm as the other sides' are ({@link NoDelaySockets#installAsDefault()}). The system text is
 * the client's default, so the memory holds the turns only, as the advisor keeps them. Starting again
 * deletes the last conversation and saves the history under a new id.
 */
final class SpringAiHistory implements LongHistory.Conversation {

    private final List<Message> history;
    private final ChatMemoryRepository repository = new InMemoryChatMemoryRepository();
    private final ChatClient chat;
    private String conversation;
    private int resets;

    SpringAiHistory(String baseUrl, List<LongHistory.Turn> turns) {
        this.history = messages(turns);
        NoDelaySockets.installAsDefault();
        ChatMemory memory = MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(1_000_000)
                .build();
        this.chat = ChatClient.builder(SpringAiRunner.model(baseUrl, 1)).defaultSystem(Scenario.INSTRUCTIONS)
                .defaultTools(new SpringAiRunner.TravelTools())
                .defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build()).build();
    }

    @Override
    public void reset() {
        if (conversation != null) {
            repository.deleteByConversationId(conversation);
        }
        conversation = "history-" + resets++;
        repository.saveAll(conversation, history);
    }

    @Override
    public String step(String prompt) {
        return chat.prompt().user(prompt).advisors(a -> a.param(ChatMemory.CONVERSATION_ID, conversation)).call()
                .content();
    }

    private static List<Message> messages(List<LongHistory.Turn> turns) {
        List<Message> messages = new ArrayList<>();
        for (LongHistory.Turn turn : turns) {
            messages.add(new UserMessage(turn.question()));
            messages.add(AssistantMessage.builder().toolCalls(List.of(new AssistantMessage.ToolCall(turn.callId(),
                    "function", "weather", turn.arguments()))).build());
            messages.add(ToolResponseMessage.builder().responses(List.of(new ToolResponseMessage.ToolResponse(
                    turn.callId(), "weather", turn.result()))).build());
            messages.add(new AssistantMessage(turn.answer()));
        }
        return List.copyOf(messages);
    }
}
