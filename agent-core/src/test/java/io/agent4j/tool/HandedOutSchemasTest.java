package io.agent4j.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.UserMessage;
import io.agent4j.openai.OpenAiChatModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Nothing a tool's definition hands out can change what later toolboxes send: the schema comes as a
 * copy, or as JSON text, and a request body built from it holds no node of the definition.
 */
class HandedOutSchemasTest {

    /** A tool whose schema comes from the shared schema cache. */
    public static class Weather {
        @Tool("The weather in a city")
        public String weather(String city) {
            return "sunny in " + city;
        }
    }

    private static ObjectNode schemaOf(Toolbox toolbox) {
        return toolbox.definitions().get(0).parameters();
    }

    @Test
    void changingAHandedOutSchemaChangesNoOtherToolbox() {
        ToolDefinition definition = Toolbox.of(new Weather()).definitions().get(0);
        ObjectNode before = definition.parameters();

        definition.parameters().put("injected", true);
        ((ObjectNode) definition.parameters().get("properties")).remove("city");

        assertThat(definition.parameters()).isEqualTo(before);
        assertThat(schemaOf(Toolbox.of(new Weather()))).isEqualTo(before);
        assertThat(definition.parametersJson()).doesNotContain("injected").contains("\"city\"");
    }

    @Test
    void changingARequestBodyChangesNoLaterRequest() {
        OpenAiChatModel model = OpenAiChatModel.builder().apiKey("sk-test-0123456789").baseUrl("http://127.0.0.1:9/v1")
                .build();
        ChatRequest request = new ChatRequest(List.of(new UserMessage("Weather in Oslo?")),
                Toolbox.of(new Weather()).definitions());
        ObjectNode body = model.requestBody(request, false);
        JsonNode parameters = body.get("tools").get(0).get("function").get("parameters");
        if (parameters instanceof ObjectNode object) {
            object.put("injected", true);
        }

        String later = model.requestBody(new ChatRequest(List.of(new UserMessage("And Lima?")),
                Toolbox.of(new Weather()).definitions()), false).toString();

        assertThat(later).doesNotContain("injected").contains("\"city\"");
        assertThat(schemaOf(Toolbox.of(new Weather())).has("injected")).isFalse();
    }
}
