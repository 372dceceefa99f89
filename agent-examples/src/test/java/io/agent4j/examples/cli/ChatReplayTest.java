package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.examples.CalcSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code chat --record} and {@code chat --replay}: a replay must be sent the conversation that was recorded. */
class ChatReplayTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    Path dir;

    private static final String INPUT = "What is the capital of France?\nHow many people live there?\n";

    private Path recordTwoTurns() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Paris."), FakeOpenAi.answer("About 2.1 million."));
        Path recording = dir.resolve("chat.json");
        Cli.Result live = Cli.withInput(INPUT, "chat", "--base-url", FakeOpenAi.baseUrl(server), "--api-key",
                FakeOpenAi.KEY, "--store", dir.resolve("live.db").toString(), "--record", recording.toString());
        assertThat(live.exitCode()).as(live.err()).isEqualTo(ExitCodes.OK);
        assertThat(FakeOpenAi.requests(server)).hasSize(2);
        server.resetAll();
        return recording;
    }

    @Test
    void aRecordedChatReplaysOfflineWithTheSameAnswersAndCanBeReplayedAgain() throws Exception {
        Path recording = recordTwoTurns();
        assertThat(Files.readString(recording)).doesNotContain(FakeOpenAi.KEY);

        Cli.Result replay = Cli.withInput(INPUT, "chat", "--replay", recording.toString());
        Cli.Result again = Cli.withInput(INPUT, "chat", "--replay", recording.toString());

        assertThat(replay.exitCode()).as(replay.err()).isEqualTo(ExitCodes.OK);
        assertThat(replay.out().lines().toList()).containsExactly("Paris.", "About 2.1 million.");
        assertThat(replay.errLines()).hasSize(2).allMatch(line -> line.contains("cost $0.000027"));
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).isEqualTo(replay.out());
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void aDifferentLineFailsTheReplayAtItsStepAfterTheEarlierAnswers() {
        Path recording = recordTwoTurns();

        Cli.Result result = Cli.withInput("What is the capital of France?\nAnd of Spain?\n", "chat", "--quiet",
                "--replay", recording.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.out().lines().toList()).containsExactly("Paris.");
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("agent4j: Replay of " + recording + " diverged at step 2")
                .contains("message 4 (user) differs in 'content'");
    }

    @Test
    void aReplayIntoAStoreThatAlreadyHoldsTheSessionDiverges() {
        Path recording = recordTwoTurns();
        Path store = dir.resolve("replayed.db");
        String[] args = {"chat", "--quiet", "--replay", recording.toString(), "--store", store.toString()};

        Cli.Result first = Cli.withInput(INPUT, args);
        Cli.Result second = Cli.withInput(INPUT, args);

        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(second.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(second.errLines()).singleElement().asString().contains("diverged at step 1");
    }

    @Test
    void theShippedCalcSessionReplaysInAChat() {
        Cli.Result result = Cli.withInput(CalcSession.PROMPT + "\n", "chat", "--example", "calc",
                "--replay", CalcSession.SHIPPED.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo(CalcSession.ANSWER + System.lineSeparator());
        assertThat(result.errLines()).hasSize(3).last().isEqualTo("[1,325 tokens: 1,233 prompt (0 cached) + 92 "
                + "completion; cost unknown (model 'scripted' is not in the price table) | session 1,325 tokens, cost "
                + "unknown]");
        assertThat(result.errLines().subList(0, 2)).allSatisfy(line -> assertThat(line).startsWith("  "));
    }
}
