package io.agent4j.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.EncodingType;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.testing.CountingEncoding;
import io.agent4j.tool.Toolbox;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

    /** OpenAI cookbook, "How to count tokens with tiktoken": role, optional name, content. */
    private static final String[][] COOKBOOK = {
        {"system", null, "You are a helpful, pattern-following assistant that translates corporate jargon into plain English."},
        {"system", "example_user", "New synergies will help drive top-line growth."},
        {"system", "example_assistant", "Things working well together will increase revenue."},
        {"system", "example_user", "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage."},
        {"system", "example_assistant", "Let's talk later when we're less busy about how to do better."},
        {"user", null, "This late pivot means we don't have time to boil the ocean for the client deliverable."},
    };

    /** The cookbook's formula: 3 per message, +1 per name, every value encoded, 3 to prime the reply. */
    private static int cookbookCount(TokenCounter counter) {
        int tokens = TokenCounter.REPLY_PRIMING;
        for (String[] message : COOKBOOK) {
            tokens += TokenCounter.PER_MESSAGE + counter.count(message[0]) + counter.count(message[2]);
            if (message[1] != null) {
                tokens += counter.count(message[1]) + 1;
            }
        }
        return tokens;
    }

    @Test
    void modelsMapToTheirEncodings() {
        assertThat(TokenCounter.forModel("gpt-4o").encodingName()).isEqualTo("o200k_base");
        assertThat(TokenCounter.forModel("gpt-4o-mini-2024-07-18").encodingName()).isEqualTo("o200k_base");
        assertThat(TokenCounter.forModel("gpt-4.1-nano").encodingName()).isEqualTo("o200k_base");
        assertThat(TokenCounter.forModel("o3-mini").encodingName()).isEqualTo("o200k_base");
        assertThat(TokenCounter.forModel("gpt-4-0613").encodingName()).isEqualTo("cl100k_base");
        assertThat(TokenCounter.forModel("gpt-3.5-turbo").encodingName()).isEqualTo("cl100k_base");
        assertThat(TokenCounter.forModel("llama3.1").encodingName()).isEqualTo("o200k_base");
    }

    @Test
    void cl100kMatchesTheCookbooksCountForGpt4AndGpt35() {
        assertThat(cookbookCount(TokenCounter.forModel("gpt-3.5-turbo"))).isEqualTo(129);
        assertThat(cookbookCount(TokenCounter.forModel("gpt-4"))).isEqualTo(129);
    }

    @Test
    void o200kMatchesTheCookbooksCountForGpt4o() {
        assertThat(cookbookCount(TokenCounter.forModel("gpt-4o"))).isEqualTo(124);
        assertThat(cookbookCount(TokenCounter.forModel("gpt-4o-mini"))).isEqualTo(124);
    }

    @Test
    void knownTextCounts() {
        assertThat(TokenCounter.forModel("gpt-4").count("hello world")).isEqualTo(2);
        assertThat(TokenCounter.forModel("gpt-4o").count("hello world")).isEqualTo(2);
        assertThat(TokenCounter.forModel("gpt-4").count("")).isZero();
    }

    @Test
    void messagesWithoutNamesFollowTheSameFormula() {
        TokenCounter counter = TokenCounter.forModel("gpt-4o");
        // o200k_base: "system" 1, "Be brief." 3, "user" 1, "Hi there" 2; 3 a message and 3 to prime the reply
        assertThat(counter.countMessages(List.of(new SystemMessage("Be brief."), new UserMessage("Hi there"))))
                .isEqualTo(3 + (3 + 1 + 3) + (3 + 1 + 2)).isEqualTo(16);
    }

    @Test
    void toolCallsAndToolDefinitionsAddToTheEstimate() {
        TokenCounter counter = TokenCounter.forModel("gpt-4o");
        AssistantMessage bare = AssistantMessage.of(null);
        AssistantMessage calling = new AssistantMessage(null, List.of(new ToolCall("call_1", "weather",
                "{\"city\":\"Seoul\"}")));
        assertThat(counter.count(calling)).isGreaterThan(counter.count(bare) + counter.count("{\"city\":\"Seoul\"}"));
        var tools = Toolbox.of(new io.agent4j.testing.TravelTools()).definitions();
        ChatRequest request = new ChatRequest(List.of(new UserMessage("Hi")), tools);
        assertThat(counter.estimate(request)).isEqualTo(counter.countMessages(request.messages())
                + counter.countTools(tools));
        assertThat(counter.countTools(tools)).isGreaterThan(100);
    }

    @Test
    void eachMessageAndToolDefinitionIsTokenizedOnce() {
        CountingEncoding encoding = new CountingEncoding();
        TokenCounter counter = TokenCounter.of(encoding);
        List<Message> history = List.of(new SystemMessage("Be brief."), new UserMessage("Hi there"),
                new AssistantMessage(null, List.of(new ToolCall("call_1", "weather", "{\"city\":\"Seoul\"}"))),
                new ToolMessage("call_1", "weather", "12 degrees"));
        var tools = Toolbox.of(new io.agent4j.testing.TravelTools()).definitions();
        ChatRequest request = new ChatRequest(history, tools);

        int first = counter.estimate(request);
        int asked = encoding.asked();
        assertThat(asked).isPositive();
        assertThat(counter.estimate(request)).isEqualTo(first);
        assertThat(counter.estimate(new ChatRequest(List.copyOf(history), tools))).isEqualTo(first);
        assertThat(encoding.asked()).as("nothing is tokenized again").isEqualTo(asked);
        assertThat(first).as("the same count as the shared o200k_base counter")
                .isEqualTo(TokenCounter.forModel("gpt-4o").estimate(request));

        // an equal message that is another object is counted on its own (by identity, not by value)
        counter.count(new UserMessage("Hi there"));
        assertThat(encoding.asked()).isGreaterThan(asked);
    }

    @Test
    void countersAreSharedPerEncoding() {
        assertThat(TokenCounter.forModel("gpt-4o")).isSameAs(TokenCounter.forModel("gpt-5-mini"))
                .isSameAs(TokenCounter.of(EncodingType.O200K_BASE));
        assertThat(TokenCounter.forModel("gpt-4")).isSameAs(TokenCounter.of(EncodingType.CL100K_BASE))
                .isNotSameAs(TokenCounter.forModel("gpt-4o"));
        assertThat(TokenCounter.of(new CountingEncoding())).isNotSameAs(TokenCounter.of(new CountingEncoding()));
    }
}
