package io.agent4j.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.Message;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.RecordingException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replay serves a recorded response only to the request that was recorded: a request with
 * more or fewer messages than the recorded one diverges, even when every message it shares with
 * the recording is the same.
 */
class ReplayDivergenceTest {

    private Path file;
    private ChatRequest recorded;

    @BeforeEach
    void recording() throws Exception {
        URL url = ReplayDivergenceTest.class.getResource("/replay/valid.json");
        file = Path.of(url.toURI());
        recorded = RecordingFile.read(file).get(0).request();
        assertThat(recorded.messages()).hasSize(2);
    }

    private ChatRequest withMessages(List<Message> messages) {
        return new ChatRequest(messages, recorded.tools(), recorded.options());
    }

    @Test
    void theRecordedRequestIsServedItsResponse() {
        assertThat(ReplayChatModel.load(file).chat(recorded).message().toolCalls()).hasSize(1);
    }

    @Test
    void aRequestWithOneMoreMessageThanRecordedDiverges() {
        List<Message> more = new ArrayList<>(recorded.messages());
        more.add(new UserMessage("And in Busan?"));
        ReplayChatModel replay = ReplayChatModel.load(file);

        assertThatThrownBy(() -> replay.chat(withMessages(more))).isInstanceOf(RecordingException.class)
                .hasMessageContaining("diverged at step 1: the recording has 2 message(s) but the agent sent 3");
        assertThat(replay.replayed()).isZero();
    }

    @Test
    void aRequestWithOneMessageFewerThanRecordedDiverges() {
        ReplayChatModel replay = ReplayChatModel.load(file);

        assertThatThrownBy(() -> replay.chat(withMessages(recorded.messages().subList(0, 1))))
                .isInstanceOf(RecordingException.class)
                .hasMessageContaining("diverged at step 1: the recording has 2 message(s) but the agent sent 1");
        assertThat(replay.replayed()).isZero();
    }
}
