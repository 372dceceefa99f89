package io.agent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.AgentResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The receipt example: its shipped session carries the real sample image, and its tool stays in its folder. */
class ReceiptSessionTest {

    @Test
    void shippedSessionMatchesAFreshScriptedRun(@TempDir Path dir) throws Exception {
        ReceiptSession.SESSION.assertShippedMatchesAFreshRun(ReceiptSession.SHIPPED, dir);
    }

    @Test
    void theImageFollowsTheToolMessageAsADataUrlOfTheSampleFile() throws Exception {
        List<AgentResult> results = ReceiptSession.SESSION.assertShippedMatchesAFreshRun(ReceiptSession.SHIPPED,
                Files.createTempDirectory("receipt"));
        JsonNode second = ScriptedSession.read(ReceiptSession.SHIPPED).at("/exchanges/1/request/messages");
        String png = Base64.getEncoder().encodeToString(Files.readAllBytes(ReceiptSession.FOLDER.resolve("receipt.png")));

        assertThat(second.get(3).path("role").asString()).isEqualTo("tool");
        assertThat(second.get(3).path("content").asString())
                .isEqualTo("The image receipt.png follows.\n[1 image(s): in the next user message]");
        assertThat(second.get(4).path("role").asString()).isEqualTo("user");
        assertThat(second.get(4).at("/content/1/image_url/url").asString()).isEqualTo("data:image/png;base64," + png);
        assertThat(results.get(0).text()).isEqualTo(ReceiptSession.ANSWER);
        assertThat(Files.size(ReceiptSession.FOLDER.resolve("receipt.png"))).isLessThan(50_000);
    }

    @Test
    void aPathOutsideTheFolderIsRefusedToTheModel() {
        var tools = ReceiptExample.tools(Map.of(ReceiptExample.FOLDER, ReceiptSession.FOLDER.toString()));

        assertThat(tools.call("open_image", "{\"file\":\"../pom.xml\"}").content())
                .contains("../pom.xml is outside the receipts folder");
        assertThat(tools.call("open_image", "{\"file\":\"README.md\"}").content())
                .contains("is not a PNG, JPEG, WEBP or GIF image");
        assertThat(tools.call("open_image", "{\"file\":\"receipt.png\"}").images()).singleElement().asString()
                .startsWith("data:image/png;base64,");
    }
}
