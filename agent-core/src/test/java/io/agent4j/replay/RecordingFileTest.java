package io.agent4j.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agent4j.errors.RecordingException;
import java.io.RandomAccessFile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@link ReplayChatModel#load} refuses: a recording past the size it reads (a huge file, a
 * device that never ends), and one whose fields have the wrong type, each named by the file, the
 * exchange and the field's JSON path. The fixtures are under {@code src/test/resources/replay}.
 */
class RecordingFileTest {

    @TempDir
    Path dir;

    private static Path fixture(String name) throws Exception {
        URL url = RecordingFileTest.class.getResource("/replay/" + name);
        assertThat(url).as(name).isNotNull();
        return Path.of(url.toURI());
    }

    @Test
    void theValidFixtureLoads() throws Exception {
        assertThat(ReplayChatModel.load(fixture("valid.json")).size()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            message-is-an-array.json       | exchange 2 of 2 | $.exchanges[1].request.messages[1]                        | expected a message object, found an array
            tool-calls-an-object.json      | exchange 1 of 2 | $.exchanges[0].response.message.tool_calls                | expected an array of tool calls, found an object
            content-a-number.json          | exchange 2 of 2 | $.exchanges[1].request.messages[3].content                | expected a string, found the number 42
            arguments-an-object.json       | exchange 2 of 2 | $.exchanges[1].request.messages[2].tool_calls[0].function.arguments | expected a string, found an object
            usage-a-string.json            | exchange 2 of 2 | $.exchanges[1].response.usage.total_tokens                | expected a whole number, found the string "88"
            tools-an-object.json           | exchange 1 of 2 | $.exchanges[0].request.tools                              | expected an array of tools, found an object
            response-message-a-string.json | exchange 2 of 2 | $.exchanges[1].response.message                           | expected the assistant's message object, found the string
            image-detail-unknown.json      | exchange 1 of 2 | $.exchanges[0].request.messages[1].content[1].image_url.detail | expected "auto", "low" or "high", found the string "ultra"
            image-url-a-number.json        | exchange 1 of 2 | $.exchanges[0].request.messages[1].content[1].image_url.url | expected a string, found the number 42
            part-type-unknown.json         | exchange 1 of 2 | $.exchanges[0].request.messages[1].content[1].type       | expected "text" or "image_url", found the string "input_audio"
            """)
    void aFieldOfTheWrongTypeIsRefusedNamingTheFileTheExchangeAndTheField(String name, String exchange, String path,
            String problem) throws Exception {
        Path file = fixture(name);

        assertThatThrownBy(() -> ReplayChatModel.load(file)).isInstanceOf(RecordingException.class)
                .hasMessageStartingWith("Recording " + file + " is corrupted at " + exchange + ", field " + path + ": "
                        + problem)
                .hasMessageContaining("Record it again against a live model");
    }

    @Test
    void aFileLargerThanTheCapIsRefusedWithoutReadingIt() throws Exception {
        Path file = dir.resolve("huge.json");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(2_500_000_000L);
        }

        assertThatThrownBy(() -> ReplayChatModel.load(file)).isInstanceOf(RecordingException.class)
                .hasMessage("Recording " + file + " is larger than the 33554432 bytes (32 MiB) a recording may have: "
                        + "it has 2500000000 bytes. Check the path, or record shorter sessions.");
    }

    @Test
    void aDeviceThatNeverEndsIsRefusedAtTheCap() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "needs /dev/zero");

        assertThatThrownBy(() -> ReplayChatModel.load(zero)).isInstanceOf(RecordingException.class)
                .hasMessage("Recording /dev/zero is larger than the 33554432 bytes (32 MiB) a recording may have: "
                        + "it has more than that. Check the path, or record shorter sessions.");
    }

    @Test
    void aFileJustUnderTheCapIsRead() throws Exception {
        String valid = Files.readString(fixture("valid.json"));
        String padded = valid.replaceFirst("\\{", "{ \"comment\" : \"" + "x".repeat(32 * 1024 * 1024 - valid.length() - 20)
                + "\",");
        Path file = Files.writeString(dir.resolve("big.json"), padded);
        assertThat(Files.size(file)).isLessThanOrEqualTo(32 * 1024 * 1024);

        assertThat(ReplayChatModel.load(file).size()).isEqualTo(2);
    }
}
