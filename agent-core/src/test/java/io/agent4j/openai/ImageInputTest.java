package io.agent4j.openai;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.Conversation;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ImagePart;
import io.agent4j.chat.TextPart;
import io.agent4j.chat.UserMessage;
import io.agent4j.chat.internal.ChatJson;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.Images;
import io.agent4j.testing.OpenAiSchemas;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Images in a user message, on the wire of Chat Completions. */
class ImageInputTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    @TempDir
    Path dir;

    /** A tool for the tool history of a request. */
    public static class Album {
        @io.agent4j.tool.Tool("Opens a photo")
        public String photo(String name) {
            return name;
        }
    }

    @Test
    void aMessageWithImagesIsSentAsAnArrayOfTextAndImageUrlParts() throws Exception {
        script(server, answer("A cat."));
        byte[] png = Images.png(8, 8);
        Path file = Files.write(dir.resolve("cat.png"), png);
        UserMessage message = UserMessage.of(new TextPart("What is in these pictures?"),
                ImagePart.fromFile(file, ImagePart.Detail.HIGH),
                ImagePart.url(URI.create("https://example.com/dog.jpg"), ImagePart.Detail.LOW));

        ChatServer.model(server).build().chat(new ChatRequest(List.of(message), List.of()));

        JsonNode body = requests(server).get(0);
        assertThat(body.path("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"What is in these pictures?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\",\"detail\":\"high\"}},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/dog.jpg\",\"detail\":\"low\"}}]}]");
        assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", body)).isEmpty();
    }

    @Test
    void aBodyWithEveryParameterImagesToolsAndAToolHistoryIsValid() {
        script(server, answer("ok"));
        ImagePart image = ImagePart.fromBytes(Images.png(6, 6), "image/png", ImagePart.Detail.LOW);
        List<io.agent4j.chat.Message> history = List.of(new io.agent4j.chat.SystemMessage("Be brief."),
                UserMessage.of(new TextPart("Open the photo and compare it with this one."), image,
                        ImagePart.url(URI.create("https://example.com/b.png"), ImagePart.Detail.HIGH)),
                new io.agent4j.chat.AssistantMessage(null, List.of(new io.agent4j.chat.ToolCall("call_1", "photo",
                        "{\"name\":\"cat\"}"))),
                new io.agent4j.chat.ToolMessage("call_1", "photo",
                        "The photo cat follows.\n[1 image(s): in the next user message]"),
                UserMessage.of(new TextPart("The image(s) returned by tool 'photo' (call call_1):"), image));
        io.agent4j.chat.ChatOptions all = io.agent4j.chat.ChatOptions.builder().temperature(0.2).topP(0.9)
                .maxTokens(100).stop(List.of("END")).seed(7L).toolChoice(io.agent4j.chat.ToolChoice.AUTO)
                .parallelToolCalls(false).reasoningEffort("low").verbosity("high").serviceTier("flex")
                .logprobs(true).topLogprobs(2).metadata(java.util.Map.of("team", "search")).store(true)
                .safetyIdentifier("user-hash-1").promptCacheKey("photos-v1").build();
        var tools = io.agent4j.tool.Toolbox.of(new Album()).definitions();

        ChatServer.model(server).model("gpt-4o").build().chat(new ChatRequest(history, tools, all));

        JsonNode body = requests(server).get(0);
        assertThat(body.path("messages")).hasSize(5);
        assertThat(body.path("messages").get(4).path("content").get(1).path("type").asString()).isEqualTo("image_url");
        assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", body)).isEmpty();
    }

    @Test
    void aTextMessageStillGoesAsAPlainString() {
        script(server, answer("Hi."));
        ChatServer.model(server).build().chat(new ChatRequest(List.of(UserMessage.of("Hello")), List.of()));
        assertThat(requests(server).get(0).path("messages").toString())
                .isEqualTo("[{\"role\":\"user\",\"content\":\"Hello\"}]");
    }

    @Test
    void anAgentRunAndAConversationSendTheImagesAndKeepThemInTheTranscript() {
        script(server, answer("A receipt."), answer("12.50"));
        ImagePart image = ImagePart.fromBytes(Images.png(16, 16), "image/png", ImagePart.Detail.AUTO);
        Agent agent = Agent.builder().model(ChatServer.model(server).build()).instructions("Be brief.").build();

        var result = agent.run(UserMessage.of(new TextPart("What is this?"), image));
        Conversation chat = agent.conversation();
        chat.send(UserMessage.of(new TextPart("The total?"), image));

        assertThat(result.messages().get(1)).isEqualTo(UserMessage.of(new TextPart("What is this?"), image));
        assertThat(chat.messages().get(1)).isEqualTo(UserMessage.of(new TextPart("The total?"), image));
        List<JsonNode> bodies = requests(server);
        for (JsonNode body : bodies) {
            assertThat(body.path("messages").get(1).path("content").get(1).path("image_url").path("url").asString())
                    .isEqualTo(image.url());
            assertThat(OpenAiSchemas.problems("CreateChatCompletionRequest", body)).isEmpty();
        }
    }

    @Test
    void partsReadBackFromTheWireShapeExactly() {
        UserMessage message = UserMessage.of(new TextPart("a"),
                ImagePart.url(URI.create("https://example.com/x.png"), ImagePart.Detail.HIGH), new TextPart("b"));
        assertThat(ChatJson.read(ChatJson.write(message))).isEqualTo(message);
        JsonNode noDetail = ChatJson.MAPPER.readTree("{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"https://example.com/x.png\"}}]}");
        assertThat(ChatJson.read(noDetail)).isEqualTo(UserMessage.of(
                ImagePart.url(URI.create("https://example.com/x.png"))));
    }
}
