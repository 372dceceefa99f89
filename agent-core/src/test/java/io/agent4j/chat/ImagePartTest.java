package io.agent4j.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.testing.Images;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePartTest {

    @TempDir
    Path dir;

    @Test
    void aFileBecomesADataUrlOfItsTypeReadFromItsBytesNotItsName() throws Exception {
        byte[] png = Images.png(4, 3);
        Path file = Files.write(dir.resolve("photo.jpg"), png);

        ImagePart image = ImagePart.fromFile(file, ImagePart.Detail.HIGH);

        assertThat(image.url()).isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(png));
        assertThat(image.detail()).isEqualTo(ImagePart.Detail.HIGH);
        assertThat(image.isData()).isTrue();
        assertThat(ImagePart.fromFile(Files.write(dir.resolve("x.png"), Images.jpeg(2, 2))).url())
                .startsWith("data:image/jpeg;base64,");
        assertThat(image.toString()).startsWith("ImagePart[data:image/png;base64,<").endsWith(" base64 characters>, high]");
    }

    @Test
    void anHttpsUrlIsSentAsIsWithAutoDetailByDefault() {
        ImagePart image = ImagePart.url(URI.create("https://example.com/cat.png"));
        assertThat(image.url()).isEqualTo("https://example.com/cat.png");
        assertThat(image.detail()).isEqualTo(ImagePart.Detail.AUTO);
        assertThat(image.isData()).isFalse();
    }

    @Test
    void aMissingFileIsAClearError() {
        Path missing = dir.resolve("nope.png");
        assertThatThrownBy(() -> ImagePart.fromFile(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the image " + missing + " does not exist; check the path");
    }

    @Test
    void aFileThatIsNoImageTheApiAcceptsIsAClearError() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image at all");
        assertThatThrownBy(() -> ImagePart.fromFile(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the image " + text + " is not a PNG, JPEG, WEBP or GIF image; convert it to one of those");
        assertThatThrownBy(() -> ImagePart.fromBytes(new byte[] {1}, "image/bmp", ImagePart.Detail.AUTO))
                .hasMessageContaining("image/bmp is not supported");
    }

    @Test
    void aFileLargerThan20MegabytesIsRefusedBeforeItIsRead() throws Exception {
        Path big = dir.resolve("huge.png");
        try (var file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(ImagePart.MAX_BYTES + 1L);
        }
        assertThatThrownBy(() -> ImagePart.fromFile(big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the image " + big + " has " + (ImagePart.MAX_BYTES + 1) + " bytes, more than the "
                        + ImagePart.MAX_BYTES + " (20 MB) an image may have; scale it down or send it by https URL");
    }

    @Test
    void aUrlOfAnotherSchemeIsRefused() {
        assertThatThrownBy(() -> new ImagePart("file:///etc/passwd", ImagePart.Detail.AUTO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be https://, http:// or data:").hasMessageContaining("ImagePart.fromFile");
    }

    @Test
    void aUserMessageKeepsItsPartsInOrderAndItsTextAsContent() {
        ImagePart image = ImagePart.url(URI.create("https://example.com/a.png"), ImagePart.Detail.LOW);
        UserMessage message = UserMessage.of(new TextPart("What is this?"), image, new TextPart("Be brief."));

        assertThat(message.parts()).hasSize(3);
        assertThat(message.content()).isEqualTo("What is this?\nBe brief.");
        assertThat(message.images()).containsExactly(image);
        assertThat(message.isText()).isFalse();
        assertThat(new UserMessage("Hi")).isEqualTo(UserMessage.of("Hi"));
        assertThat(new UserMessage("Hi").parts()).isEqualTo(List.of(new TextPart("Hi")));
        assertThatThrownBy(UserMessage::of).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one part");
    }
}
