package io.agent4j.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.openai.internal.RequestBodies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ChatJsonTest {

    private static final List<Message> HISTORY = List.of(new SystemMessage("Be brief."), new UserMessage("Weather?"),
            new AssistantMessage(null, List.of(new ToolCall("c1", "weather", "{\"city\":\"Oslo\"}"))),
            new ToolMessage("c1", "weather", "4 °C, \"rain\""), new AssistantMessage("Rain, 4 °C.", List.of()));

    @Test
    void aMessagesJsonIsWrittenOnceAndIsWhatWriteMakesOfIt() {
        for (Message message : HISTORY) {
            String json = ChatJson.json(message);
            assertThat(ChatJson.json(message)).isSameAs(json);
            assertThat(ChatJson.MAPPER.readTree(json)).isEqualTo(ChatJson.write(message));
        }
        UserMessage equal = new UserMessage("Weather?");
        assertThat(ChatJson.json(equal)).isNotSameAs(ChatJson.json(HISTORY.get(1)))
                .isEqualTo(ChatJson.json(HISTORY.get(1)));
    }

    @Test
    void aRequestBodyHoldsEachMessageAsWrittenRememberedInALongConversationAndAReasoningModelsInstructionsAsTheDeveloper() {
        ChatOptions options = ChatOptions.builder().model("gpt-4o").build();
        JsonNode body = ChatJson.MAPPER.readTree(ChatJson.MAPPER.writeValueAsString(
                RequestBodies.body(new ChatRequest(HISTORY, List.of(), options), options, false, false)));
        assertThat(body.path("messages")).isEqualTo(ChatJson.writeAll(HISTORY));

        List<Message> longer = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            longer.addAll(HISTORY);
        }
        ObjectNode written = RequestBodies.body(new ChatRequest(longer, List.of(),
                options), options, false, false);
        assertThat(written.path("messages")).allSatisfy(message -> assertThat(message.isPojo()).isTrue());
        assertThat(ChatJson.MAPPER.readTree(ChatJson.MAPPER.writeValueAsString(written)).path("messages"))
                .isEqualTo(ChatJson.writeAll(longer));

        ChatOptions o3 = ChatOptions.builder().model("o3").build();
        JsonNode reasoning = ChatJson.MAPPER.readTree(ChatJson.MAPPER.writeValueAsString(
                RequestBodies.body(new ChatRequest(HISTORY, List.of(), o3), o3, false, false)));
        assertThat(reasoning.path("messages").get(0).path("role").asString()).isEqualTo("developer");
        assertThat(reasoning.path("messages").get(0).path("content").asString()).isEqualTo("Be brief.");
        assertThat(ChatJson.json(HISTORY.get(0))).contains("\"system\"");
    }
}
