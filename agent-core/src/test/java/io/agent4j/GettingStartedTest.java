package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.ChatModel;
import io.agent4j.chat.ToolMessage;
import io.agent4j.testing.ChatServer;
import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's example, as written there, against a scripted server instead of OpenAI. */
class GettingStartedTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    public static class Weather {
        @Tool("Current weather for a city")
        public String current(@Param("City name, e.g. Seoul") String city) {
            return "21°C and sunny in " + city;
        }
    }

    @Test
    void readmeExampleRunsTheToolAndAnswers() {
        script(server, toolCalls(new String[] {"call_1", "current", "{\"city\":\"Seoul\"}"}),
                answer("No umbrella needed: it is 21°C and sunny in Seoul."));
        ChatModel model = ChatServer.model(server).build(); // README: OpenAiChatModel.fromEnv()

        Agent agent = Agent.builder()
                .model(model)
                .instructions("You are a concise travel assistant.")
                .tools(new Weather())
                .build();
        AgentResult result = agent.run("Do I need an umbrella in Seoul today?");

        assertThat(result.text()).isEqualTo("No umbrella needed: it is 21°C and sunny in Seoul.");
        assertThat(result.truncated()).isFalse();
        assertThat(result.messages()).filteredOn(ToolMessage.class::isInstance)
                .extracting(m -> m.content()).containsExactly("21°C and sunny in Seoul");
    }
}
