package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.memory.ChatMemory;
import io.agent4j.memory.Counters;
import io.agent4j.memory.TokenCounter;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.CountingEncoding;
import io.agent4j.testing.TravelTools;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import io.agent4j.usage.Budget;
import io.agent4j.usage.PriceTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** A long conversation tokenizes each message once, in its memory's window and in its budget's check. */
class LongConversationTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    /** How many texts counting these messages and tools from scratch tokenizes. */
    private static int fromScratch(List<Message> messages, List<ToolDefinition> tools) {
        CountingEncoding encoding = new CountingEncoding();
        TokenCounter counter = Counters.over(encoding);
        counter.countMessages(messages);
        counter.countTools(tools);
        return encoding.asked();
    }

    @Test
    void aTokenWindowConversationTokenizesEachMessageOnceOverManySteps() {
        CountingEncoding encoding = new CountingEncoding();
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).instructions("You are terse.")
                .tools(new TravelTools()).memory(ChatMemory.tokenWindow(Counters.over(encoding), 128_000, 4_096))
                .build();
        Conversation chat = agent.conversation();
        int sends = 4;
        List<ResponseDefinitionBuilder> replies = new ArrayList<>();
        for (int send = 0; send < sends; send++) {
            replies.add(toolCalls(new String[] {"c" + send, "localTime", "{\"city\":\"Oslo\"}"}));
            replies.add(answer("14:0" + send + "."));
        }
        script(server, replies.toArray(ResponseDefinitionBuilder[]::new));
        for (int send = 0; send < sends; send++) {
            assertThat(chat.send("Time in Oslo, " + send + "?").text()).isEqualTo("14:0" + send + ".");
        }

        List<ToolDefinition> tools = Toolbox.of(new TravelTools()).definitions();
        // every message but the last answer, which no request has carried yet
        int once = fromScratch(chat.messages().subList(0, chat.messages().size() - 1), tools);
        int everyStep = 0;
        for (JsonNode request : requests(server)) {
            everyStep += fromScratch(chat.messages().subList(0, request.path("messages").size()), tools);
        }
        assertThat(requests(server)).hasSize(2 * sends);
        assertThat(encoding.asked()).as("texts tokenized in %d steps; counting every window whole would be about %d",
                2 * sends, everyStep).isEqualTo(once);
    }

    @Test
    void theBudgetCountsOnlyTheNewMessagesOfEachPrompt() {
        CountingEncoding encoding = new CountingEncoding();
        TokenCounter counter = Counters.over(encoding);
        Budgets budgets = new Budgets(Budget.NONE.withMaxTokens(1_000_000), Budget.NONE, Budgets.Spent.NOTHING,
                PriceTable.standard(), model -> counter);
        List<ToolDefinition> tools = Toolbox.of(new TravelTools()).definitions();
        List<Message> transcript = new ArrayList<>(List.of(new SystemMessage("You are terse."),
                new UserMessage("Plan a week in Oslo.")));
        budgets.beforeCall(new ChatRequest(List.copyOf(transcript), tools), "gpt-4o", Usage.ZERO,
                () -> Optional.of(BigDecimal.ZERO));
        assertThat(encoding.asked()).isEqualTo(fromScratch(transcript, tools));

        for (int step = 0; step < 20; step++) {
            List<Message> added = List.of(new AssistantMessage(null, List.of(new ToolCall("c" + step, "localTime",
                    "{\"city\":\"Oslo\"}"))), new ToolMessage("c" + step, "localTime", "14:0" + step));
            transcript.addAll(added);
            int before = encoding.asked();

            budgets.beforeCall(new ChatRequest(List.copyOf(transcript), tools), "gpt-4o", Usage.of(10, 5),
                    () -> Optional.of(BigDecimal.ZERO));

            assertThat(encoding.asked() - before).as("texts tokenized before call %d", step)
                    .isEqualTo(fromScratch(added, List.of()));
        }
    }
}
