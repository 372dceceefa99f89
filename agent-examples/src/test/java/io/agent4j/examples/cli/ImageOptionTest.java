package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code agent4j run --image FILE}: images with the prompt, repeatable, each checked before anything is sent. */
class ImageOptionTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    Path dir;

    private static byte[] png(int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private Cli.Result run(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "run";
        all[1] = "--base-url";
        all[2] = FakeOpenAi.baseUrl(server);
        all[3] = "--api-key";
        all[4] = "k";
        System.arraycopy(args, 0, all, 5, args.length);
        return Cli.run(all);
    }

    @Test
    void imagesFollowThePromptAsImageUrlPartsInTheOrderGiven() throws Exception {
        FakeOpenAi.script(server, FakeOpenAi.stream("A red ", "square."));
        byte[] first = png(3, 3);
        byte[] second = png(5, 2);
        Path photo = Files.write(dir.resolve("photo.png"), first);
        Path other = Files.write(dir.resolve("other.png"), second);

        Cli.Result result = run("--image", photo.toString(), "--image", other.toString(), "What is in this picture?");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("A red square." + System.lineSeparator());
        JsonNode content = FakeOpenAi.requests(server).get(0).path("messages").get(1).path("content");
        assertThat(content.toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"What is in this picture?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(first) + "\",\"detail\":\"auto\"}},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(second) + "\",\"detail\":\"auto\"}}]");
    }

    @Test
    void aMissingImageIsAUsageErrorAndNothingIsSent() {
        Path missing = dir.resolve("photo.jpg");

        Cli.Result result = run("--image", missing.toString(), "What is in this picture?");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--image: the image " + missing + " does not exist; check the path");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void aFileThatIsNoSupportedImageIsAUsageError() throws Exception {
        Path text = Files.writeString(dir.resolve("photo.bmp"), "BM not really");

        Cli.Result result = run("--image", text.toString(), "What is in this picture?");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--image: the image " + text
                + " is not a PNG, JPEG, WEBP or GIF image; convert it to one of those");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void anImageOver20MegabytesIsAUsageError() throws Exception {
        Path big = dir.resolve("huge.png");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(20L * 1024 * 1024 + 1);
        }

        Cli.Result result = run("--image", big.toString(), "What is in this picture?");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--image: the image " + big + " has 20971521 bytes, more than the "
                + "20971520 (20 MB) an image may have");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void withoutImagesThePromptStaysAPlainString() {
        FakeOpenAi.script(server, FakeOpenAi.stream("Hi."));
        run("Hello");
        assertThat(FakeOpenAi.requests(server).get(0).path("messages").get(1).path("content").toString())
                .isEqualTo("\"Hello\"");
    }
}
