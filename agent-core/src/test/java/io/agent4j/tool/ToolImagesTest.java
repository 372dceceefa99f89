package io.agent4j.tool;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.ImagePart;
import io.agent4j.chat.TextPart;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.Images;
import io.agent4j.testing.OpenAiSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** A tool that returns an image: a note in the tool message, the image in the user message after the step's results. */
class ToolImagesTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    static final String PHOTO = ImagePart.fromBytes(Images.png(10, 10), "image/png", ImagePart.Detail.AUTO).url();

    public static class Album {
        @Tool("Opens a photo")
        public ToolResult photo(String name) {
            return ToolResult.withImages("The photo " + name + " follows.", PHOTO);
        }

        @Tool("A caption")
        public String caption(String name) {
            return "Caption of " + name;
        }

        @Tool("A broken tool that returns a local path as an image")
        public ToolResult broken() {
            return ToolResult.withImages("Here.", "/tmp/photo.png");
        }
    }

    private Agent agent() {
        return Agent.builder().model(ChatServer.model(server).build()).tools(new Album()).build();
    }

    @Test
    void theImageFollowsTheToolMessagesOfItsStepInAUserMessage() {
        script(server, toolCalls(new String[] {"call_1", "photo", "{\"name\":\"cat\"}"},
                new String[] {"call_2", "caption", "{\"name\":\"cat\"}"}), answer("A cat on a sofa."));

        AgentResult result = agent().run("Describe the photo cat.");

        assertThat(result.messages().get(2)).isEqualTo(new ToolMessage("call_1", "photo",
                "The photo cat follows.\n[1 image(s): in the next user message]"));
        assertThat(result.messages().get(3)).isInstanceOf(ToolMessage.class);
        assertThat(result.messages().get(4)).isEqualTo(UserMessage.of(
                new TextPart("The image(s) returned by tool 'photo' (call call_1):"),
                new ImagePart(PHOTO, ImagePart.Detail.AUTO)));
        JsonNode second = requests(server).get(1);
        JsonNode messages = second.path("messages");
        assertThat(messages.get(2).path("role").asString()).isEqualTo("tool");
        assertThat(messages.get(2).path("content").isString()).isTrue();
        assertThat(messages.get(3).path("role").asString()).isEqualTo("tool");
        assertThat(messages.get(4).path("role").asString()).isEqualTo("user");
        assertThat(messages.get(4).path("content").get(1).path("image_url").path("url").asString()).isEqualTo(PHOTO);
        assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", second)).isEmpty();
    }

    @Test
    void forAModelWithoutImagesTheToolsResultSaysSoAndNoImageIsSent() {
        script(server, toolCalls(new String[] {"call_1", "photo", "{\"name\":\"cat\"}"}), answer("I cannot see it."));
        Agent agent = Agent.builder().model(ChatServer.model(server).acceptsImages(false).build()).tools(new Album())
                .build();

        AgentResult result = agent.run("Describe the photo cat.");

        assertThat(result.messages()).hasSize(4);
        assertThat(result.messages().get(2)).isEqualTo(new ToolMessage("call_1", "photo",
                "The photo cat follows.\n[1 image(s) not shown: this model does not take images]"));
        JsonNode second = requests(server).get(1);
        assertThat(second.path("messages")).hasSize(3);
        assertThat(second.toString()).doesNotContain("image_url").doesNotContain(PHOTO);
        assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", second)).isEmpty();
    }

    @Test
    void aRecordingOfAModelWithoutImagesSendsNoImageEither(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        script(server, toolCalls(new String[] {"call_1", "photo", "{\"name\":\"cat\"}"}), answer("I cannot see it."));
        io.agent4j.chat.ChatModel recording = new io.agent4j.replay.RecordingChatModel(
                ChatServer.model(server).acceptsImages(false).build(), dir.resolve("session.json"));

        Agent.builder().model(recording).tools(new Album()).build().run("Describe the photo cat.");

        assertThat(recording.acceptsImages()).isFalse();
        assertThat(requests(server).get(1).toString()).doesNotContain("image_url");
    }

    @Test
    void anImageThatCannotBeSentFailsTheCallSayingWhy() {
        script(server, toolCalls(new String[] {"call_1", "broken", "{}"}), answer("Sorry."));

        AgentResult result = agent().run("Open it.");

        assertThat(result.messages().get(2).content()).startsWith("Error: tool 'broken' returned an image that "
                + "cannot be sent: an image URL must be https://, http:// or data:");
        assertThat(result.messages()).hasSize(4);
    }
}
