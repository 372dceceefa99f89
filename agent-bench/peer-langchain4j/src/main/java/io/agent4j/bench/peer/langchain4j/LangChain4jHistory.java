package io.agent4j.bench.peer.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.memory.ChatMemoryAccess;
import io.agent4j.bench.scenario.LongHistory;
import io.agent4j.bench.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * A long conversation through LangChain4j as its users keep one: an AI service with a memory per
 * conversation id ({@code chatMemoryProvider}), each a {@link MessageWindowChatMemory} large enough
 * to keep every message, over the same model and tools as {@link LangChain4jRunner}. Starting again
 * evicts the last conversation's memory and fills a new one with the history.
 */
final class LangChain4jHistory implements LongHistory.Conversation {

    /** The AI service, one memory per conversation id. */
    interface Assistant extends ChatMemoryAccess {
        String chat(@MemoryId String conversation, @UserMessage String prompt);
    }

    private final List<ChatMessage> history;
    private final Assistant assistant;
    private ChatMemory next;
    private String conversation;
    private int resets;

    LangChain4jHistory(String baseUrl, List<LongHistory.Turn> turns) {
        this.history = messages(turns);
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("sk-bench")
                .modelName(Scenario.MODEL).build();
        this.assistant = AiServices.builder(Assistant.class).chatModel(model).systemMessage(Scenario.INSTRUCTIONS)
                .tools(new LangChain4jRunner.TravelTools()).chatMemoryProvider(id -> next).build();
    }

    @Override
    public void reset() {
        if (conversation != null) {
            assistant.evictChatMemory(conversation);
        }
        conversation = "history-" + resets++;
        next = MessageWindowChatMemory.builder().id(conversation).maxMessages(1_000_000).build();
        next.set(history);
    }

    @Override
    public String step(String prompt) {
        return assistant.chat(conversation, prompt);
    }

    private static List<ChatMessage> messages(List<LongHistory.Turn> turns) {
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(Scenario.INSTRUCTIONS)));
        for (LongHistory.Turn turn : turns) {
            messages.add(dev.langchain4j.data.message.UserMessage.from(turn.question()));
            messages.add(AiMessage.from(List.of(ToolExecutionRequest.builder().id(turn.callId()).name("weather")
                    .arguments(turn.arguments()).build())));
            messages.add(ToolExecutionResultMessage.from(turn.callId(), "weather", turn.result()));
            messages.add(AiMessage.from(turn.answer()));
        }
        return List.copyOf(messages);
    }
}
