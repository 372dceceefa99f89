package io.agent4j.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ImagePart;
import io.agent4j.chat.ImagePart.Detail;
import io.agent4j.chat.Message;
import io.agent4j.chat.TextPart;
import io.agent4j.chat.UserMessage;
import io.agent4j.testing.Images;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Image tokens by OpenAI's published rule, against the examples of its vision guide. */
class ImageTokensTest {

    private final TokenCounter counter = TokenCounter.forModel("gpt-4o");

    @Test
    void a1024SquareAtHighDetailIs765Tokens() {
        assertThat(TokenCounter.imageTokens(1024, 1024)).isEqualTo(765);
        assertThat(counter.count(ImagePart.fromBytes(Images.png(1024, 1024), "image/png", Detail.HIGH)))
                .isEqualTo(765);
    }

    @Test
    void a2048By4096ImageAtHighDetailIs1105Tokens() {
        assertThat(TokenCounter.imageTokens(2048, 4096)).isEqualTo(1105);
        assertThat(counter.count(ImagePart.fromBytes(Images.png(2048, 4096), "image/png", Detail.HIGH)))
                .isEqualTo(1105);
    }

    @Test
    void aSmallImageIsNotScaledUp() {
        assertThat(TokenCounter.imageTokens(512, 512)).isEqualTo(85 + 170);
        assertThat(counter.count(ImagePart.fromBytes(Images.jpeg(500, 300), "image/jpeg", Detail.AUTO)))
                .isEqualTo(85 + 170);
    }

    @Test
    void lowDetailIs85TokensWhateverTheSize() {
        assertThat(counter.count(ImagePart.fromBytes(Images.png(4096, 4096), "image/png", Detail.LOW))).isEqualTo(85);
        assertThat(counter.count(ImagePart.url(URI.create("https://example.com/a.png"), Detail.LOW))).isEqualTo(85);
    }

    @Test
    void anImageOfUnknownSizeCountsAsTheMostAHighDetailImageCosts() {
        assertThat(TokenCounter.UNKNOWN_IMAGE).isEqualTo(1445).isEqualTo(TokenCounter.imageTokens(768, 2048));
        assertThat(counter.count(ImagePart.url(URI.create("https://example.com/a.png")))).isEqualTo(1445);
        assertThat(counter.count(new ImagePart("data:image/webp;base64,UklGRg==", Detail.HIGH))).isEqualTo(1445);
    }

    @Test
    void aMessageCountsItsTextAndItsImages() {
        ImagePart image = ImagePart.fromBytes(Images.png(1024, 1024), "image/png", Detail.HIGH);
        UserMessage withImage = UserMessage.of(new TextPart("What is this?"), image);
        // o200k_base: 3 a message, "user" 1, "What is this?" 4; the 1024 x 1024 image in high detail 765
        assertThat(counter.count(withImage)).isEqualTo(3 + 1 + 4 + 765);
    }

    @Test
    void aTokenWindowCountsTheImagesOfAnEarlierTurn() {
        ImagePart image = ImagePart.fromBytes(Images.png(1024, 1024), "image/png", Detail.HIGH);
        List<Message> textOnly = List.of(new UserMessage("What is this?"), AssistantMessage.of("A cat."),
                new UserMessage("And now?"));
        List<Message> withImage = List.of(UserMessage.of(new TextPart("What is this?"), image),
                AssistantMessage.of("A cat."), new UserMessage("And now?"));
        // the text of the whole history is 25 tokens (3 to prime the reply, then 3 a message, the role's 1
        // and "What is this?" 4, "A cat." 3, "And now?" 3): room for it and 100 more, not for the image's 765
        assertThat(counter.countMessages(textOnly)).isEqualTo(25);
        ChatMemory memory = ChatMemory.tokenWindow(counter, 25 + 100 + 100, 100);

        assertThat(memory.select(textOnly, List.of())).isEqualTo(textOnly);
        assertThat(memory.select(withImage, List.of())).doesNotContain(withImage.get(0))
                .endsWith(new UserMessage("And now?"));
    }
}
