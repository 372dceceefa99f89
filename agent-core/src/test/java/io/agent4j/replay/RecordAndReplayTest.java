package io.agent4j.replay;

import static io.agent4j.testing.ChatServer.KEY;
import static io.agent4j.testing.ChatServer.fixture;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.ChatModel;
import io.agent4j.errors.RecordingException;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.TravelTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RecordAndReplayTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    @TempDir
    Path dir;

    private static final String PROMPT = "Do I need an umbrella in Seoul today?";

    private Agent agent(ChatModel model) {
        return Agent.builder().model(model).instructions("You are a concise travel assistant.")
                .tools(new TravelTools()).build();
    }

    private Path record() {
        script(server, fixture("openai/parallel-tool-calls.json"), fixture("openai/final-answer.json"));
        Path file = dir.resolve("sessions/umbrella.json");
        agent(new RecordingChatModel(ChatServer.model(server).build(), file)).run(PROMPT);
        return file;
    }

    @Test
    void replayGivesTheRecordedResultWithoutTheServer() {
        script(server, fixture("openai/parallel-tool-calls.json"), fixture("openai/final-answer.json"));
        Path file = dir.resolve("sessions/umbrella.json");
        AgentResult live = agent(new RecordingChatModel(ChatServer.model(server).build(), file)).run(PROMPT);
        server.resetAll();

        ReplayChatModel replay = ReplayChatModel.load(file);
        AgentResult replayed = agent(replay).run(PROMPT);

        assertThat(replayed.text()).isEqualTo(live.text());
        assertThat(replayed.messages()).isEqualTo(live.messages().stream()
                .map(m -> m instanceof io.agent4j.chat.ToolMessage t
                        ? new io.agent4j.chat.ToolMessage(t.toolCallId(), t.toolName(), t.content()) : m)
                .toList());
        assertThat(replayed.usage()).isEqualTo(live.usage());
        assertThat(replay.replayed()).isEqualTo(2);
        assertThat(requests(server)).isEmpty();
    }

    @Test
    void aRunWithAnImageReplaysAndADifferentImageDiverges() {
        script(server, ChatServer.answer("The total is 12.50."));
        Path file = dir.resolve("sessions/receipt.json");
        io.agent4j.chat.ImagePart receipt = io.agent4j.chat.ImagePart.fromBytes(
                io.agent4j.testing.Images.png(40, 60), "image/png", io.agent4j.chat.ImagePart.Detail.HIGH);
        io.agent4j.chat.UserMessage question = io.agent4j.chat.UserMessage.of(
                new io.agent4j.chat.TextPart("What is the total?"), receipt);
        AgentResult live = agent(new RecordingChatModel(ChatServer.model(server).build(), file)).run(question);
        server.resetAll();

        AgentResult replayed = agent(ReplayChatModel.load(file)).run(question);

        assertThat(replayed.messages()).isEqualTo(live.messages());
        assertThat(replayed.messages().get(1)).isEqualTo(question);
        assertThat(requests(server)).isEmpty();
        io.agent4j.chat.UserMessage other = io.agent4j.chat.UserMessage.of(
                new io.agent4j.chat.TextPart("What is the total?"), io.agent4j.chat.ImagePart.fromBytes(
                        io.agent4j.testing.Images.png(41, 60), "image/png", io.agent4j.chat.ImagePart.Detail.HIGH));
        assertThatThrownBy(() -> agent(ReplayChatModel.load(file)).run(other))
                .isInstanceOf(RecordingException.class)
                .hasMessageContaining("message 2 (user) differs in 'content'");
    }

    @Test
    void recordingHoldsNoKey() throws Exception {
        String text = Files.readString(record(), StandardCharsets.UTF_8);
        assertThat(text).contains("\"format\" : \"agent4j-recording\"").contains("call_weather_1")
                .doesNotContain(KEY).doesNotContainIgnoringCase("authorization").doesNotContain("Bearer");
    }

    @Test
    void recordingsAreReadableByOthersToBeShared() throws Exception {
        Path file = record();
        org.junit.jupiter.api.Assumptions.assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void changedPromptFailsNamingStepAndDifference() {
        Path file = record();
        assertThatThrownBy(() -> agent(ReplayChatModel.load(file)).run("Do I need sunscreen in Seoul today?"))
                .isInstanceOf(RecordingException.class)
                .hasMessageContaining("diverged at step 1")
                .hasMessageContaining("message 2 (user) differs in 'content'")
                .hasMessageContaining("recorded \"Do I need an umbrella in Seoul today?\"")
                .hasMessageContaining("sent \"Do I need sunscreen in Seoul today?\"")
                .hasMessageContaining("record it again against a live model");
    }

    @Test
    void changedToolResultFailsAtTheStepThatSendsIt() {
        Path file = record();
        Agent other = Agent.builder().model(ReplayChatModel.load(file))
                .instructions("You are a concise travel assistant.").tools(new TravelTools() {
                    @Override
                    public String localTime(String city) {
                        return "09:00 in " + city;
                    }
                }).build();
        assertThatThrownBy(() -> other.run(PROMPT))
                .isInstanceOf(RecordingException.class)
                .hasMessageContaining("diverged at step 2")
                .hasMessageContaining("message 5 (tool)")
                .hasMessageContaining("09:00 in Seoul");
    }

    @Test
    void changedToolsFailNamingThem() {
        Path file = record();
        Agent fewer = Agent.builder().model(ReplayChatModel.load(file))
                .instructions("You are a concise travel assistant.")
                .tools(new io.agent4j.tool.scanned.ScannedTools()).build();
        assertThatThrownBy(() -> fewer.run(PROMPT)).isInstanceOf(RecordingException.class)
                .hasMessageContaining("the tools differ").hasMessageContaining("hello");
    }

    @Test
    void exhaustedRecordingSaysSo() {
        Path file = record();
        ReplayChatModel replay = ReplayChatModel.load(file);
        agent(replay).run(PROMPT);
        assertThatThrownBy(() -> agent(replay).run(PROMPT)).isInstanceOf(RecordingException.class)
                .hasMessageContaining("ran out").hasMessageContaining("holds 2 model response(s)")
                .hasMessageContaining("step 3");
    }

    @Test
    void corruptedRecordingIsAClearError() throws Exception {
        Path file = record();
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() / 2));
        assertThatThrownBy(() -> ReplayChatModel.load(file)).isInstanceOf(RecordingException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not valid JSON");
    }

    @Test
    void recordingWithABrokenStepNamesTheStep() throws Exception {
        Path file = record();
        Files.writeString(file, Files.readString(file).replaceFirst("\"role\" : \"user\"", "\"role\" : \"robot\""));
        assertThatThrownBy(() -> ReplayChatModel.load(file)).isInstanceOf(RecordingException.class)
                .hasMessageContaining("corrupted at exchange 1 of 2, field $.exchanges[0].request.messages[1].role")
                .hasMessageContaining("robot");
    }

    @Test
    void otherJsonIsNotARecording() throws Exception {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"hello\": 1}");
        assertThatThrownBy(() -> ReplayChatModel.load(file)).hasMessageContaining("is not an agent4j recording");
        assertThatThrownBy(() -> ReplayChatModel.load(dir.resolve("missing.json")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void failedStepsAreNotRecordedButEarlierOnesAre() {
        script(server, fixture("openai/parallel-tool-calls.json"),
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                        .withBody("{\"error\":{\"message\":\"bad\"}}"));
        Path file = dir.resolve("partial.json");
        RecordingChatModel recording = new RecordingChatModel(ChatServer.model(server).build(), file);
        assertThatThrownBy(() -> agent(recording).run(PROMPT)).isInstanceOf(io.agent4j.errors.ModelApiException.class);
        assertThat(recording.exchanges()).hasSize(1);
        assertThat(ReplayChatModel.load(file).size()).isEqualTo(1);
    }

    @Test
    void aReplayStartedAtAnExchangeServesItsResponseAndStillChecksTheRequest() {
        Path file = record();
        java.util.List<Exchange> exchanges = RecordingFile.read(file);

        ReplayChatModel second = ReplayChatModel.load(file).startingAt(1);
        assertThat(second.replayed()).isEqualTo(1);
        assertThat(second.chat(exchanges.get(1).request())).isEqualTo(exchanges.get(1).response());
        assertThat(second.replayed()).isEqualTo(2);

        assertThatThrownBy(() -> ReplayChatModel.load(file).startingAt(1).chat(exchanges.get(0).request()))
                .isInstanceOf(RecordingException.class)
                .hasMessageContaining("diverged at step 2");
        assertThatThrownBy(() -> ReplayChatModel.load(file).startingAt(2).chat(exchanges.get(1).request()))
                .isInstanceOf(RecordingException.class)
                .hasMessageContaining("ran out");
        assertThatThrownBy(() -> ReplayChatModel.load(file).startingAt(3))
                .isInstanceOf(RecordingException.class)
                .hasMessageContaining("holds 2 model response(s)").hasMessageContaining("exchange 4");
    }
}
